// Exact decimal text ↔ scaled integers. Tonnes, yuan and costs are written as decimals by
// planners; reading them through a binary double would turn 7.413 into 7.41299999…, so they are
// parsed digit by digit into (mantissa, decimals) and compared and summed as integers.

public enum ExactDecimal {
    /// Why a text is not an acceptable decimal.
    public enum Problem: Error, Equatable, Sendable, CustomStringConvertible {
        case empty
        case notANumber(String)
        case tooManyDecimals(String, allowed: Int)
        case tooLarge(String)
        case notAWholeNumber(String)

        public var description: String {
            switch self {
            case .empty: "is empty"
            case let .notANumber(text): "\"\(text)\" is not a decimal number (digits, an optional sign and point; no exponent, NaN or infinity)"
            case let .tooManyDecimals(text, allowed): "\"\(text)\" has more than \(allowed) decimals"
            case let .tooLarge(text): "\"\(text)\" is too large (at most 12 digits before the point)"
            case let .notAWholeNumber(text): "\"\(text)\" is not a whole number"
            }
        }
    }

    /// Parses `[+-]digits[.digits]` (or `.digits`) into mantissa and number of decimals:
    /// "-12.50" → (-1250, 2). At most 12 integer digits and `maxDecimals` decimals, so the
    /// mantissa at any scale up to 10^6 fits in 64 bits.
    @inlinable
    public static func parse<Bytes: Collection>(_ bytes: Bytes, maxDecimals: Int = 6) throws(Problem) -> (mantissa: Int64, decimals: Int)
    where Bytes.Element == UInt8 {
        var index = bytes.startIndex
        guard index != bytes.endIndex else { throw .empty }
        var negative = false
        if bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+") {
            negative = bytes[index] == UInt8(ascii: "-")
            index = bytes.index(after: index)
        }
        var mantissa: Int64 = 0
        var integerDigits = 0, decimals = 0, digits = 0
        var seenPoint = false
        while index != bytes.endIndex {
            let byte = bytes[index]
            if byte == UInt8(ascii: ".") && !seenPoint {
                seenPoint = true
            } else if byte >= 0x30 && byte <= 0x39 {
                if seenPoint { decimals += 1 } else if mantissa != 0 || byte != 0x30 { integerDigits += 1 }
                guard integerDigits <= 12 else { throw .tooLarge(text(bytes)) }
                guard decimals <= maxDecimals else { throw .tooManyDecimals(text(bytes), allowed: maxDecimals) }
                mantissa = mantissa * 10 + Int64(byte - 0x30)
                digits += 1
            } else {
                throw .notANumber(text(bytes))
            }
            index = bytes.index(after: index)
        }
        guard digits > 0 else { throw .notANumber(text(bytes)) }
        return (negative ? -mantissa : mantissa, decimals)
    }

    /// Parses a whole number (no point).
    @inlinable
    public static func parseInteger<Bytes: Collection>(_ bytes: Bytes) throws(Problem) -> Int64 where Bytes.Element == UInt8 {
        let (mantissa, decimals) = try parse(bytes, maxDecimals: 6)
        guard decimals == 0 else { throw .notAWholeNumber(text(bytes)) }
        return mantissa
    }

    /// Formats a scaled integer as the shortest exact decimal: (1250, 2) → "12.5", (300, 2) → "3".
    public static func format(_ mantissa: Int64, decimals: Int) -> String {
        guard decimals > 0 else { return String(mantissa) }
        let magnitude = mantissa.magnitude
        var scale: UInt64 = 1
        for _ in 0 ..< decimals { scale *= 10 }
        var fraction = String(magnitude % scale)
        fraction = String(repeating: "0", count: decimals - fraction.count) + fraction
        while fraction.hasSuffix("0") { fraction.removeLast() }
        let whole = (mantissa < 0 ? "-" : "") + String(magnitude / scale)
        return fraction.isEmpty ? whole : whole + "." + fraction
    }

    /// 10^exponent for small exponents.
    public static func powerOfTen(_ exponent: Int) -> Int64 {
        var value: Int64 = 1
        for _ in 0 ..< exponent { value *= 10 }
        return value
    }

    @usableFromInline
    static func text<Bytes: Collection>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        String(decoding: bytes.prefix(40), as: UTF8.self)
    }
}
