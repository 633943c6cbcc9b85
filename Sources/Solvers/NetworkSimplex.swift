// Minimum-cost flow with lower and upper arc bounds by the primal network simplex method.
//
// Problem: FlowNetwork (NuanqiCore): balanced supplies, integer bounds and costs.
// Algorithm: primal network simplex on a spanning tree rooted at an artificial node joined to
//   every node by a big-M artificial arc (Ahuja, Magnanti & Orlin, "Network Flows", 1993,
//   ch. 11, pp. 402–460). Entering arcs come from block search (the most violating arc of a
//   block of about √m arcs, scanned cyclically: Grigoriadis 1986; Kovács, "Minimum-cost flow
//   algorithms: an experimental evaluation", Optimization Methods and Software 30(1), 2015,
//   found it the fastest pivot rule). The leaving arc follows Cunningham's rule (the last
//   blocking arc met from the apex in the direction of flow), which keeps the tree strongly
//   feasible and rules out cycling.
// Role: MinCostFlow runs it for small networks, for networks with a negative-cost arc of
//   unlimited capacity (it detects unboundedness) and for infeasibility certificates; it ends
//   on a basis, so exact integer potentials come for free. On large assignment-shaped
//   networks most of its pivots are degenerate and cost scaling is much faster.
// Complexity: pseudo-polynomial in theory; in practice O(m) per pivot scan block, and the tree
//   update costs the size of the moved subtree. Memory: O(n + m), about 50 bytes per arc.
// Deviations from the textbook: the tree is kept as parent, depth and first-child /
//   next-sibling lists (the moved subtree is re-hung and walked once per pivot to shift its
//   potentials and depths) rather than thread indices. Lower bounds are shifted out first.
// Certificates: optimal results carry potentials (reduced-cost conditions in FlowNetwork);
//   infeasible results carry a cut whose supply exceeds its capacity.
//
//     var network = FlowNetwork(nodeCount: 3)
//     network.setSupply(4, at: 0); network.setSupply(-4, at: 2)
//     network.addArc(from: 0, to: 1, upper: 3, cost: 1)
//     network.addArc(from: 1, to: 2, cost: 1)
//     network.addArc(from: 0, to: 2, cost: 5)
//     let solution = try MinCostFlow.solve(network, algorithm: .networkSimplex)
//     // cost 3·2 + 1·5 = 11, flows [3, 3, 1]

import NuanqiCore

/// The working arrays of one network simplex run. Raw buffers: the pivot loop is the hot path
/// and must not pay for bounds checks or copy-on-write tests.
final class NetworkSimplexState {
    enum Outcome { case optimal, infeasible, unbounded }

    private static let atLower: Int8 = 1
    private static let inTree: Int8 = 0
    private static let atUpper: Int8 = -1
    private static let infinity = Int64.max

    let nodeCount: Int
    let arcCount: Int
    private let root: Int
    private let source: UnsafeMutablePointer<Int>
    private let target: UnsafeMutablePointer<Int>
    private let cost: UnsafeMutablePointer<Int64>
    private let capacity: UnsafeMutablePointer<Int64>
    private let flow: UnsafeMutablePointer<Int64>
    private let arcState: UnsafeMutablePointer<Int8>
    private let potential: UnsafeMutablePointer<Int64>
    private let parent: UnsafeMutablePointer<Int>
    private let predecessorArc: UnsafeMutablePointer<Int>
    /// +1 when the predecessor arc points from the node up to its parent, −1 when down to it.
    private let predecessorDirection: UnsafeMutablePointer<Int>
    private let depth: UnsafeMutablePointer<Int>
    private let firstChild: UnsafeMutablePointer<Int>
    private let nextSibling: UnsafeMutablePointer<Int>
    private let previousSibling: UnsafeMutablePointer<Int>

    init(_ network: FlowNetwork) throws(ModelError) {
        nodeCount = network.nodeCount
        arcCount = network.arcCount
        root = nodeCount
        let allArcs = arcCount + nodeCount
        let allNodes = nodeCount + 1
        source = .allocate(capacity: allArcs)
        target = .allocate(capacity: allArcs)
        cost = .allocate(capacity: allArcs)
        capacity = .allocate(capacity: allArcs)
        flow = .allocate(capacity: allArcs)
        arcState = .allocate(capacity: allArcs)
        potential = .allocate(capacity: allNodes)
        parent = .allocate(capacity: allNodes)
        predecessorArc = .allocate(capacity: allNodes)
        predecessorDirection = .allocate(capacity: allNodes)
        depth = .allocate(capacity: allNodes)
        firstChild = .allocate(capacity: allNodes)
        nextSibling = .allocate(capacity: allNodes)
        previousSibling = .allocate(capacity: allNodes)

        // Big-M: dearer than any path of real arcs, so artificial flow survives only when no
        // feasible flow exists. Potentials stay within about 2·M, which must fit comfortably.
        let largestCost = network.arcCosts.reduce(Int64(0)) { max($0, abs($1)) }
        let (artificialCost, overflow) = (largestCost + 1).multipliedReportingOverflow(by: Int64(nodeCount + 2))
        guard !overflow, artificialCost < Int64.max / 8 else {
            throw .magnitudeTooLarge(what: "arc cost × node count", limit: Int64.max / 8)
        }

        var balance = network.supply
        for arc in 0 ..< arcCount {
            let lower = network.arcLowers[arc], upper = network.arcUppers[arc]
            let from = Int(network.arcSources[arc]), to = Int(network.arcTargets[arc])
            source[arc] = from
            target[arc] = to
            cost[arc] = network.arcCosts[arc]
            capacity[arc] = upper == FlowNetwork.unlimited ? Self.infinity : upper - lower
            flow[arc] = 0
            arcState[arc] = Self.atLower
            balance[from] -= lower
            balance[to] += lower
        }
        potential[root] = 0
        parent[root] = -1
        predecessorArc[root] = -1
        predecessorDirection[root] = 0
        depth[root] = 0
        nextSibling[root] = -1
        previousSibling[root] = -1
        firstChild[root] = nodeCount > 0 ? 0 : -1
        for node in 0 ..< nodeCount {
            let arc = arcCount + node
            parent[node] = root
            predecessorArc[node] = arc
            depth[node] = 1
            firstChild[node] = -1
            previousSibling[node] = node - 1
            nextSibling[node] = node + 1 < nodeCount ? node + 1 : -1
            capacity[arc] = Self.infinity
            arcState[arc] = Self.inTree
            if balance[node] >= 0 {
                source[arc] = node; target[arc] = root
                cost[arc] = 0; flow[arc] = balance[node]
                predecessorDirection[node] = 1
                potential[node] = 0
            } else {
                source[arc] = root; target[arc] = node
                cost[arc] = artificialCost; flow[arc] = -balance[node]
                predecessorDirection[node] = -1
                potential[node] = artificialCost
            }
        }
    }

    deinit {
        for pointer in [source, target, parent, predecessorArc, predecessorDirection, depth,
                        firstChild, nextSibling, previousSibling] { pointer.deallocate() }
        for pointer in [cost, capacity, flow, potential] { pointer.deallocate() }
        arcState.deallocate()
    }

    func run() -> Outcome {
        let blockSize = max(10, Int(Double(arcCount).squareRoot()))
        var nextArc = 0
        while true {
            // Block search for the entering arc.
            var entering = -1
            var mostViolating: Int64 = 0
            var scanned = 0
            var arc = nextArc
            var inBlock = 0
            while scanned < arcCount {
                let violation = Int64(arcState[arc]) * (cost[arc] + potential[source[arc]] - potential[target[arc]])
                if violation < mostViolating {
                    mostViolating = violation
                    entering = arc
                }
                arc += 1
                if arc == arcCount { arc = 0 }
                scanned += 1
                inBlock += 1
                if inBlock == blockSize {
                    if entering >= 0 { break }
                    inBlock = 0
                }
            }
            if entering < 0 { break }
            nextArc = arc
            if !pivot(on: entering) { return .unbounded }
        }
        for node in 0 ..< nodeCount where flow[arcCount + node] > 0 { return .infeasible }
        return .optimal
    }

    /// Lexicographic second stage, warm-started: from this optimal basis for the first costs,
    /// takes `secondCosts` and pivots only on arcs whose first-stage reduced cost is 0. Every
    /// such pivot moves flow around a cycle of first-stage reduced cost 0, so the flow stays
    /// optimal for the first costs while it becomes optimal for the second among those flows
    /// (the first stage's optimal face). Needs `run()` to have ended `.optimal`.
    func reoptimize(secondCosts: [Int64]) throws(ModelError) -> Outcome {
        for arc in 0 ..< arcCount where arcState[arc] != Self.inTree {
            // Pricing multiplies by the state, so state 0 keeps an arc from ever entering; a
            // frozen arc is never on the tree, where 0 means "in the tree".
            if cost[arc] + potential[source[arc]] - potential[target[arc]] != 0 { arcState[arc] = Self.inTree }
        }
        let largestCost = secondCosts.reduce(Int64(0)) { max($0, abs($1)) }
        let (artificialCost, overflow) = (largestCost + 1).multipliedReportingOverflow(by: Int64(nodeCount + 2))
        guard !overflow, artificialCost < Int64.max / 8 else {
            throw .magnitudeTooLarge(what: "arc cost × node count", limit: Int64.max / 8)
        }
        for arc in 0 ..< arcCount { cost[arc] = secondCosts[arc] }
        for arc in arcCount ..< arcCount + nodeCount { cost[arc] = source[arc] == root ? artificialCost : 0 }
        // Potentials from the root down the tree, pre-order, so every tree arc prices at 0.
        var node = firstChild[root]
        while node >= 0 {
            let arc = predecessorArc[node]
            potential[node] = predecessorDirection[node] == 1 ? potential[parent[node]] - cost[arc] : potential[parent[node]] + cost[arc]
            if firstChild[node] >= 0 { node = firstChild[node]; continue }
            while node >= 0 && nextSibling[node] < 0 { node = parent[node] == root ? -1 : parent[node] }
            if node >= 0 { node = nextSibling[node] }
        }
        return run()
    }

    /// One pivot; false when the cycle has unlimited capacity (unbounded problem).
    private func pivot(on entering: Int) -> Bool {
        // The cycle: entering arc plus the tree paths from its ends up to their apex.
        var first = source[entering], second = target[entering]
        if arcState[entering] == Self.atUpper { swap(&first, &second) }
        var left = first, right = second
        while left != right {
            if depth[left] > depth[right] { left = parent[left] }
            else if depth[right] > depth[left] { right = parent[right] }
            else { left = parent[left]; right = parent[right] }
        }
        let apex = left

        // Flow goes apex → … → first → (entering) → second → … → apex. Cunningham's rule:
        // strict comparison on the first side, non-strict on the second.
        var delta = capacity[entering]
        var leavingNode = -1
        var leavingOnFirstSide = false
        var node = first
        while node != apex {
            let arc = predecessorArc[node]
            let room = predecessorDirection[node] == 1 ? flow[arc] : residual(arc)
            if room < delta { delta = room; leavingNode = node; leavingOnFirstSide = true }
            node = parent[node]
        }
        node = second
        while node != apex {
            let arc = predecessorArc[node]
            let room = predecessorDirection[node] == 1 ? residual(arc) : flow[arc]
            if room <= delta { delta = room; leavingNode = node; leavingOnFirstSide = false }
            node = parent[node]
        }
        if delta == Self.infinity { return false }

        if delta > 0 {
            let signed = Int64(arcState[entering]) * delta
            flow[entering] += signed
            node = source[entering]
            while node != apex {
                flow[predecessorArc[node]] -= Int64(predecessorDirection[node]) * signed
                node = parent[node]
            }
            node = target[entering]
            while node != apex {
                flow[predecessorArc[node]] += Int64(predecessorDirection[node]) * signed
                node = parent[node]
            }
        }

        if leavingNode < 0 {
            arcState[entering] = -arcState[entering]
            return true
        }
        let leavingArc = predecessorArc[leavingNode]
        arcState[leavingArc] = flow[leavingArc] == 0 ? Self.atLower : Self.atUpper
        arcState[entering] = Self.inTree
        let joinInside = leavingOnFirstSide ? first : second
        let joinOutside = leavingOnFirstSide ? second : first
        rehang(subtreeOf: leavingNode, at: joinInside, under: joinOutside, through: entering)
        return true
    }

    private func residual(_ arc: Int) -> Int64 {
        capacity[arc] == Self.infinity ? Self.infinity : capacity[arc] - flow[arc]
    }

    /// Cuts the subtree below `leavingNode`, re-roots it at `inside` (on the stem between
    /// them), hangs it under `outside` through the entering arc, and shifts its potentials so
    /// the entering arc's reduced cost becomes 0.
    private func rehang(subtreeOf leavingNode: Int, at inside: Int, under outside: Int, through entering: Int) {
        let insideIsSource = source[entering] == inside
        let newPotential = insideIsSource ? potential[outside] - cost[entering] : potential[outside] + cost[entering]
        let shift = newPotential - potential[inside]

        var node = inside
        var newParent = outside
        var newArc = entering
        var newDirection = insideIsSource ? 1 : -1
        while true {
            let oldParent = parent[node], oldArc = predecessorArc[node], oldDirection = predecessorDirection[node]
            detach(node)
            attach(node, to: newParent)
            predecessorArc[node] = newArc
            predecessorDirection[node] = newDirection
            if node == leavingNode { break }
            newParent = node
            newArc = oldArc
            newDirection = -oldDirection
            node = oldParent
        }

        // Pre-order walk of the re-hung subtree.
        node = inside
        while true {
            potential[node] += shift
            depth[node] = depth[parent[node]] + 1
            if firstChild[node] >= 0 { node = firstChild[node]; continue }
            while node != inside && nextSibling[node] < 0 { node = parent[node] }
            if node == inside { break }
            node = nextSibling[node]
        }
    }

    private func detach(_ node: Int) {
        let before = previousSibling[node], after = nextSibling[node]
        if before >= 0 { nextSibling[before] = after } else { firstChild[parent[node]] = after }
        if after >= 0 { previousSibling[after] = before }
    }

    private func attach(_ node: Int, to newParent: Int) {
        parent[node] = newParent
        let head = firstChild[newParent]
        previousSibling[node] = -1
        nextSibling[node] = head
        if head >= 0 { previousSibling[head] = node }
        firstChild[newParent] = node
    }

    func solution(for outcome: Outcome, network: FlowNetwork) throws(ModelError) -> FlowSolution {
        switch outcome {
        case .unbounded:
            return FlowSolution(status: .unbounded, flows: [], cost: 0, potentials: [], infeasibleCut: nil)
        case .infeasible:
            return FlowSolution(status: .infeasible, flows: [], cost: 0, potentials: [],
                                infeasibleCut: infeasibleCut(network))
        case .optimal:
            var flows = [Int64](repeating: 0, count: arcCount)
            var total: Int64 = 0
            for arc in 0 ..< arcCount {
                flows[arc] = flow[arc] + network.arcLowers[arc]
                let (term, overflowTerm) = flows[arc].multipliedReportingOverflow(by: cost[arc])
                let (sum, overflowSum) = total.addingReportingOverflow(term)
                guard !overflowTerm, !overflowSum else {
                    throw .magnitudeTooLarge(what: "total flow cost", limit: Int64.max)
                }
                total = sum
            }
            let potentials = (0 ..< nodeCount).map { potential[$0] }
            return FlowSolution(status: .optimal, flows: flows, cost: total, potentials: potentials, infeasibleCut: nil)
        }
    }

    /// Nodes reachable in the residual graph of real arcs from nodes that still send flow to
    /// the artificial root. At a big-M optimum no such node reaches a node fed by the root, so
    /// the set's supply exceeds the capacity of its cut.
    private func infeasibleCut(_ network: FlowNetwork) -> [Int] {
        var outStarts = [Int](repeating: 0, count: nodeCount + 1)
        var inStarts = [Int](repeating: 0, count: nodeCount + 1)
        for arc in 0 ..< arcCount {
            outStarts[source[arc] + 1] += 1
            inStarts[target[arc] + 1] += 1
        }
        for node in 0 ..< nodeCount {
            outStarts[node + 1] += outStarts[node]
            inStarts[node + 1] += inStarts[node]
        }
        var outArcs = [Int](repeating: 0, count: arcCount), inArcs = [Int](repeating: 0, count: arcCount)
        var outFill = outStarts, inFill = inStarts
        for arc in 0 ..< arcCount {
            outArcs[outFill[source[arc]]] = arc; outFill[source[arc]] += 1
            inArcs[inFill[target[arc]]] = arc; inFill[target[arc]] += 1
        }
        var reached = [Bool](repeating: false, count: nodeCount)
        var queue: [Int] = []
        for node in 0 ..< nodeCount where source[arcCount + node] == node && flow[arcCount + node] > 0 {
            reached[node] = true
            queue.append(node)
        }
        var head = 0
        while head < queue.count {
            let node = queue[head]; head += 1
            for index in outStarts[node] ..< outStarts[node + 1] {
                let arc = outArcs[index]
                if residual(arc) > 0, !reached[target[arc]] { reached[target[arc]] = true; queue.append(target[arc]) }
            }
            for index in inStarts[node] ..< inStarts[node + 1] {
                let arc = inArcs[index]
                if flow[arc] > 0, !reached[source[arc]] { reached[source[arc]] = true; queue.append(source[arc]) }
            }
        }
        return queue.sorted()
    }
}
