import NuanqiCore
import Solvers
import Testing
import TestSupport

@Suite struct DeferredAcceptanceTests {
    /// Every DA result is stable by the independent checker; on tiny instances its proposer rank
    /// sum is the best over all stable matchings (proposer optimality), found by enumeration.
    @Test(arguments: Array(UInt64(0) ..< 500))
    func stableAndProposerOptimalAgainstBruteForce(seed: UInt64) throws {
        let manyOnProposerSide = seed % 2 == 0
        let profile = RandomInstances.preferences(
            seed: seed, proposers: Int(seed % 4) + 1, receivers: Int(seed / 4 % 4) + 1,
            proposerCapacity: manyOnProposerSide ? 2 : 1, receiverCapacity: manyOnProposerSide ? 1 : 3)
        for (name, sideProfile) in [("proposers", profile), ("receivers", profile.swapped)] {
            let matching = DeferredAcceptance.solve(sideProfile)
            #expect(try BlockingPairs.find(in: matching, of: sideProfile).isEmpty, "seed \(seed) \(name) propose")
            #expect(Oracles.proposerRankSum(matching, sideProfile) == Oracles.bruteForceBestStableRankSum(sideProfile),
                    "seed \(seed) \(name) propose: not proposer-optimal")
        }
    }

    /// Against GLPK: the best proposer rank sum over pairwise-stable matchings, as a MIP.
    @Test(arguments: Array(UInt64(1000) ..< 1500))
    func proposerOptimalAgainstGLPK(seed: UInt64) throws {
        guard GLPK.isAvailable else { return }
        let manyOnProposerSide = seed % 2 == 0
        let profile = RandomInstances.preferences(
            seed: seed, proposers: Int(seed % 7) + 2, receivers: Int(seed / 7 % 6) + 2,
            proposerCapacity: manyOnProposerSide ? 3 : 1, receiverCapacity: manyOnProposerSide ? 1 : 3)
        let matching = DeferredAcceptance.solve(profile)
        #expect(try BlockingPairs.find(in: matching, of: profile).isEmpty)
        let best = try StableMatchingProgram.bestProposerRankSum(profile)
        #expect(Oracles.proposerRankSum(matching, profile) == best, "seed \(seed)")
    }

    @Test func manyToManyIsStable() throws {
        for seed in UInt64(0) ..< 200 {
            let profile = RandomInstances.preferences(seed: seed, proposers: 12, receivers: 9,
                                                      proposerCapacity: 3, receiverCapacity: 4)
            let matching = DeferredAcceptance.solve(profile)
            #expect(try BlockingPairs.find(in: matching, of: profile).isEmpty, "seed \(seed)")
        }
    }

    @Test func documentedExampleAndBothSides() throws {
        let profile = try PreferenceProfile(proposerCapacities: [1, 1], receiverCapacities: [1, 1],
                                            proposerLists: [[0, 1], [0, 1]], receiverLists: [[1, 0], [0, 1]])
        #expect(DeferredAcceptance.solve(profile).partners == [[1], [0]])
        #expect(DeferredAcceptance.solve(profile.swapped).partners == [[1], [0]])
    }

    @Test func checkerFindsBlockingPairsAndBrokenCapacities() throws {
        let profile = try PreferenceProfile(proposerCapacities: [1, 1], receiverCapacities: [1, 1],
                                            proposerLists: [[0, 1], [0, 1]], receiverLists: [[0, 1], [0, 1]])
        let unstable = StableMatching(partners: [[1], [0]])
        #expect(try BlockingPairs.find(in: unstable, of: profile).map { [$0.proposer, $0.receiver] } == [[0, 0]])
        #expect(throws: BlockingPairs.Violation.self) {
            try BlockingPairs.find(in: StableMatching(partners: [[0], [0]]), of: profile)
        }
    }

    @Test func largeInstanceIsStable() throws {
        var random = SeededGenerator(seed: 9)
        let cadres = 5000, enterprises = 5000
        let cadreLists = (0 ..< cadres).map { _ in Array((0 ..< enterprises).shuffled(using: &random).prefix(30)) }
        var enterpriseLists = [[Int]](repeating: [], count: enterprises)
        for (cadre, list) in cadreLists.enumerated() { for enterprise in list { enterpriseLists[enterprise].append(cadre) } }
        enterpriseLists = enterpriseLists.map { $0.shuffled(using: &random) }
        let profile = try PreferenceProfile(proposerCapacities: Array(repeating: 1, count: cadres),
                                            receiverCapacities: Array(repeating: 2, count: enterprises),
                                            proposerLists: cadreLists, receiverLists: enterpriseLists)
        let matching = DeferredAcceptance.solve(profile)
        #expect(try BlockingPairs.find(in: matching, of: profile).isEmpty)
        #expect(matching.pairCount > 4000)
    }
}
