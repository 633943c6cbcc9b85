import Matching
import NuanqiCore
import Solvers
import Testing
import TestSupport

@Suite struct SideConstrainedMatchingTests {
    static func instance(_ seed: UInt64) -> MatchingInstance {
        var instance = RandomMatchingInstances.instance(seed: seed)
        if seed % 3 != 1 { instance.policy.maxPerDepartment = Int(seed % 2) + 1 }
        if seed % 3 != 0 { instance.policy.maxPerTown = Int(seed / 2 % 2) + 1 }
        return instance
    }

    /// GLPK's MIP reaches the brute-force optimum (coverage, then score) and its results pass
    /// the verifier, which checks the limits; the native repair is feasible when it answers,
    /// never beats GLPK, and stays within its bound.
    @Test(arguments: Array(UInt64(0) ..< 600))
    func mipMatchesBruteForceAndHeuristicIsBounded(seed: UInt64) throws {
        let model = try MatchingModel(Self.instance(seed), file: "random", runMonth: RandomMatchingInstances.asOf)
        let expected = model.candidates.count <= 14 ? MatchingOracle.best(model) : nil
        if GLPK.isAvailable {
            let exact = try SideConstrainedMatching.solve(model, using: .glpk)
            if model.candidates.count <= 14 {
                #expect((exact.status == .infeasible) == (expected == nil), "seed \(seed): \(exact.status)")
            }
            if exact.status == .optimal {
                #expect(MatchingVerifier.verify(exact, of: model).problems.isEmpty, "seed \(seed)")
                if let expected {
                    #expect(exact.objective == expected.score, "seed \(seed)")
                    if model.instance.policy.coverageFirst { #expect(exact.coveredEnterprises == expected.covered, "seed \(seed)") }
                }
            }
            if let heuristic = try? SideConstrainedMatching.solve(model, using: .native), heuristic.status != .infeasible, exact.status == .optimal {
                #expect(MatchingVerifier.verify(heuristic, of: model).problems.isEmpty, "seed \(seed)")
                #expect(heuristic.objective <= heuristic.bound!, "seed \(seed)")
                if model.instance.policy.coverageFirst {
                    #expect((heuristic.coveredEnterprises, heuristic.objective) <= (exact.coveredEnterprises, exact.objective), "seed \(seed)")
                }
            }
        }
    }
}
