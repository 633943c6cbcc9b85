import Foundation
import NuanqiCore
import Testing
import TestSupport

@Suite struct TonnageTests {
    @Test func designExampleIsExact() throws {
        let received = try Tonnage(tonnesText: Array("7.413".utf8))
        let ask = try Money(yuanText: Array("30000".utf8))
        #expect(received.grams == 7_413_000 && ask.fen == 3_000_000)
        let seller = TradeArithmetic.sellerGrams(received: received, ratio: .one)
        #expect(seller == received)
        #expect(TradeArithmetic.perTonneYear(ask: ask, ratio: .one, fee: Money(fen: 0)).fen == 3_000_000)
        #expect(TradeArithmetic.amount(ask: ask, sellerGrams: seller, fee: Money(fen: 0), received: received, termYears: 5).fen == 111_195_000)
        #expect(received.description == "7.413" && ask.description == "30000")
    }

    @Test func sellerGramsRoundUpNeverUnder() throws {
        let ratio = try SubstitutionRatio(text: Array("1.25".utf8))
        #expect(TradeArithmetic.sellerGrams(received: Tonnage(grams: 1), ratio: ratio).grams == 2)
        #expect(TradeArithmetic.sellerGrams(received: Tonnage(grams: 4), ratio: ratio).grams == 5)
        #expect(throws: ExactDecimal.Problem.self) { try SubstitutionRatio(text: Array("1.00001".utf8)) }
    }

    /// Against Foundation's 38-digit Decimal on random trades, up to 40 t and 44,000 yuan.
    @Test func amountsMatchADecimalOracle() {
        var random = SeededGenerator(seed: 12)
        for _ in 0 ..< 5000 {
            let received = Tonnage(grams: Int64.random(in: 1 ... 40_000_000, using: &random))
            let ratio = SubstitutionRatio(tenThousandths: Int64.random(in: 10_000 ... 40_000, using: &random))
            let ask = Money(fen: Int64.random(in: 100_000 ... 4_400_000, using: &random))
            let fee = Money(fen: Int64.random(in: 0 ... 500_000, using: &random))
            let term = Int.random(in: 1 ... 10, using: &random)
            let seller = TradeArithmetic.sellerGrams(received: received, ratio: ratio)
            let exactSeller = Decimal(received.grams) * Decimal(ratio.tenThousandths) / 10_000
            #expect(Decimal(seller.grams) >= exactSeller && Decimal(seller.grams) - exactSeller < 1)
            let amount = TradeArithmetic.amount(ask: ask, sellerGrams: seller, fee: fee, received: received, termYears: term)
            let exact = (Decimal(ask.fen) * Decimal(seller.grams) + Decimal(fee.fen) * Decimal(received.grams)) * Decimal(term) / 1_000_000
            var rounded = Decimal()
            var value = exact + Decimal(string: "0.5")!
            NSDecimalRound(&rounded, &value, 0, .down)
            #expect(Decimal(amount.fen) == rounded, "\(received) \(ratio) \(ask) \(fee) \(term)")
        }
    }
}
