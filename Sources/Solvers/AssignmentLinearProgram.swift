// The assignment problem as a LinearProgram: x_ij ≥ 0 for each allowed pair, one row per
// row (Σ_j x_ij = 1 when rows ≤ columns, else ≤ 1) and one per column (= 1 when columns < rows,
// else ≤ 1). The matrix is totally unimodular, so the LP optimum is integral. No upper bounds on
// the x: the rows imply them, and bound duals would spoil the row and column duals as an
// assignment certificate. Used for GLPK's column generation and for `--export-model`.

import NuanqiCore

public enum AssignmentLinearProgram {
    /// The whole problem, for inspection in CPLEX-LP or MPS form; `decimals` divides the integer
    /// costs back to the file's decimal values.
    public static func model(of problem: AssignmentProblem, sense: ObjectiveSense = .minimize, decimals: Int = 0) -> LinearProgram {
        var pairs: [(row: Int, column: Int, cost: Int64)] = []
        problem.forEachPair { pairs.append(($0, $1, $2)) }
        var program = model(rows: problem.rowCount, columns: problem.columnCount, pairs: pairs, sense: sense,
                            costDivisor: Double(ExactDecimal.powerOfTen(decimals))).program
        program.name = "assignment"
        return program
    }

    /// The LP over `pairs` only. With `artificialCost`, every row also gets an artificial column
    /// of that cost (rows ≤ columns only), which keeps a restricted LP feasible; artificial
    /// columns follow the pair columns.
    static func model(rows: Int, columns: Int, pairs: [(row: Int, column: Int, cost: Int64)],
                      sense: ObjectiveSense = .minimize, artificialCost: Int64? = nil,
                      costDivisor: Double = 1) -> (program: LinearProgram, firstArtificial: Int) {
        var program = LinearProgram(sense: sense)
        var rowTerms = [[(column: Int, value: Double)]](repeating: [], count: rows)
        var columnTerms = [[(column: Int, value: Double)]](repeating: [], count: columns)
        for pair in pairs {
            let variable = program.addColumn(name: "x\(pair.row)_\(pair.column)", lower: 0, upper: nil, objective: Double(pair.cost) / costDivisor)
            rowTerms[pair.row].append((variable, 1))
            columnTerms[pair.column].append((variable, 1))
        }
        let firstArtificial = program.columns.count
        if let artificialCost {
            for row in 0 ..< rows {
                let artificial = program.addColumn(name: "a\(row)", lower: 0, upper: nil, objective: Double(artificialCost))
                rowTerms[row].append((artificial, 1))
            }
        }
        for row in 0 ..< rows {
            program.addRow(name: "row\(row)", rowTerms[row], lower: rows <= columns ? 1 : nil, upper: 1)
        }
        for column in 0 ..< columns {
            program.addRow(name: "col\(column)", columnTerms[column], lower: columns < rows ? 1 : nil, upper: 1)
        }
        return (program, firstArtificial)
    }
}
