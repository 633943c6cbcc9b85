// Assignment through GLPK's simplex with delayed column generation.
//
// Problem: AssignmentProblem (rows ≤ columns after transposing).
// Algorithm: the LP relaxation is exact (totally unimodular matrix), but a dense n = 800
//   instance has 640,000 columns, far past what GLPK's simplex handles quickly. So GLPK solves a
//   restricted LP over the k cheapest pairs of every row plus, per row, an artificial column of
//   big-M cost that keeps it feasible; the row and column duals then price every other pair,
//   and the most negative reduced costs per row join the LP, until no pair prices out
//   (Dantzig–Wolfe pricing; Chvátal, "Linear Programming", 1983, ch. 13; Bertsimas &
//   Tsitsiklis, "Introduction to Linear Optimization", 1997, §6.1). An artificial column left in
//   the final optimum means no full assignment exists (big-M exceeds any real cost change).
// Complexity: a few GLPK solves on O(k · n) columns plus O(p) pricing per round for p pairs.
// Certificates: duals of a basic solution of a unimodular system are integers; they are
//   rounded and returned as the potentials of AssignmentProblem, which the verifier checks.
//
//     let solution = try GLPKAssignment.solve(problem)   // same optimum as DenseAssignment

import NuanqiCore

public enum GLPKAssignment {
    /// Pairs per row in the first restricted LP and added per row in each pricing round.
    static let pairsPerRow = 8

    public static func solve(_ problem: AssignmentProblem, options: GLPK.Options = GLPK.Options()) throws -> AssignmentSolution {
        if problem.rowCount > problem.columnCount {
            return try solve(problem.transposed(), options: options).transposed()
        }
        let rows = problem.rowCount, columns = problem.columnCount
        let largest = problem.largestAbsoluteCost
        let (artificialCost, overflow) = (largest + 1).multipliedReportingOverflow(by: Int64(2 * rows + 2))
        guard !overflow, artificialCost < (1 << 52) else {
            throw ModelError.magnitudeTooLarge(what: "an assignment cost for GLPK (exact doubles)", limit: (1 << 52) / Int64(2 * rows + 2))
        }
        var rowPairs = [[(column: Int, cost: Int64)]](repeating: [], count: rows)
        problem.forEachPair { row, column, cost in rowPairs[row].append((column, cost)) }
        var included = rowPairs.map { pairs in
            Array(pairs.sorted { ($0.cost, $0.column) < ($1.cost, $1.column) }.prefix(pairsPerRow))
        }

        while true {
            let variables = included.enumerated().flatMap { row, pairs in pairs.map { (row: row, column: $0.column, cost: $0.cost) } }
            let (program, firstArtificial) = AssignmentLinearProgram.model(
                rows: rows, columns: columns, pairs: variables, artificialCost: artificialCost)
            let solution = try GLPK.solve(program, options: options)
            guard solution.status == .optimal, let duals = solution.rowDuals else {
                throw SolverError.glpkFailed(call: "restricted assignment LP ended \(solution.status.rawValue)", code: 0)
            }
            let rowDual = duals[0 ..< rows].map { Int64($0.rounded()) }
            let columnDual = duals[rows ..< rows + columns].map { Int64($0.rounded()) }

            var added = false
            for row in 0 ..< rows {
                let present = Set(included[row].map(\.column))
                let pricedOut = rowPairs[row]
                    .filter { !present.contains($0.column) && $0.cost - rowDual[row] - columnDual[$0.column] < 0 }
                    .sorted { ($0.cost - columnDual[$0.column], $0.column) < ($1.cost - columnDual[$1.column], $1.column) }
                    .prefix(pairsPerRow)
                if !pricedOut.isEmpty {
                    included[row].append(contentsOf: pricedOut)
                    added = true
                }
            }
            if added { continue }

            if (firstArtificial ..< firstArtificial + rows).contains(where: { solution.columnValues[$0] > 0.5 }) {
                return AssignmentSolution(status: .infeasible, pairs: [], objective: 0)
            }
            var pairs: [(row: Int, column: Int)] = []
            var objective: Int64 = 0
            for (index, variable) in variables.enumerated() where solution.columnValues[index] > 0.5 {
                pairs.append((variable.row, variable.column))
                objective += variable.cost
            }
            pairs.sort { $0.row < $1.row }
            return AssignmentSolution(status: .optimal, pairs: pairs, objective: objective,
                                      rowPotentials: rowDual, columnPotentials: columnDual)
        }
    }
}
