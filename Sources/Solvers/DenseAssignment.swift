// Dense rectangular linear assignment by shortest augmenting paths.
//
// Problem: AssignmentProblem (NuanqiCore) with dense costs; forbidden pairs allowed.
// Algorithm: for each row in turn, a Dijkstra search over reduced costs c_ij − u_i − v_j finds
//   the cheapest alternating path to a free column, augments along it and updates the dual
//   potentials so every reduced cost stays ≥ 0 (Jonker & Volgenant's augmentation phase in the
//   form of Crouse, "On implementing 2D rectangular assignment algorithms", IEEE Trans.
//   Aerospace and Electronic Systems 52(4), 2016, pp. 1679–1696, Algorithm 2).
// Complexity: O(r² · c) time for r ≤ c rows and columns, O(r · c) memory for the costs and
//   O(c) scratch. Integer costs, so the optimum and the potentials are exact.
// Deviations: more rows than columns is solved on the transpose; a row with no path to a free
//   column stops the solve with a Hall violation (the scanned rows and the columns they reach)
//   instead of Crouse's plain "infeasible" flag; ties prefer a free column, then scan order.
// Certificate: the returned potentials satisfy the conditions in AssignmentProblem.
//
//     let problem = try AssignmentProblem(rows: 2, columns: 3, denseCosts: [4, 2, 3,
//                                                                            2, 0, 5])
//     let solution = try DenseAssignment.solve(problem)
//     solution.objective      // 3
//     solution.pairs          // [(row: 0, column: 2), (row: 1, column: 1)]

import NuanqiCore

public enum DenseAssignment {
    /// Solves a dense problem exactly. Throws when the problem is sparse or its costs are so
    /// large that path sums could overflow.
    public static func solve(_ problem: AssignmentProblem) throws(ModelError) -> AssignmentSolution {
        guard case let .dense(costs) = problem.storage else {
            throw .dimensionMismatch(what: "DenseAssignment needs dense costs")
        }
        let rows = problem.rowCount, columns = problem.columnCount
        let limit = Int64.max / Int64(4 * max(rows, columns) + 4)
        guard problem.largestAbsoluteCost <= limit else {
            throw .magnitudeTooLarge(what: "an assignment cost", limit: limit)
        }
        if rows <= columns {
            return solveWide(costs: costs, rows: rows, columns: columns)
        }
        guard case let .dense(flippedCosts) = problem.transposed().storage else { preconditionFailure("transpose keeps storage") }
        return solveWide(costs: flippedCosts, rows: columns, columns: rows).transposed()
    }

    /// The kernel for rows ≤ columns.
    static func solveWide(costs: [Int64], rows: Int, columns: Int) -> AssignmentSolution {
        let infinity = Int64.max
        let forbidden = AssignmentProblem.forbidden
        var rowPotential = [Int64](repeating: 0, count: rows)
        var columnPotential = [Int64](repeating: 0, count: columns)
        var columnOfRow = [Int](repeating: -1, count: rows)
        var rowOfColumn = [Int](repeating: -1, count: columns)
        var distance = [Int64](repeating: infinity, count: columns)
        var pathRow = [Int](repeating: -1, count: columns)
        var remaining = [Int](repeating: 0, count: columns)
        var scannedRows: [Int] = []
        var scannedColumns: [Int] = []
        scannedRows.reserveCapacity(rows)
        scannedColumns.reserveCapacity(columns)
        var violation: HallViolation? = nil

        costs.withUnsafeBufferPointer { cost in
        rowPotential.withUnsafeMutableBufferPointer { u in
        columnPotential.withUnsafeMutableBufferPointer { v in
        distance.withUnsafeMutableBufferPointer { distance in
        pathRow.withUnsafeMutableBufferPointer { pathRow in
        remaining.withUnsafeMutableBufferPointer { remaining in
        rowOfColumn.withUnsafeMutableBufferPointer { rowOfColumn in
            for startRow in 0 ..< rows {
                for column in 0 ..< columns {
                    remaining[column] = columns - 1 - column
                    distance[column] = infinity
                }
                var remainingCount = columns
                scannedRows.removeAll(keepingCapacity: true)
                scannedColumns.removeAll(keepingCapacity: true)
                var pathLength: Int64 = 0
                var row = startRow
                var sink = -1
                while sink < 0 {
                    scannedRows.append(row)
                    var lowest = infinity
                    var lowestIndex = -1
                    let rowBase = row * columns
                    let base = pathLength - u[row]
                    for index in 0 ..< remainingCount {
                        let column = remaining[index]
                        let entry = cost[rowBase + column]
                        if entry != forbidden {
                            let reduced = base + entry - v[column]
                            if reduced < distance[column] {
                                distance[column] = reduced
                                pathRow[column] = row
                            }
                        }
                        let candidate = distance[column]
                        if candidate < lowest || (candidate == lowest && candidate != infinity && rowOfColumn[column] < 0) {
                            lowest = candidate
                            lowestIndex = index
                        }
                    }
                    if lowest == infinity {
                        violation = HallViolation(membersAreColumns: false, members: scannedRows.sorted(),
                                                  neighbours: scannedColumns.sorted())
                        return
                    }
                    pathLength = lowest
                    let column = remaining[lowestIndex]
                    scannedColumns.append(column)
                    remainingCount -= 1
                    remaining[lowestIndex] = remaining[remainingCount]
                    if rowOfColumn[column] < 0 { sink = column } else { row = rowOfColumn[column] }
                }
                u[startRow] += pathLength
                for scanned in scannedRows where scanned != startRow {
                    u[scanned] += pathLength - distance[columnOfRow[scanned]]
                }
                for column in scannedColumns {
                    v[column] -= pathLength - distance[column]
                }
                var column = sink
                while true {
                    let pathOwner = pathRow[column]
                    rowOfColumn[column] = pathOwner
                    let previous = columnOfRow[pathOwner]
                    columnOfRow[pathOwner] = column
                    if pathOwner == startRow { break }
                    column = previous
                }
            }
        }}}}}}}

        if let violation {
            return AssignmentSolution(status: .infeasible, pairs: [], objective: 0, hallViolation: violation)
        }
        var objective: Int64 = 0
        var pairs: [(row: Int, column: Int)] = []
        pairs.reserveCapacity(rows)
        for row in 0 ..< rows {
            pairs.append((row, columnOfRow[row]))
            objective += costs[row * columns + columnOfRow[row]]
        }
        return AssignmentSolution(status: .optimal, pairs: pairs, objective: objective,
                                  rowPotentials: rowPotential, columnPotentials: columnPotential)
    }
}
