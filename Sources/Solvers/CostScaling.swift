// Minimum-cost flow by cost scaling with push and relabel.
//
// Problem: FlowNetwork (NuanqiCore), with no negative-cost arc of unlimited capacity (those go
//   to NetworkSimplex, which can report unboundedness).
// Algorithm: Goldberg & Tarjan's successive approximation (Goldberg & Tarjan, "Finding
//   minimum-cost circulations by successive approximation", Mathematics of Operations Research
//   15(3), 1990, pp. 430–466; implementation choices after Goldberg, "An efficient
//   implementation of a scaling minimum-cost flow algorithm", J. Algorithms 22, 1997, pp. 1–29).
//   Costs are multiplied by n + 1; each refine phase turns an ε·α-optimal flow into an
//   ε-optimal one by saturating every residual arc of negative reduced cost and discharging
//   excess along admissible arcs (FIFO order, current-arc pointers, relabel to the best
//   residual neighbour minus ε). At ε = 1 (in scaled units, below 1/n in real ones) the flow is
//   optimal for the integer costs.
// Complexity: O(n² m log(n C)) in theory; near-linear per phase on assignment-shaped networks.
//   Memory O(n + m): about 48 bytes per arc (both residual ends stored contiguously per node).
// Heuristics (Goldberg 1997, §4): price updates at the start of each phase and after every n
//   relabels. Push look-ahead was tried and slowed the district-size networks down by half.
// Deviations: Exact integer potentials are
//   recovered at the end by label correcting from the rounded prices on the residual graph of
//   the optimal flow (no negative cycle exists there, and the rounded prices are within one
//   unit, so it settles in a few passes). Infeasibility is detected when a price falls further
//   than the 3nε a feasible problem allows within one phase; MinCostFlow then asks the network
//   simplex for the certificate.
//
//     let solution = try MinCostFlow.solve(network, algorithm: .costScaling)

import NuanqiCore

final class CostScalingState {
    enum Outcome { case optimal, infeasible }

    /// Refine divides ε by this factor (Goldberg found 8–16 best; OR-Tools uses 5).
    static let scalingFactor: Int64 = 5

    let nodeCount: Int
    let arcCount: Int
    private let costMultiplier: Int64
    /// Residual ends of node v are firstEnd[v] ..< firstEnd[v + 1].
    private let firstEnd: UnsafeMutablePointer<Int>
    private let head: UnsafeMutablePointer<Int32>
    private let mate: UnsafeMutablePointer<Int32>
    private let scaledCost: UnsafeMutablePointer<Int64>
    private let residual: UnsafeMutablePointer<Int64>
    /// The forward end of each arc; its mate's residual is the arc's (shifted) flow.
    private var forwardEnd: [Int32]
    private let price: UnsafeMutablePointer<Int64>
    private let excess: UnsafeMutablePointer<Int64>
    private var largestScaledCost: Int64 = 0
    /// Scratch of one refine phase: current-arc pointers, prices at its start, queue flags.
    private let current: UnsafeMutablePointer<Int>
    private let startPrice: UnsafeMutablePointer<Int64>
    private let inQueue: UnsafeMutablePointer<Bool>
    private var allowedFall: Int64 = 0
    private var relabelsSinceUpdate = 0

    /// Nil when the network does not suit cost scaling (see MinCostFlow).
    init?(_ network: FlowNetwork) {
        nodeCount = network.nodeCount
        arcCount = network.arcCount
        costMultiplier = Int64(nodeCount + 1)
        let largestCost = network.arcCosts.reduce(Int64(0)) { max($0, abs($1)) }
        // Prices fall by at most about 3.5·n·(largest scaled cost) over all phases.
        let (scaled, overflowScaled) = largestCost.multipliedReportingOverflow(by: costMultiplier)
        let (priceRange, overflowRange) = scaled.multipliedReportingOverflow(by: Int64(4 * nodeCount + 4))
        guard !overflowScaled, !overflowRange, priceRange < Int64.max / 4 else { return nil }

        var balance = network.supply
        var total: Int64 = 0
        for arc in 0 ..< arcCount {
            let lower = network.arcLowers[arc]
            balance[Int(network.arcSources[arc])] -= lower
            balance[Int(network.arcTargets[arc])] += lower
            if network.arcUppers[arc] == FlowNetwork.unlimited {
                guard network.arcCosts[arc] >= 0 else { return nil }
            } else {
                total += network.arcUppers[arc] - lower
            }
        }
        for value in balance where value > 0 { total += value }
        // No optimal flow needs more than all supply plus all finite capacity on one arc.
        let unlimited = min(total, Int64(1) << 61)

        var degree = [Int](repeating: 0, count: nodeCount + 1)
        for arc in 0 ..< arcCount {
            degree[Int(network.arcSources[arc]) + 1] += 1
            degree[Int(network.arcTargets[arc]) + 1] += 1
        }
        for node in 0 ..< nodeCount { degree[node + 1] += degree[node] }
        firstEnd = .allocate(capacity: nodeCount + 1)
        firstEnd.initialize(from: degree, count: nodeCount + 1)
        var fill = degree
        let ends = 2 * arcCount
        head = .allocate(capacity: ends)
        mate = .allocate(capacity: ends)
        scaledCost = .allocate(capacity: ends)
        residual = .allocate(capacity: ends)
        forwardEnd = [Int32](repeating: 0, count: arcCount)
        for arc in 0 ..< arcCount {
            let from = Int(network.arcSources[arc]), to = Int(network.arcTargets[arc])
            let forward = fill[from]; fill[from] += 1
            let backward = fill[to]; fill[to] += 1
            let cost = network.arcCosts[arc] * costMultiplier
            let upper = network.arcUppers[arc]
            head[forward] = Int32(to); head[backward] = Int32(from)
            mate[forward] = Int32(backward); mate[backward] = Int32(forward)
            scaledCost[forward] = cost; scaledCost[backward] = -cost
            residual[forward] = upper == FlowNetwork.unlimited ? unlimited : upper - network.arcLowers[arc]
            residual[backward] = 0
            forwardEnd[arc] = Int32(forward)
            largestScaledCost = max(largestScaledCost, abs(cost))
        }
        price = .allocate(capacity: max(1, nodeCount))
        price.initialize(repeating: 0, count: nodeCount)
        excess = .allocate(capacity: max(1, nodeCount))
        excess.initialize(from: balance, count: nodeCount)
        current = .allocate(capacity: max(1, nodeCount))
        current.initialize(from: degree, count: nodeCount)
        startPrice = .allocate(capacity: max(1, nodeCount))
        startPrice.initialize(repeating: 0, count: nodeCount)
        inQueue = .allocate(capacity: max(1, nodeCount))
        inQueue.initialize(repeating: false, count: nodeCount)
    }

    deinit {
        firstEnd.deallocate()
        price.deallocate()
        excess.deallocate()
        current.deallocate()
        startPrice.deallocate()
        inQueue.deallocate()
        head.deallocate()
        mate.deallocate()
        scaledCost.deallocate()
        residual.deallocate()
    }

    func run() -> Outcome {
        var epsilon = max(1, largestScaledCost)
        repeat {
            epsilon = max(1, epsilon / Self.scalingFactor)
            if !refine(epsilon) { return .infeasible }
        } while epsilon > 1
        return .optimal
    }

    /// One phase: from a pseudoflow, an ε-optimal flow. False when the problem is infeasible.
    private func refine(_ epsilon: Int64) -> Bool {
        for node in 0 ..< nodeCount {
            let nodePrice = price[node]
            for end in firstEnd[node] ..< firstEnd[node + 1] where residual[end] > 0 {
                if scaledCost[end] + nodePrice - price[Int(head[end])] < 0 { push(residual[end], along: end, from: node) }
            }
        }
        startPrice.update(from: price, count: nodeCount)
        allowedFall = Int64(3 * nodeCount + 3) * epsilon
        relabelsSinceUpdate = 0
        var queue: [Int] = []
        queue.reserveCapacity(nodeCount)
        for node in 0 ..< nodeCount {
            inQueue[node] = excess[node] > 0
            if inQueue[node] { queue.append(node) }
        }
        updatePrices(epsilon)
        var headIndex = 0
        while headIndex < queue.count {
            let node = queue[headIndex]
            headIndex += 1
            inQueue[node] = false
            while excess[node] > 0 {
                guard let end = admissibleEnd(of: node) else {
                    guard relabel(node, epsilon) else { return false }
                    continue
                }
                let target = Int(head[end])
                let wasActive = excess[target] > 0
                push(min(excess[node], residual[end]), along: end, from: node)
                if !wasActive && excess[target] > 0 && !inQueue[target] {
                    queue.append(target)
                    inQueue[target] = true
                }
            }
            if headIndex > 65_536 && headIndex * 2 > queue.count {
                queue.removeFirst(headIndex)
                headIndex = 0
            }
        }
        return true
    }

    /// The first admissible residual end at or after the node's current pointer (which moves
    /// there); nil when none is left before the node is relabelled.
    @inline(__always)
    private func admissibleEnd(of node: Int) -> Int? {
        let nodePrice = price[node]
        var end = current[node]
        let last = firstEnd[node + 1]
        while end < last {
            if residual[end] > 0 && scaledCost[end] + nodePrice - price[Int(head[end])] < 0 {
                current[node] = end
                return end
            }
            end += 1
        }
        current[node] = last
        return nil
    }

    /// Lowers the node's price to its best residual neighbour's reach less ε. False when that
    /// is impossible or falls further than a feasible problem allows (then it is infeasible).
    private func relabel(_ node: Int, _ epsilon: Int64) -> Bool {
        var best = Int64.min
        for end in firstEnd[node] ..< firstEnd[node + 1] where residual[end] > 0 {
            best = max(best, price[Int(head[end])] - scaledCost[end])
        }
        guard best != Int64.min else { return false }
        price[node] = best - epsilon
        current[node] = firstEnd[node]
        guard startPrice[node] - price[node] <= allowedFall else { return false }
        relabelsSinceUpdate += 1
        if relabelsSinceUpdate >= nodeCount {
            relabelsSinceUpdate = 0
            updatePrices(epsilon)
        }
        return true
    }

    /// Goldberg's price update: lowers every price by ε times the node's distance to a deficit
    /// node, where a residual arc (v, w) is ⌊reduced cost / ε⌋ + 1 long (Dial's buckets, backwards
    /// from the deficits, stopping once every active node is reached). This keeps ε-optimality
    /// and makes a path of admissible arcs from each active node, which cuts relabels sharply.
    private func updatePrices(_ epsilon: Int64) {
        var distance = [Int](repeating: Int.max, count: nodeCount)
        var scanned = [Bool](repeating: false, count: nodeCount)
        var buckets: [[Int32]] = [[]]
        var activeLeft = 0
        for node in 0 ..< nodeCount {
            if excess[node] < 0 { distance[node] = 0; buckets[0].append(Int32(node)) }
            if excess[node] > 0 { activeLeft += 1 }
        }
        let levelLimit = 2 * nodeCount + 2
        var level = 0
        while level < buckets.count && activeLeft > 0 {
            var index = 0
            while index < buckets[level].count {
                let target = Int(buckets[level][index])
                index += 1
                if scanned[target] || distance[target] != level { continue }
                scanned[target] = true
                if excess[target] > 0 { activeLeft -= 1 }
                let targetPrice = price[target]
                for end in firstEnd[target] ..< firstEnd[target + 1] {
                    let back = Int(mate[end])
                    guard residual[back] > 0 else { continue }
                    let source = Int(head[end])
                    if scanned[source] { continue }
                    let reduced = scaledCost[back] + price[source] - targetPrice
                    let length = reduced < 0 ? 0 : Int(reduced / epsilon) + 1
                    let candidate = level + length
                    if candidate < distance[source] && candidate <= levelLimit {
                        distance[source] = candidate
                        while buckets.count <= candidate { buckets.append([]) }
                        buckets[candidate].append(Int32(source))
                    }
                }
            }
            buckets[level] = []
            level += 1
        }
        for node in 0 ..< nodeCount {
            price[node] -= epsilon * Int64(scanned[node] ? distance[node] : level)
            // Lower prices can make ends behind a current pointer admissible again.
            current[node] = firstEnd[node]
        }
    }

    @inline(__always)
    private func push(_ amount: Int64, along end: Int, from node: Int) {
        residual[end] -= amount
        residual[Int(mate[end])] += amount
        excess[node] -= amount
        excess[Int(head[end])] += amount
    }

    /// The optimal flow with exact integer potentials, after `run()` returned `.optimal`.
    func solution(for network: FlowNetwork) throws(ModelError) -> FlowSolution {
        var flows = [Int64](repeating: 0, count: arcCount)
        var total: Int64 = 0
        for arc in 0 ..< arcCount {
            flows[arc] = residual[Int(mate[Int(forwardEnd[arc])])] + network.arcLowers[arc]
            let (term, overflowTerm) = flows[arc].multipliedReportingOverflow(by: network.arcCosts[arc])
            let (sum, overflowSum) = total.addingReportingOverflow(term)
            guard !overflowTerm, !overflowSum else { throw .magnitudeTooLarge(what: "total flow cost", limit: Int64.max) }
            total = sum
        }
        return FlowSolution(status: .optimal, flows: flows, cost: total, potentials: exactPotentials(), infeasibleCut: nil)
    }

    /// Potentials π with cost + π_v − π_w ≥ 0 on every residual end (v → w): label correcting
    /// (π_w ← min(π_w, π_v + cost)) from the rounded prices; the residual graph of an optimal
    /// flow has no negative cycle, so this terminates.
    private func exactPotentials() -> [Int64] {
        var potential = UnsafeBufferPointer(start: price, count: nodeCount).map { value -> Int64 in
            let quotient = value / costMultiplier
            return value % costMultiplier < 0 ? quotient - 1 : quotient
        }
        var queue = Array(0 ..< nodeCount)
        var inQueue = [Bool](repeating: true, count: nodeCount)
        var headIndex = 0
        while headIndex < queue.count {
            let node = queue[headIndex]
            headIndex += 1
            inQueue[node] = false
            for end in firstEnd[node] ..< firstEnd[node + 1] where residual[end] > 0 {
                let target = Int(head[end])
                let candidate = potential[node] + scaledCost[end] / costMultiplier
                if candidate < potential[target] {
                    potential[target] = candidate
                    if !inQueue[target] { queue.append(target); inQueue[target] = true }
                }
            }
            if headIndex > 65_536 && headIndex * 2 > queue.count {
                queue.removeFirst(headIndex)
                headIndex = 0
            }
        }
        return potential
    }
}
