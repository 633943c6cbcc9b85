@testable import Brokerage
import NuanqiCore
import Solvers
import Testing
import TestSupport

/// The exact path against independent optima on random markets with substitution ratios and,
/// separately, with fixed costs, lots and counterparty caps: where it says `optimal`, identical
/// priority-weighted met grams and unrounded cost (micro-fen) and bound = objective; where its
/// time limit stops it, `feasible` with the cause named and the reference optimum between its
/// answer and its bound. Every answer passes the verifier; `--solver glpk` answers with GLPK.
@Suite(.enabled(if: GLPK.isAvailable)) struct ExactBrokerageTests {
    static func hasRatios(_ model: BrokerageModel) -> Bool { model.exitsOfDemand.joined().contains { $0.route.ratio > .one } }
    static func hasFeatures(_ model: BrokerageModel) -> Bool { model.hasIntegerFeatures }

    struct Tally { var compared = 0, proven = 0 }

    /// Solves with `choice` and checks the answer against `reference`.
    /// `exact`: the reference is a proven optimum (brute force), not only a verified point.
    static func check(_ model: BrokerageModel, _ reference: BrokerageOracle.Optimum, exact: Bool, using choice: SolverChoice,
                      _ label: String, _ tally: inout Tally) throws {
        tally.compared += 1
        let answer: BrokerageSolution
        do { answer = try BrokerageSolver.solve(model, using: choice, glpkOptions: GLPK.Options(timeLimit: 1)) } catch let SolverError.unsupported(solver, reason) {
            // GLPK alone, without the heuristic's start, may find no point in time: exit 3, no fallback.
            #expect(choice == .glpk && solver == "glpk" && reason.contains("time limit"), "\(label): \(reason)")
            return
        }
        let verification = BrokerageVerifier.verify(answer, of: model)
        #expect(verification.problems.isEmpty, "\(label): \(verification.problems)")
        #expect(answer.solver == "glpk-branch-and-cut", "\(label)")
        let found = BrokerageOracle.Optimum(weightedMetGrams: answer.weightedMetGrams, cost: BrokerageOracle.cost(model, trades: answer.trades))
        if answer.status == .optimal {
            tally.proven += 1
            #expect(answer.bound == answer.weightedMetGrams, "\(label)")
            // A feasible reference point never beats a proven optimum; an exact one equals it.
            if exact { #expect(found == reference, "\(label): found \(found), reference \(reference)") }
            else { #expect((found.weightedMetGrams, -found.cost) >= (reference.weightedMetGrams, -reference.cost), "\(label): found \(found), reference \(reference)") }
        } else {
            #expect(answer.status == .feasible && answer.reason.contains("not proven"), "\(label): \(answer.status) \(answer.reason)")
            #expect(reference.weightedMetGrams <= answer.bound!, "\(label): \(reference) ≤ \(answer.bound!)")
            if exact { #expect((found.weightedMetGrams, -found.cost) <= (reference.weightedMetGrams, -reference.cost), "\(label): \(found) vs \(reference)") }
        }
    }

    /// Markets of `family` accepted by `keep`, against the second formulation, until `count`.
    static func compareWithSecondFormulation(count: Int, family: (UInt64) -> BrokerageInstance, keep: (BrokerageModel) -> Bool) throws -> Tally {
        var tally = Tally()
        for seed in UInt64(0) ..< 8_000 where tally.compared < count {
            let model = try BrokerageModel(family(seed))
            guard !model.isPureTransportation, keep(model) else { continue }
            // A reference the second formulation cannot prove in its time limit is no reference.
            guard let reference = try? BrokerageOracle.integerProgram(model) else { continue }
            try check(model, reference, exact: false, using: seed % 2 == 0 ? .auto : .glpk, "seed \(seed)", &tally)
        }
        print("second formulation: \(tally.proven) of \(tally.compared) proven optimal")
        return tally
    }

    @Test func ratioMarketsMatchTheSecondFormulation() throws {
        let tally = try Self.compareWithSecondFormulation(count: 520, family: RandomMarkets.general) { Self.hasRatios($0) && !Self.hasFeatures($0) }
        #expect(tally.compared >= 500)
        #expect(tally.proven * 100 >= tally.compared * 40, "\(tally.proven) of \(tally.compared) proven")
    }

    @Test func featureMarketsMatchTheSecondFormulation() throws {
        let tally = try Self.compareWithSecondFormulation(count: 320, family: RandomMarkets.general, keep: Self.hasFeatures)
        #expect(tally.compared >= 300)
        #expect(tally.proven * 100 >= tally.compared * 40, "\(tally.proven) of \(tally.compared) proven")
    }

    /// Tiny markets where ⌈ratio × grams⌉ and lots of a few grams bite hardest.
    @Test func tinyMarketsMatchBruteForce() throws {
        var ratios = Tally(), features = Tally()
        for seed in UInt64(0) ..< 5_000 where ratios.compared < 300 || features.compared < 300 {
            let model = try BrokerageModel(RandomMarkets.tiny(seed: seed))
            guard !model.isPureTransportation, (Self.hasFeatures(model) ? features : ratios).compared < 300, let reference = BrokerageOracle.bruteForce(model) else { continue }
            let choice: SolverChoice = seed % 2 == 0 ? .auto : .glpk
            if Self.hasFeatures(model) { try Self.check(model, reference, exact: true, using: choice, "tiny seed \(seed)", &features) }
            else { try Self.check(model, reference, exact: true, using: choice, "tiny seed \(seed)", &ratios) }
        }
        print("brute force: \(ratios) ratio markets, \(features) feature markets")
        #expect(ratios.compared >= 300 && features.compared >= 300, "\(ratios) \(features)")
        #expect(ratios.proven * 100 >= ratios.compared * 40 && features.proven * 100 >= features.compared * 40, "\(ratios) \(features)")
    }

    /// The oracles themselves: brute force and the second formulation agree where both run.
    @Test func oraclesAgree() throws {
        var compared = 0
        for seed in UInt64(0) ..< 600 {
            let model = try BrokerageModel(RandomMarkets.tiny(seed: seed))
            guard !model.allowedPairs().options.isEmpty, let brute = BrokerageOracle.bruteForce(model, limit: 20_000) else { continue }
            compared += 1
            #expect(try BrokerageOracle.integerProgram(model) == brute, "tiny seed \(seed)")
        }
        #expect(compared >= 150, "\(compared)")
    }
}
