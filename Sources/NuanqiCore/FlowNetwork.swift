// The minimum-cost flow problem with lower and upper arc bounds:
//
//     minimize   Σ_a cost_a · f_a
//     subject to Σ_{a out of v} f_a − Σ_{a into v} f_a = supply_v   for every node v
//                lower_a ≤ f_a ≤ upper_a                            for every arc a
//
// Supplies must sum to 0 (model surplus or optional demand with explicit slack arcs). Flows,
// bounds and costs are integers, so an optimal flow is integral and optimality is exact.
// Optimality conditions (node potentials π): the reduced cost r_a = cost_a + π_source − π_target
// is ≥ 0 where f_a < upper_a and ≤ 0 where f_a > lower_a. Infeasibility certificate (Gale): a
// node set S with Σ_{v∈S} supply_v > Σ_{a leaving S} upper_a − Σ_{a entering S} lower_a.

public struct FlowNetwork: Sendable {
    /// An upper bound meaning "no bound".
    public static let unlimited = Int64.max

    public private(set) var supply: [Int64]
    public private(set) var arcSources: [Int32] = []
    public private(set) var arcTargets: [Int32] = []
    public private(set) var arcLowers: [Int64] = []
    public private(set) var arcUppers: [Int64] = []
    public private(set) var arcCosts: [Int64] = []

    public init(nodeCount: Int) {
        supply = [Int64](repeating: 0, count: nodeCount)
    }

    public var nodeCount: Int { supply.count }
    public var arcCount: Int { arcSources.count }

    public mutating func reserveArcs(_ count: Int) {
        arcSources.reserveCapacity(count)
        arcTargets.reserveCapacity(count)
        arcLowers.reserveCapacity(count)
        arcUppers.reserveCapacity(count)
        arcCosts.reserveCapacity(count)
    }

    public mutating func setSupply(_ value: Int64, at node: Int) {
        supply[node] = value
    }

    @discardableResult
    public mutating func addNode(supply value: Int64 = 0) -> Int {
        supply.append(value)
        return supply.count - 1
    }

    /// Adds an arc and returns its index.
    @discardableResult
    public mutating func addArc(from source: Int, to target: Int, lower: Int64 = 0,
                                upper: Int64 = FlowNetwork.unlimited, cost: Int64) -> Int {
        arcSources.append(Int32(truncatingIfNeeded: source))
        arcTargets.append(Int32(truncatingIfNeeded: target))
        arcLowers.append(lower)
        arcUppers.append(upper)
        arcCosts.append(cost)
        return arcSources.count - 1
    }

    /// Restricts this network to the flows that are optimal for `other` (same nodes and arcs,
    /// other costs), given optimal potentials of `other`: by complementary slackness an arc
    /// with positive reduced cost stays at its lower bound and one with negative reduced cost
    /// at its upper bound. Used for lexicographic objectives without a big-M.
    public mutating func fixArcs(by potentials: [Int64], of other: FlowNetwork) {
        for arc in 0 ..< arcCount {
            let reduced = other.arcCosts[arc] + potentials[Int(arcSources[arc])] - potentials[Int(arcTargets[arc])]
            if reduced > 0 { arcUppers[arc] = arcLowers[arc] } else if reduced < 0 && arcUppers[arc] != Self.unlimited { arcLowers[arc] = arcUppers[arc] }
        }
    }

    /// The same network with every cost 0: feasible exactly when this one is, never unbounded.
    public func withZeroCosts() -> FlowNetwork {
        var copy = self
        copy.arcCosts = [Int64](repeating: 0, count: arcCount)
        return copy
    }

    /// Checks indices, bounds and magnitudes so that no kernel can overflow: every cost, bound
    /// and supply must stay below 2^40 in absolute value (a path sum of a million such costs
    /// still fits in 64 bits).
    public func validate() throws(ModelError) {
        let limit: Int64 = 1 << 40
        var total: Int64 = 0
        for (node, value) in supply.enumerated() {
            guard abs(value) <= limit else { throw .magnitudeTooLarge(what: "supply of node \(node)", limit: limit) }
            total += value
        }
        guard total == 0 else { throw .unbalancedSupply(total: total) }
        for arc in 0 ..< arcCount {
            for node in [arcSources[arc], arcTargets[arc]] where node < 0 || Int(node) >= nodeCount {
                throw .nodeOutOfRange(arc: arc, node: Int(node))
            }
            guard abs(arcCosts[arc]) <= limit else { throw .magnitudeTooLarge(what: "cost of arc \(arc)", limit: limit) }
            guard arcLowers[arc] >= 0, arcLowers[arc] <= limit else {
                throw .magnitudeTooLarge(what: "lower bound of arc \(arc) (must be 0 … limit)", limit: limit)
            }
            guard arcUppers[arc] == Self.unlimited || arcUppers[arc] <= limit else {
                throw .magnitudeTooLarge(what: "upper bound of arc \(arc)", limit: limit)
            }
            guard arcLowers[arc] <= arcUppers[arc] else {
                throw .emptyBounds(what: "arc \(arc)", lower: Double(arcLowers[arc]), upper: Double(arcUppers[arc]))
            }
        }
    }
}

/// The outcome of a min-cost flow solve.
public struct FlowSolution: Sendable, Equatable {
    public var status: SolveStatus
    /// Flow on every arc (empty when infeasible).
    public var flows: [Int64]
    public var cost: Int64
    /// Node potentials certifying optimality (see FlowNetwork), when optimal.
    public var potentials: [Int64]
    /// When infeasible: a node set whose supply exceeds what its cut can carry out.
    public var infeasibleCut: [Int]?

    public init(status: SolveStatus, flows: [Int64], cost: Int64, potentials: [Int64], infeasibleCut: [Int]?) {
        self.status = status
        self.flows = flows
        self.cost = cost
        self.potentials = potentials
        self.infeasibleCut = infeasibleCut
    }
}
