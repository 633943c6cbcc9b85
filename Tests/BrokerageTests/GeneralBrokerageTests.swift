@testable import Brokerage
import NuanqiCore
import Solvers
import Testing
import TestSupport

@Suite struct GeneralBrokerageTests {
    /// With ratios and MIP features: the exact path (started from the heuristic, as under
    /// `auto`) and the native heuristic both pass the verifier (no seller oversold counting
    /// ⌈ratio × grams⌉, lots and caps kept) and stay within their bounds; the exact answer is
    /// never below the heuristic's, and its bound never below what either achieves.
    @Test(arguments: Array(UInt64(0) ..< 600))
    func exactAndHeuristicAnswersAreFeasibleAndBounded(seed: UInt64) throws {
        let model = try BrokerageModel(RandomMarkets.general(seed: seed))
        let heuristic = try BrokerageSolver.solve(model, using: .native)
        let check = BrokerageVerifier.verify(heuristic, of: model)
        #expect(check.problems.isEmpty, "seed \(seed): \(check.problems)")
        #expect(heuristic.weightedMetGrams <= heuristic.bound!, "seed \(seed)")
        guard GLPK.isAvailable, !model.isPureTransportation else { return }
        let exact = try BrokerageSolver.solve(model, using: .auto, glpkOptions: GLPK.Options(timeLimit: 1))
        let exactCheck = BrokerageVerifier.verify(exact, of: model)
        #expect(exactCheck.problems.isEmpty, "seed \(seed): \(exactCheck.problems)")
        #expect(exact.weightedMetGrams <= exact.bound!, "seed \(seed)")
        #expect(exact.weightedMetGrams >= heuristic.weightedMetGrams, "seed \(seed)")
        #expect(exact.bound! <= heuristic.bound!, "seed \(seed): the LP bound is the tighter one")
        if exact.status == .optimal { #expect(exact.weightedMetGrams == exact.bound!, "seed \(seed)") }
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
