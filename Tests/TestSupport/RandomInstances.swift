// Seeded random instances covering the shapes that break solvers: square and rectangular,
// forbidden pairs (some infeasible), degenerate (many equal costs), negative costs, lower bounds.

import NuanqiCore

public enum RandomInstances {
    /// A small assignment problem; the seed picks shape and cost pattern.
    public static func assignment(seed: UInt64, maxSide: Int = 7) -> AssignmentProblem {
        var random = SeededGenerator(seed: seed)
        let rows = Int.random(in: 1 ... maxSide, using: &random)
        let columns = Int.random(in: 1 ... maxSide, using: &random)
        let pattern = seed % 4
        let forbiddenShare = seed % 3 == 0 ? Double.random(in: 0.2 ... 0.7, using: &random) : 0
        var costs = [Int64](repeating: 0, count: rows * columns)
        for index in costs.indices {
            if Double.random(in: 0 ..< 1, using: &random) < forbiddenShare {
                costs[index] = AssignmentProblem.forbidden
                continue
            }
            costs[index] = switch pattern {
            case 0: Int64.random(in: 0 ... 100, using: &random)
            case 1: Int64.random(in: 0 ... 2, using: &random)          // ties everywhere
            case 2: Int64.random(in: -50 ... 50, using: &random)       // negative costs
            default: 7                                                   // fully degenerate
            }
        }
        return try! AssignmentProblem(rows: rows, columns: columns, denseCosts: costs)
    }

    /// The same problem in sparse storage.
    public static func sparse(_ problem: AssignmentProblem) -> AssignmentProblem {
        var pairs: [(row: Int, column: Int, cost: Int64)] = []
        problem.forEachPair { pairs.append(($0, $1, $2)) }
        return try! AssignmentProblem(rows: problem.rowCount, columns: problem.columnCount, pairs: pairs)
    }

    /// A small flow network with balanced supplies; some are infeasible, a few unbounded.
    public static func flowNetwork(seed: UInt64) -> FlowNetwork {
        var random = SeededGenerator(seed: seed)
        let nodes = Int.random(in: 2 ... 9, using: &random)
        var network = FlowNetwork(nodeCount: nodes)
        var supply = [Int64](repeating: 0, count: nodes)
        for _ in 0 ..< Int.random(in: 1 ... 4, using: &random) {
            let from = Int.random(in: 0 ..< nodes, using: &random), to = Int.random(in: 0 ..< nodes, using: &random)
            let amount = Int64.random(in: 1 ... 9, using: &random)
            supply[from] += amount
            supply[to] -= amount
        }
        let allowNegativeCycles = seed % 25 == 0
        if allowNegativeCycles {
            // Zero supplies keep it feasible; an unlimited cycle of cost −2 makes it unbounded.
            supply = supply.map { _ in 0 }
            network.addArc(from: 0, to: 1, cost: -3)
            network.addArc(from: 1, to: 0, cost: 1)
        }
        for node in 0 ..< nodes { network.setSupply(supply[node], at: node) }
        let arcs = Int.random(in: nodes ... nodes * 3, using: &random)
        for _ in 0 ..< arcs {
            let from = Int.random(in: 0 ..< nodes, using: &random)
            var to = Int.random(in: 0 ..< nodes, using: &random)
            if to == from && seed % 7 != 0 { to = (from + 1) % nodes }
            let lower: Int64 = seed % 5 == 0 && Bool.random(using: &random) ? Int64.random(in: 0 ... 2, using: &random) : 0
            let unlimited = Int.random(in: 0 ..< 4, using: &random) == 0
            let upper = unlimited ? FlowNetwork.unlimited : lower + Int64.random(in: 0 ... 8, using: &random)
            var cost = seed % 3 == 1 ? Int64.random(in: 0 ... 3, using: &random) : Int64.random(in: -5 ... 20, using: &random)
            if unlimited && !allowNegativeCycles { cost = abs(cost) }
            network.addArc(from: from, to: to, lower: lower, upper: upper, cost: cost)
        }
        return network
    }

    /// Random two-sided preferences; `proposerCapacity`/`receiverCapacity` bound capacities.
    public static func preferences(seed: UInt64, proposers: Int, receivers: Int,
                                   proposerCapacity: Int, receiverCapacity: Int) -> PreferenceProfile {
        var random = SeededGenerator(seed: seed)
        let acceptShare = Double.random(in: 0.4 ... 1.0, using: &random)
        func lists(_ count: Int, _ other: Int) -> [[Int]] {
            (0 ..< count).map { _ in
                Array(0 ..< other).shuffled(using: &random).filter { _ in Double.random(in: 0 ..< 1, using: &random) < acceptShare }
            }
        }
        let proposerLists = lists(proposers, receivers)
        let receiverLists = lists(receivers, proposers)
        return try! PreferenceProfile(
            proposerCapacities: (0 ..< proposers).map { _ in Int.random(in: 1 ... proposerCapacity, using: &random) },
            receiverCapacities: (0 ..< receivers).map { _ in Int.random(in: 1 ... receiverCapacity, using: &random) },
            proposerLists: proposerLists, receiverLists: receiverLists)
    }
}
