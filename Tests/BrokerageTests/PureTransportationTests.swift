@testable import Brokerage
import NuanqiCore
import Solvers
import Testing
import TestSupport

@Suite struct PureTransportationTests {
    /// The native flow, GLPK on the same flow, and an independent two-phase LP over the trade
    /// quantities agree on weighted met grams and on the exact unrounded cost; every solution
    /// passes the verifier (no seller oversold, no demand overfilled, every trade allowed).
    @Test(arguments: Array(UInt64(0) ..< 1000))
    func flowsAgreeWithTwoPhaseLP(seed: UInt64) throws {
        let model = try BrokerageModel(RandomMarkets.pure(seed: seed))
        #expect(model.isPureTransportation)
        let native = try BrokerageSolver.solvePure(model, using: .native)
        let check = BrokerageVerifier.verify(native, of: model)
        #expect(check.problems.isEmpty, "seed \(seed): \(check.problems)")
        let nativeCost = Self.unroundedCost(native, model)
        guard GLPK.isAvailable else { return }
        let glpk = try BrokerageSolver.solvePure(model, using: .glpk)
        #expect(BrokerageVerifier.verify(glpk, of: model).feasible, "seed \(seed)")
        #expect(glpk.weightedMetGrams == native.weightedMetGrams, "seed \(seed)")
        #expect(Self.unroundedCost(glpk, model) == nativeCost, "seed \(seed)")
        let (weighted, cost) = try Self.twoPhaseLP(model)
        #expect(abs(Double(native.weightedMetGrams) - weighted) < 1e-6 * max(1, weighted), "seed \(seed)")
        #expect(abs(Double(nativeCost) - cost) < 1e-6 * max(1, cost), "seed \(seed): \(nativeCost) vs \(cost)")
    }

    static func unroundedCost(_ solution: BrokerageSolution, _ model: BrokerageModel) -> Int64 {
        solution.trades.reduce(0) { $0 + $1.terms.effectivePrice.fen * $1.grams }
    }

    /// Phase 1: max Σ priority × g; phase 2: min Σ price × g with phase 1's value kept.
    static func twoPhaseLP(_ model: BrokerageModel) throws -> (Double, Double) {
        let options = RuleOracle.allowedPairs(model)
        func program(keep: Double?) -> LinearProgram {
            var program = LinearProgram(sense: keep == nil ? .maximize : .minimize)
            for option in options {
                program.addColumn(lower: 0, objective: keep == nil ? Double(model.demand(option.demand).priority) : Double(option.terms.effectivePrice.fen))
            }
            for offer in model.offers.indices {
                program.addRow(options.indices.filter { options[$0].offer == offer }.map { ($0, 1.0) }, upper: Double(model.offer(offer).tonnage.grams))
            }
            for demand in model.demands.indices {
                program.addRow(options.indices.filter { options[$0].demand == demand }.map { ($0, 1.0) }, upper: Double(model.demand(demand).tonnage.grams))
            }
            if let keep {
                program.addRow(options.indices.map { ($0, Double(model.demand(options[$0].demand).priority)) }, lower: keep - 1e-6)
            }
            return program
        }
        let first = try GLPK.solve(program(keep: nil))
        let weighted = first.objective ?? 0
        let second = try GLPK.solve(program(keep: weighted))
        return (weighted, second.objective ?? 0)
    }
}

@Suite struct RandomMarketCoverageTests {
    @Test func familyHasTradesShortagesAndRefusals() throws {
        var traded = 0, short = 0, refused = 0
        for seed in UInt64(0) ..< 1000 {
            let model = try BrokerageModel(RandomMarkets.pure(seed: seed))
            let solution = try BrokerageSolver.solvePure(model, using: .native)
            if !solution.trades.isEmpty { traded += 1 }
            let demanded = model.demands.indices.reduce(Int64(0)) { $0 + Int64(model.demand($1).priority) * model.demand($1).tonnage.grams }
            if solution.weightedMetGrams < demanded { short += 1 }
            let offersByPollutant = Dictionary(grouping: model.offers.indices, by: { model.offer($0).pollutant })
            let possible = model.demands.indices.reduce(0) { $0 + (offersByPollutant[model.demand($1).pollutant]?.count ?? 0) }
            if model.pairCount < possible { refused += 1 }
        }
        #expect(traded >= 600, "\(traded)")
        #expect(short >= 300, "\(short)")
        #expect(refused >= 300, "\(refused)")
    }
}


@Suite struct MarginalPriceTests {
    /// On non-degenerate prices where the extra tonne is bought without displacing anyone, the
    /// independent two-phase LP's optimal cost rises by exactly the reported price.
    @Test func priceEqualsTheLPCostChange() throws {
        guard GLPK.isAvailable else { return }
        var checked = 0
        for seed in UInt64(0) ..< 300 {
            let model = try BrokerageModel(RandomMarkets.pure(seed: seed))
            let solution = try BrokerageSolver.solvePure(model, using: .native)
            var received = [Int64](repeating: 0, count: model.demands.count)
            for trade in solution.trades { received[trade.demand] += trade.grams }
            for index in model.demands.indices where received[index] == model.demand(index).tonnage.grams {
                let price = try BrokerageExplanation.marginalPrice(index, model: model, solution: solution, using: .native)
                guard let perTonne = price.perTonne, !price.isDegenerate, !price.displaces else { continue }
                var raised = model.instance
                raised.buyers[model.demands[index].buyer].demands[model.demands[index].demand].tonnage.grams += 1_000_000
                let raisedModel = try BrokerageModel(raised)
                let (weightedBefore, costBefore) = try PureTransportationTests.twoPhaseLP(model)
                let (weightedAfter, costAfter) = try PureTransportationTests.twoPhaseLP(raisedModel)
                let priority = Double(model.demand(index).priority)
                guard abs(weightedAfter - weightedBefore - priority * 1_000_000) < 1e-3 else { continue }
                #expect(abs((costAfter - costBefore) / 1_000_000 - Double(perTonne.fen)) < 1, "seed \(seed) demand \(index)")
                checked += 1
            }
        }
        #expect(checked >= 100, "\(checked)")
    }

    /// The price of a tonne for a new buyer in a region equals the independent LP's cost change
    /// when that buyer is added.
    @Test func regionPriceEqualsTheLPCostChange() throws {
        guard GLPK.isAvailable else { return }
        var checked = 0
        for seed in UInt64(0) ..< 200 {
            let model = try BrokerageModel(RandomMarkets.pure(seed: seed))
            let solution = try BrokerageSolver.solvePure(model, using: .native)
            for region in model.instance.regions {
                for pollutant in model.instance.pollutants {
                    guard let price = try BrokerageExplanation.regionPrice(region: region.id, pollutant: pollutant.id, model: model,
                                                                           solution: solution, using: .native) else { continue }
                    var market = model.instance
                    market.buyers.append(Buyer(id: "probe", region: region.id, sector: .other,
                                               demands: [Demand(pollutant: pollutant.id, tonnage: Tonnage(grams: 1_000_000))]))
                    let (_, before) = try PureTransportationTests.twoPhaseLP(model)
                    let (_, after) = try PureTransportationTests.twoPhaseLP(try BrokerageModel(market))
                    #expect(abs((after - before) / 1_000_000 - Double(price.fen)) < 1, "seed \(seed) \(region.id) \(pollutant.id)")
                    checked += 1
                }
            }
        }
        #expect(checked >= 100, "\(checked)")
    }
}

@Suite struct PermitLadderTests {
    /// The ladders and exits list exactly the pairs (and terms) the rules allow one by one.
    @Test(arguments: Array(UInt64(0) ..< 300))
    func laddersListExactlyTheAllowedPairs(seed: UInt64) throws {
        for market in [RandomMarkets.pure(seed: seed), RandomMarkets.general(seed: seed), RandomMarkets.zhejiang(seed: seed, pure: false)] {
            let model = try BrokerageModel(market)
            let oracle = RuleOracle.allowedPairs(model)
            let listed = model.allowedPairs().options
            #expect(listed == oracle, "seed \(seed): \(listed.count) listed, \(oracle.count) allowed")
            #expect(model.pairCount == oracle.count)
        }
    }

    /// On generated markets with dozens of offers per ladder, the flow over the ladders (native
    /// and GLPK) reaches the independent pairwise LP's weighted met grams and cost.
    @Test(arguments: Array(UInt64(0) ..< 60))
    func ladderFlowMatchesPairwiseLP(seed: UInt64) throws {
        let model = try BrokerageModel(RandomMarkets.zhejiang(seed: seed, pure: true))
        let native = try BrokerageSolver.solvePure(model, using: .native)
        let check = BrokerageVerifier.verify(native, of: model)
        #expect(check.problems.isEmpty, "seed \(seed): \(check.problems)")
        guard GLPK.isAvailable else { return }
        let glpk = try BrokerageSolver.solvePure(model, using: .glpk)
        #expect(glpk.weightedMetGrams == native.weightedMetGrams && PureTransportationTests.unroundedCost(glpk, model) == PureTransportationTests.unroundedCost(native, model), "seed \(seed)")
        let (weighted, cost) = try PureTransportationTests.twoPhaseLP(model)
        #expect(abs(Double(native.weightedMetGrams) - weighted) < 1e-6 * max(1, weighted), "seed \(seed)")
        #expect(abs(Double(PureTransportationTests.unroundedCost(native, model)) - cost) < 1e-6 * max(1, cost), "seed \(seed)")
    }
}
