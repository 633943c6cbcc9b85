// Independent check of a min-cost flow answer before it is written: bounds, conservation and
// the recomputed cost, then the certificate — reduced-cost optimality conditions from the
// potentials for an optimal flow, or for an infeasible one a node set whose supply exceeds
// what its cut can carry. Shares no code with the kernels. O(arcs + nodes).

import NuanqiCore

public enum FlowVerifier {
    /// Everything wrong with `solution` for `network`; empty when it holds.
    public static func problems(_ network: FlowNetwork, _ solution: FlowSolution) -> [String] {
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
                // Wrapping arithmetic: the kernels refuse totals that overflow, so any overflow
                // here shows up as a cost mismatch rather than a trap.
                cost = cost &+ flow &* network.arcCosts[arc]
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
}
