@testable import Matching
import NuanqiCore
import Solvers
import Testing
import TestSupport

@Suite struct StableModesTests {
    /// Both deferred-acceptance results are stable by the independent checker and valid;
    /// stable-optimal is stable, scores at least as well as both, and on tiny markets equals the
    /// best stable score found by enumeration; the native fallback never beats its bound.
    @Test(arguments: Array(UInt64(0) ..< 1000))
    func stableModesAreStableAndStableOptimalIsBest(seed: UInt64) throws {
        let model = try MatchingModel(RandomMatchingInstances.instance(seed: seed), file: "random", runMonth: RandomMatchingInstances.asOf)
        let byCadres = try StableModes.solve(model, cadresPropose: true)
        let byEnterprises = try StableModes.solve(model, cadresPropose: false)
        for solution in [byCadres, byEnterprises] {
            #expect(solution.blockingPairs == 0, "seed \(seed)")
            #expect(MatchingVerifier.verify(solution, of: model, requireMandatoryCoverage: false).problems.isEmpty, "seed \(seed)")
        }
        // Rural hospitals: every stable matching covers the same enterprises.
        #expect(Set(byCadres.assignments.map { model.candidates[$0].enterprise }) == Set(byEnterprises.assignments.map { model.candidates[$0].enterprise }), "seed \(seed)")

        let fallback = try StableModes.solveBest(model, using: .native)
        #expect(fallback.blockingPairs == 0)
        #expect(fallback.objective <= fallback.bound!, "seed \(seed)")
        guard GLPK.isAvailable else { return }
        let best = try StableModes.solveBest(model, using: .auto)
        #expect(best.blockingPairs == 0, "seed \(seed)")
        #expect(MatchingVerifier.verify(best, of: model, requireMandatoryCoverage: false).problems.isEmpty, "seed \(seed)")
        #expect(best.objective >= max(byCadres.objective, byEnterprises.objective), "seed \(seed)")
        #expect(best.objective >= fallback.objective, "seed \(seed)")
        let market = try StableModes.market(model)
        if market.candidateOfCadreEntry.count <= 12 {
            #expect(best.objective == Self.bruteForceBestStableScore(market, model), "seed \(seed)")
        }
    }

    /// Enumerates every subset of the unpinned candidate pairs.
    static func bruteForceBestStableScore(_ market: StableModes.Market, _ model: MatchingModel) -> Score? {
        let profile = market.profile
        var entries: [(cadre: Int, enterprise: Int, score: Score)] = []
        for cadre in 0 ..< profile.proposerCount {
            for (position, enterprise) in profile.list(ofProposer: cadre).enumerated() {
                entries.append((cadre, Int(enterprise), model.candidates[market.candidateOfCadreEntry[profile.proposerStarts[cadre] + position]].score))
            }
        }
        let pinned = market.pinned.reduce(Score(0)) { $0 + model.candidates[$1].score }
        var best: Score? = nil
        for mask in 0 ..< (1 << entries.count) {
            var partners = [[Int]](repeating: [], count: profile.proposerCount)
            var score = pinned
            for (bit, entry) in entries.enumerated() where mask & (1 << bit) != 0 {
                partners[entry.cadre].append(entry.enterprise)
                score += entry.score
            }
            guard let blocking = try? BlockingPairs.find(in: StableMatching(partners: partners), of: profile), blocking.isEmpty else { continue }
            if best == nil || score > best! { best = score }
        }
        return best
    }
}
