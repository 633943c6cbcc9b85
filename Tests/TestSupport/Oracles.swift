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

    /// Everything wrong with a flow solution: bounds, conservation, cost, and its certificate
    /// (reduced-cost optimality conditions, or the infeasible cut's supply against its capacity).
    public static func flowCertificateProblems(_ network: FlowNetwork, _ solution: FlowSolution) -> [String] {
        var problems: [String] = []
        switch solution.status {
        case .optimal:
            var balance = network.supply
            var cost: Int64 = 0
            for arc in 0 ..< network.arcCount {
                let flow = solution.flows[arc]
                let source = Int(network.arcSources[arc]), target = Int(network.arcTargets[arc])
                if flow < network.arcLowers[arc] || (network.arcUppers[arc] != FlowNetwork.unlimited && flow > network.arcUppers[arc]) {
                    problems.append("arc \(arc) flow \(flow) outside bounds")
                }
                balance[source] -= flow
                balance[target] += flow
                cost += flow * network.arcCosts[arc]
                let reduced = network.arcCosts[arc] + solution.potentials[source] - solution.potentials[target]
                if reduced < 0 && (network.arcUppers[arc] == FlowNetwork.unlimited || flow < network.arcUppers[arc]) {
                    problems.append("arc \(arc) has reduced cost \(reduced) < 0 below its upper bound")
                }
                if reduced > 0 && flow > network.arcLowers[arc] {
                    problems.append("arc \(arc) has reduced cost \(reduced) > 0 above its lower bound")
                }
            }
            if balance.contains(where: { $0 != 0 }) { problems.append("flow is not conserved") }
            if cost != solution.cost { problems.append("cost \(solution.cost) reported, \(cost) recomputed") }
        case .infeasible:
            guard let cut = solution.infeasibleCut else { return ["infeasible without a cut"] }
            let inside = Set(cut)
            var supply: Int64 = 0
            for node in cut { supply += network.supply[node] }
            var capacity: Int64 = 0
            for arc in 0 ..< network.arcCount {
                let sourceIn = inside.contains(Int(network.arcSources[arc])), targetIn = inside.contains(Int(network.arcTargets[arc]))
                if sourceIn && !targetIn {
                    if network.arcUppers[arc] == FlowNetwork.unlimited { return ["cut has an unlimited arc leaving it"] }
                    capacity += network.arcUppers[arc]
                } else if !sourceIn && targetIn {
                    capacity -= network.arcLowers[arc]
                }
            }
            if supply <= capacity { problems.append("cut supply \(supply) does not exceed its capacity \(capacity)") }
        default:
            break
        }
        return problems
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
