// Exact quantities of the permit market. Tonnes are integer grams, yuan integer fen, and
// substitution ratios integer ten-thousandths (DESIGN allows up to 4 decimals), so every sum,
// comparison and rounding rule is exact and the same on every machine.

/// An exact quantity kept as an integer count of 10^-decimals units, read from and written as
/// decimal text.
public protocol FixedPointQuantity: Sendable, Hashable, Comparable, CustomStringConvertible {
    static var decimals: Int { get }
    var units: Int64 { get }
    init(units: Int64)
}

extension FixedPointQuantity {
    /// Parses decimal text with up to `decimals` places, exactly.
    public init(decimalText: some Collection<UInt8>) throws(ExactDecimal.Problem) {
        let (mantissa, written) = try ExactDecimal.parse(decimalText, maxDecimals: Self.decimals)
        self.init(units: mantissa * ExactDecimal.powerOfTen(Self.decimals - written))
    }

    /// The shortest exact decimal: "7.413", "30000", "1.2".
    public var description: String { ExactDecimal.format(units, decimals: Self.decimals) }
    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.units < rhs.units }
}

/// A quantity of pollutant per year, in grams (1 t = 1,000,000 g); written in tonnes.
public struct Tonnage: FixedPointQuantity {
    public static let decimals = 6
    public var grams: Int64
    public var units: Int64 { grams }

    public init(grams: Int64) { self.grams = grams }
    public init(units: Int64) { grams = units }
    /// "7.413" → 7,413,000 g.
    public init(tonnesText: some Collection<UInt8>) throws(ExactDecimal.Problem) { try self.init(decimalText: tonnesText) }
}

/// An amount of money in fen (1 yuan = 100 fen); written in yuan.
public struct Money: FixedPointQuantity {
    public static let decimals = 2
    public var fen: Int64
    public var units: Int64 { fen }

    public init(fen: Int64) { self.fen = fen }
    public init(units: Int64) { fen = units }
    /// "30000" → 3,000,000 fen.
    public init(yuanText: some Collection<UInt8>) throws(ExactDecimal.Problem) { try self.init(decimalText: yuanText) }
}

/// A substitution ratio ≥ 1 in ten-thousandths ("1.25" → 12,500).
public struct SubstitutionRatio: FixedPointQuantity {
    public static let decimals = 4
    public static let one = SubstitutionRatio(tenThousandths: 10_000)
    public var tenThousandths: Int64
    public var units: Int64 { tenThousandths }

    public init(tenThousandths: Int64) { self.tenThousandths = tenThousandths }
    public init(units: Int64) { tenThousandths = units }
    public init(text: some Collection<UInt8>) throws(ExactDecimal.Problem) { try self.init(decimalText: text) }
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

    /// The most grams a buyer can receive for at most `sellerGrams` of the seller's: the largest
    /// g with ⌈ratio × g⌉ ≤ sellerGrams, i.e. ⌊sellerGrams / ratio⌋ (exact in 128 bits).
    public static func receivable(sellerGrams: Tonnage, ratio: SubstitutionRatio) -> Tonnage {
        guard sellerGrams.grams > 0 else { return Tonnage(grams: 0) }
        let product = sellerGrams.grams.multipliedFullWidth(by: 10_000)
        return Tonnage(grams: ratio.tenThousandths.dividingFullWidth(product).quotient)
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
