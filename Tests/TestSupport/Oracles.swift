// Brute-force oracles and certificate checks that share no code with the kernels they judge.

import NuanqiCore
import Solvers

public enum Oracles {
    /// Optimum of a small assignment problem by enumerating injections; nil when infeasible.
    public static func bruteForceAssignment(_ problem: AssignmentProblem) -> Int64? {
        let oriented = problem.rowCount <= problem.columnCount ? problem : problem.transposed()
        var best: Int64? = nil
        var usedColumns = [Bool](repeating: false, count: oriented.columnCount)
        func extend(_ row: Int, _ total: Int64) {
            if row == oriented.rowCount {
                if best == nil || total < best! { best = total }
                return
            }
            for column in 0 ..< oriented.columnCount where !usedColumns[column] {
                guard let cost = oriented.cost(row: row, column: column) else { continue }
                usedColumns[column] = true
                extend(row + 1, total + cost)
                usedColumns[column] = false
            }
        }
        extend(0, 0)
        return best
    }

    /// Everything wrong with a flow solution and its certificate (FlowVerifier).
    public static func flowCertificateProblems(_ network: FlowNetwork, _ solution: FlowSolution) -> [String] {
        FlowVerifier.problems(network, solution)
    }

    /// Sum over proposers of the rank (0-based) of each partner in the proposer's own list.
    public static func proposerRankSum(_ matching: StableMatching, _ profile: PreferenceProfile) -> Int {
        var total = 0
        for (proposer, partners) in matching.partners.enumerated() {
            let list = Array(profile.list(ofProposer: proposer)).map(Int.init)
            for partner in partners { total += list.firstIndex(of: partner)! }
        }
        return total
    }

    /// The smallest proposer rank sum over all pairwise-stable matchings, by enumerating every
    /// subset of mutually acceptable pairs (tiny instances only).
    public static func bruteForceBestStableRankSum(_ profile: PreferenceProfile) -> Int? {
        var pairs: [(Int, Int)] = []
        for proposer in 0 ..< profile.proposerCount {
            for receiver in profile.list(ofProposer: proposer) where profile.list(ofReceiver: Int(receiver)).contains(Int32(proposer)) {
                pairs.append((proposer, Int(receiver)))
            }
        }
        precondition(pairs.count <= 18, "brute force is for tiny instances")
        var best: Int? = nil
        for mask in 0 ..< (1 << pairs.count) {
            var partners = [[Int]](repeating: [], count: profile.proposerCount)
            for (bit, pair) in pairs.enumerated() where mask & (1 << bit) != 0 { partners[pair.0].append(pair.1) }
            let matching = StableMatching(partners: partners)
            guard let blocking = try? BlockingPairs.find(in: matching, of: profile), blocking.isEmpty else { continue }
            let sum = proposerRankSum(matching, profile)
            if best == nil || sum < best! { best = sum }
        }
        return best
    }
}
