// Sparse rectangular assignment as a min-cost flow.
//
// Problem: AssignmentProblem with sparse (or dense) costs, rows ≤ columns after transposing.
// Algorithm: rows are sources of one unit, each allowed pair an arc of capacity 1, every column
//   an arc of capacity 1 into a sink that takes min(rows, columns) units; solved by MinCostFlow
//   (network simplex). Complexity: that of MinCostFlow on r + c + 1 nodes and p + c arcs, for
//   p allowed pairs. Reference: Ahuja, Magnanti & Orlin, "Network Flows", 1993, §12.4.
// Certificates: after making assigned arcs tight (raise π_i) and unassigned columns level with
//   the sink, u_i = π_sink − π_i and v_j = π_j − π_sink are the duals of AssignmentProblem; an infeasible cut becomes a Hall violation (the rows
//   in the cut and the columns they reach).
//
//     let problem = try AssignmentProblem(rows: 2, columns: 2, pairs: [(0, 0, 5), (0, 1, 1), (1, 1, 2)])
//     try SparseAssignment.solve(problem).objective   // 7: (0, 0) and (1, 1)

import NuanqiCore

public enum SparseAssignment {
    public static func solve(_ problem: AssignmentProblem) throws(ModelError) -> AssignmentSolution {
        if problem.rowCount > problem.columnCount {
            return try solve(problem.transposed()).transposed()
        }
        let rows = problem.rowCount, columns = problem.columnCount
        let sink = rows + columns
        var network = FlowNetwork(nodeCount: rows + columns + 1)
        network.reserveArcs(problem.pairCount + columns)
        for row in 0 ..< rows { network.setSupply(1, at: row) }
        network.setSupply(-Int64(rows), at: sink)
        var pairArcs: [(row: Int, column: Int)] = []
        pairArcs.reserveCapacity(problem.pairCount)
        problem.forEachPair { row, column, cost in
            network.addArc(from: row, to: rows + column, upper: 1, cost: cost)
            pairArcs.append((row, column))
        }
        for column in 0 ..< columns { network.addArc(from: rows + column, to: sink, upper: 1, cost: 0) }

        let flow = try MinCostFlow.solve(network)
        switch flow.status {
        case .optimal:
            var pairs: [(row: Int, column: Int)] = []
            pairs.reserveCapacity(rows)
            var potential = flow.potentials
            var columnAssigned = [Bool](repeating: false, count: columns)
            for (arc, pair) in pairArcs.enumerated() where flow.flows[arc] == 1 {
                pairs.append(pair)
                columnAssigned[pair.column] = true
                // A saturated arc may have negative reduced cost; lifting the row's potential to
                // make it 0 keeps every other condition and gives the assignment duals equality.
                potential[pair.row] = potential[rows + pair.column] - network.arcCosts[arc]
            }
            for column in 0 ..< columns where !columnAssigned[column] {
                potential[rows + column] = potential[sink]
            }
            let rowPotentials = (0 ..< rows).map { potential[sink] - potential[$0] }
            let columnPotentials = (0 ..< columns).map { potential[rows + $0] - potential[sink] }
            return AssignmentSolution(status: .optimal, pairs: pairs, objective: flow.cost,
                                      rowPotentials: rowPotentials, columnPotentials: columnPotentials)
        default:
            let cut = flow.infeasibleCut ?? []
            let violation = HallViolation(
                membersAreColumns: false,
                members: cut.filter { $0 < rows },
                neighbours: cut.filter { $0 >= rows && $0 < sink }.map { $0 - rows })
            return AssignmentSolution(status: .infeasible, pairs: [], objective: 0, hallViolation: violation)
        }
    }
}
