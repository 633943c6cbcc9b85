// Exact quantities of the permit market. Tonnes are integer grams, yuan integer fen, and
// substitution ratios integer ten-thousandths (DESIGN allows up to 4 decimals), so every sum,
// comparison and rounding rule is exact and the same on every machine.

/// A quantity of pollutant per year, in grams (1 t = 1,000,000 g).
public struct Tonnage: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var grams: Int64

    public init(grams: Int64) { self.grams = grams }

    /// Parses tonnes written with up to 6 decimals ("7.413" → 7,413,000 g).
    public init(tonnesText: some Collection<UInt8>) throws(ExactDecimal.Problem) {
        let (mantissa, decimals) = try ExactDecimal.parse(tonnesText, maxDecimals: 6)
        grams = mantissa * ExactDecimal.powerOfTen(6 - decimals)
    }

    /// "7.413": tonnes with as many decimals as needed.
    public var description: String { ExactDecimal.format(grams, decimals: 6) }
    public static func < (lhs: Tonnage, rhs: Tonnage) -> Bool { lhs.grams < rhs.grams }
}

/// An amount of money in fen (1 yuan = 100 fen).
public struct Money: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var fen: Int64

    public init(fen: Int64) { self.fen = fen }

    /// Parses yuan written with up to 2 decimals ("30000" → 3,000,000 fen).
    public init(yuanText: some Collection<UInt8>) throws(ExactDecimal.Problem) {
        let (mantissa, decimals) = try ExactDecimal.parse(yuanText, maxDecimals: 2)
        fen = mantissa * ExactDecimal.powerOfTen(2 - decimals)
    }

    /// "30000" or "1234.5": yuan.
    public var description: String { ExactDecimal.format(fen, decimals: 2) }
    public static func < (lhs: Money, rhs: Money) -> Bool { lhs.fen < rhs.fen }
}

/// A substitution ratio ≥ 1 in ten-thousandths ("1.25" → 12,500).
public struct SubstitutionRatio: Sendable, Hashable, Comparable, CustomStringConvertible {
    public static let one = SubstitutionRatio(tenThousandths: 10_000)
    public var tenThousandths: Int64

    public init(tenThousandths: Int64) { self.tenThousandths = tenThousandths }

    public init(text: some Collection<UInt8>) throws(ExactDecimal.Problem) {
        let (mantissa, decimals) = try ExactDecimal.parse(text, maxDecimals: 4)
        tenThousandths = mantissa * ExactDecimal.powerOfTen(4 - decimals)
    }

    public var description: String { ExactDecimal.format(tenThousandths, decimals: 4) }
    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.tenThousandths < rhs.tenThousandths }
}

/// DESIGN's rounding rules for one trade, in one place.
public enum TradeArithmetic {
    /// What the seller gives for `received`: ⌈ratio × grams⌉, so the buyer never gets more than
    /// the ratio allows and the seller never gives less.
    public static func sellerGrams(received: Tonnage, ratio: SubstitutionRatio) -> Tonnage {
        let product = received.grams.multipliedFullWidth(by: ratio.tenThousandths)
        let (quotient, remainder) = Int64(10_000).dividingFullWidth(product)
        return Tonnage(grams: remainder > 0 ? quotient + 1 : quotient)
    }

    /// The effective price per tonne-year the buyer pays: ask × ratio + fee, rounded half up.
    public static func perTonneYear(ask: Money, ratio: SubstitutionRatio, fee: Money) -> Money {
        Money(fen: divideRoundingHalfUp(ask.fen * ratio.tenThousandths, by: 10_000) + fee.fen)
    }

    /// round_half_up((ask × sellerGrams + fee × grams) × termYears / 1,000,000), in fen.
    public static func amount(ask: Money, sellerGrams: Tonnage, fee: Money, received: Tonnage, termYears: Int) -> Money {
        let perYear = ask.fen.multipliedFullWidth(by: sellerGrams.grams)
        let feePart = fee.fen.multipliedFullWidth(by: received.grams)
        // Both products fit in 128 bits; add them and scale by the term exactly.
        let total = add(perYear, feePart)
        let scaled = multiply(total, by: Int64(termYears))
        return Money(fen: divideRoundingHalfUp(scaled, by: 1_000_000))
    }

    public static func divideRoundingHalfUp(_ value: Int64, by divisor: Int64) -> Int64 {
        let quotient = value / divisor, remainder = value % divisor
        if remainder >= 0 { return 2 * remainder >= divisor ? quotient + 1 : quotient }
        return -2 * remainder > divisor ? quotient - 1 : quotient
    }

    typealias Wide = (high: Int64, low: UInt64)

    static func add(_ a: Wide, _ b: Wide) -> Wide {
        let (low, carry) = a.low.addingReportingOverflow(b.low)
        return (a.high &+ b.high &+ (carry ? 1 : 0), low)
    }

    static func multiply(_ a: Wide, by factor: Int64) -> Wide {
        precondition(factor >= 0 && a.high >= 0, "amounts are non-negative")
        let low = a.low.multipliedFullWidth(by: UInt64(factor))
        let high = UInt64(a.high) &* UInt64(factor) &+ low.high
        return (Int64(bitPattern: high), low.low)
    }

    /// Half-up division of a non-negative 128-bit value by a positive divisor.
    static func divideRoundingHalfUp(_ value: Wide, by divisor: Int64) -> Int64 {
        let (quotient, remainder) = divisor.dividingFullWidth(value)
        return 2 * remainder >= divisor ? quotient + 1 : quotient
    }
}
