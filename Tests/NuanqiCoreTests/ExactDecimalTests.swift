import NuanqiCore
import Testing
import TestSupport

@Suite struct ExactDecimalTests {
    @Test func parsesWithoutBinaryRounding() throws {
        #expect(try ExactDecimal.parse(Array("7.413".utf8)) == (7413, 3))
        #expect(try ExactDecimal.parse(Array("-0.000001".utf8)) == (-1, 6))
        #expect(try ExactDecimal.parse(Array("+30554".utf8)) == (30554, 0))
        #expect(try ExactDecimal.parse(Array(".5".utf8)) == (5, 1))
        #expect(try ExactDecimal.parse(Array("999999999999.999999".utf8)) == (999_999_999_999_999_999, 6))
    }

    @Test func rejectsWhatIsNotADecimal() {
        for text in ["", "-", ".", "1e3", "NaN", "inf", "1.2.3", "--1", "1,5", "0x10", " 1"] {
            #expect(throws: ExactDecimal.Problem.self, "\(text)") { try ExactDecimal.parse(Array(text.utf8)) }
        }
        #expect(throws: ExactDecimal.Problem.tooManyDecimals("1.1234567", allowed: 6)) { try ExactDecimal.parse(Array("1.1234567".utf8)) }
        #expect(throws: ExactDecimal.Problem.tooLarge("1234567890123")) { try ExactDecimal.parse(Array("1234567890123".utf8)) }
    }

    /// Formatting then parsing gives back the same scaled integer, for many random values.
    @Test func formatRoundTrips() throws {
        var random = SeededGenerator(seed: 3)
        for _ in 0 ..< 5000 {
            let mantissa = Int64.random(in: -999_999_999_999 ... 999_999_999_999, using: &random)
            let decimals = Int.random(in: 0 ... 6, using: &random)
            let text = ExactDecimal.format(mantissa, decimals: decimals)
            let parsed = try ExactDecimal.parse(Array(text.utf8))
            #expect(parsed.mantissa * ExactDecimal.powerOfTen(decimals - parsed.decimals) == mantissa, "\(text)")
        }
        #expect(ExactDecimal.format(-5, decimals: 1) == "-0.5")
        #expect(ExactDecimal.format(300, decimals: 2) == "3")
    }
}
