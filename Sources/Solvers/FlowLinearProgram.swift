// FlowNetwork as a LinearProgram, and its solution back as a FlowSolution, so GLPK can solve
// (and cross-check) every network model the native kernel solves.
//
// One column per arc (bounds and cost of the arc), one equality row per node
// (outflow − inflow = supply). GLPK's row dual y_v gives reduced cost c − y_s + y_t, so the
// potentials of FlowNetwork's convention are π_v = −y_v.

import NuanqiCore

public enum FlowLinearProgram {
    public static func model(of network: FlowNetwork) -> LinearProgram {
        var program = LinearProgram(sense: .minimize)
        var outgoing = [[(column: Int, value: Double)]](repeating: [], count: network.nodeCount)
        for arc in 0 ..< network.arcCount {
            let upper = network.arcUppers[arc]
            let column = program.addColumn(
                name: "f\(arc)", lower: Double(network.arcLowers[arc]),
                upper: upper == FlowNetwork.unlimited ? nil : Double(upper),
                objective: Double(network.arcCosts[arc]))
            // A loop leaves and enters its node: its coefficients cancel, so it has none.
            guard network.arcSources[arc] != network.arcTargets[arc] else { continue }
            outgoing[Int(network.arcSources[arc])].append((column, 1))
            outgoing[Int(network.arcTargets[arc])].append((column, -1))
        }
        for node in 0 ..< network.nodeCount {
            let supply = Double(network.supply[node])
            program.addRow(name: "n\(node)", outgoing[node], lower: supply, upper: supply)
        }
        return program
    }

    /// Solves the network with GLPK's simplex; flows and potentials are rounded to integers
    /// (the constraint matrix is totally unimodular, so a basic solution is integral).
    public static func solveWithGLPK(_ network: FlowNetwork, options: GLPK.Options = GLPK.Options()) throws -> FlowSolution {
        try network.validate()
        let solution = try GLPK.solve(model(of: network), options: options)
        guard solution.status == .optimal else {
            return FlowSolution(status: solution.status, flows: [], cost: 0, potentials: [], infeasibleCut: nil)
        }
        let flows = solution.columnValues.map { Int64($0.rounded()) }
        var cost: Int64 = 0
        for arc in 0 ..< network.arcCount { cost += flows[arc] * network.arcCosts[arc] }
        let potentials = (solution.rowDuals ?? []).map { Int64((-$0).rounded()) }
        return FlowSolution(status: .optimal, flows: flows, cost: cost, potentials: potentials, infeasibleCut: nil)
    }
}
