@testable import Brokerage
import NuanqiCore
import Solvers
import Testing
import TestSupport

@Suite struct GeneralBrokerageTests {
    /// With ratios and MIP features: GLPK's rounded answer and the native heuristic both pass
    /// the verifier (no seller oversold counting ⌈ratio × grams⌉, lots and caps kept) and stay
    /// within their bounds; GLPK's bound is never below what the heuristic achieves.
    @Test(arguments: Array(UInt64(0) ..< 600))
    func roundedAndHeuristicAnswersAreFeasibleAndBounded(seed: UInt64) throws {
        let model = try BrokerageModel(RandomMarkets.general(seed: seed))
        let heuristic = try BrokerageSolver.solve(model, using: .native)
        let check = BrokerageVerifier.verify(heuristic, of: model)
        #expect(check.problems.isEmpty, "seed \(seed): \(check.problems)")
        #expect(heuristic.weightedMetGrams <= heuristic.bound!, "seed \(seed)")
        guard GLPK.isAvailable, !model.isPureTransportation else { return }
        let glpk = try BrokerageSolver.solve(model, using: .glpk)
        let glpkCheck = BrokerageVerifier.verify(glpk, of: model)
        #expect(glpkCheck.problems.isEmpty, "seed \(seed): \(glpkCheck.problems)")
        #expect(glpk.weightedMetGrams <= glpk.bound!, "seed \(seed)")
        #expect(glpk.bound! >= heuristic.weightedMetGrams, "seed \(seed)")
        // Without lots, rounding down costs a few grams per trade (times its priority); with
        // lots a rounded trade can fall under the lot and go, so no such promise there.
        if model.instance.options.minLot == nil {
            let slack = (glpk.trades.count + model.pairCount) * 3
            #expect(glpk.weightedMetGrams + Int64(slack) >= glpk.bound!, "seed \(seed): \(glpk.weightedMetGrams) vs \(glpk.bound!)")
        }
    }
}

@Suite struct GeneralMarketCoverageTests {
    @Test func familyExercisesRatiosAndEveryMIPFeature() throws {
        var ratios = 0, fixed = 0, lots = 0, caps = 0, heuristicShort = 0
        for seed in UInt64(0) ..< 600 {
            let model = try BrokerageModel(RandomMarkets.general(seed: seed))
            if model.exitsOfDemand.joined().contains(where: { $0.route.ratio > .one }) { ratios += 1 }
            if model.instance.options.fixedCostPerTrade.fen > 0 { fixed += 1 }
            if model.instance.options.minLot != nil { lots += 1 }
            if model.instance.options.maxCounterparties != nil { caps += 1 }
            let heuristic = try BrokerageSolver.solve(model, using: .native)
            if heuristic.weightedMetGrams < heuristic.bound! { heuristicShort += 1 }
        }
        #expect(ratios >= 100 && fixed >= 150 && lots >= 120 && caps >= 100, "\(ratios) \(fixed) \(lots) \(caps)")
        #expect(heuristicShort >= 30, "\(heuristicShort)")
    }
}
