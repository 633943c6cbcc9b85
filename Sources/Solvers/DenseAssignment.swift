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
// Deviations: square problems with every pair allowed start from Jonker & Volgenant's
//   column reduction and augmenting row reduction (see `preassign`); more rows than columns is
//   solved on the transpose; a row with no path to a free
//   column stops the solve with a Hall violation (the scanned rows and the columns they reach)
//   instead of Crouse's plain "infeasible" flag; ties prefer a free column, and a free column
//   reached at the current path length ends the search at once (as JV's find_path does).
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
        if rows == columns && !costs.contains(AssignmentProblem.forbidden) {
            return solveWide(costs: costs, rows: rows, columns: columns,
                             start: preassign(costs: costs, side: rows))
        }
        if rows <= columns {
            return solveWide(costs: costs, rows: rows, columns: columns)
        }
        guard case let .dense(flippedCosts) = problem.transposed().storage else { preconditionFailure("transpose keeps storage") }
        return solveWide(costs: flippedCosts, rows: columns, columns: rows).transposed()
    }

    /// Dual potentials and a partial assignment to start augmenting from: dual feasible, tight on
    /// the assigned pairs, with the rows still to augment.
    struct Start {
        var rowPotential: [Int64]
        var columnPotential: [Int64]
        var columnOfRow: [Int]
        var rowOfColumn: [Int]
        var freeRows: [Int]
    }

    /// Jonker & Volgenant's initialization for square problems with every pair allowed
    /// ("A shortest augmenting path algorithm for dense and sparse linear assignment problems",
    /// Computing 38, 1987, pp. 325–340, §4): column reduction (v_j = min_i c_ij, each column given
    /// to its cheapest row while that row is free), then two rounds of augmenting row reduction
    /// (a free row takes its cheapest column at reduced cost c_ij − v_j, lowering that column's
    /// v to its second-cheapest level and evicting the previous owner). Throughout, every
    /// assigned row holds a column of least reduced cost, so u_i = min_j (c_ij − v_j) is dual
    /// feasible and tight; augmentation then starts from far fewer free rows.
    static func preassign(costs: [Int64], side: Int) -> Start {
        var v = [Int64](repeating: 0, count: side)
        var columnOfRow = [Int](repeating: -1, count: side)
        var rowOfColumn = [Int](repeating: -1, count: side)
        for column in stride(from: side - 1, through: 0, by: -1) {
            var cheapestRow = 0
            for row in 1 ..< side where costs[row * side + column] < costs[cheapestRow * side + column] { cheapestRow = row }
            v[column] = costs[cheapestRow * side + column]
            if columnOfRow[cheapestRow] < 0 {
                columnOfRow[cheapestRow] = column
                rowOfColumn[column] = cheapestRow
            }
        }
        let free = AugmentingPath.augmentingRowReduction(
            free: (0 ..< side).filter { columnOfRow[$0] < 0 }, rowCount: side,
            cheapest: { row, v, _ in
                var found = AugmentingPath.TwoCheapest()
                let base = row * side
                for column in 0 ..< side {
                    let reduced = costs[base + column] - v[column]
                    if reduced < found.second {
                        if reduced < found.best {
                            found.second = found.best; found.secondColumn = found.bestColumn
                            found.best = reduced; found.bestColumn = column
                        } else {
                            found.second = reduced; found.secondColumn = column
                        }
                    }
                }
                return found
            },
            v: &v, columnOfRow: &columnOfRow, rowOfColumn: &rowOfColumn)
        var u = [Int64](repeating: 0, count: side)
        for row in 0 ..< side where columnOfRow[row] >= 0 {
            u[row] = costs[row * side + columnOfRow[row]] - v[columnOfRow[row]]
        }
        return Start(rowPotential: u, columnPotential: v, columnOfRow: columnOfRow,
                     rowOfColumn: rowOfColumn, freeRows: free.sorted())
    }

    /// The kernel for rows ≤ columns.
    static func solveWide(costs: [Int64], rows: Int, columns: Int, start: Start? = nil) -> AssignmentSolution {
        let infinity = Int64.max
        let forbidden = AssignmentProblem.forbidden
        var rowPotential = start?.rowPotential ?? [Int64](repeating: 0, count: rows)
        var columnPotential = start?.columnPotential ?? [Int64](repeating: 0, count: columns)
        var columnOfRow = start?.columnOfRow ?? [Int](repeating: -1, count: rows)
        var rowOfColumn = start?.rowOfColumn ?? [Int](repeating: -1, count: columns)
        let rowsToAugment = start?.freeRows ?? Array(0 ..< rows)
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
            for startRow in rowsToAugment {
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
                                // An assigned row's reduced costs are ≥ 0, so nothing left can be
                                // nearer than the path so far: a free column at that distance ends
                                // the search now (JV's early exit). The start row's may be negative.
                                if reduced == pathLength && row != startRow && rowOfColumn[column] < 0 {
                                    lowest = reduced
                                    lowestIndex = index
                                    break
                                }
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
                AugmentingPath.updatePotentials(length: pathLength, startRow: startRow, scannedRows: scannedRows,
                                                settledColumns: scannedColumns, distance: distance, columnOfRow: columnOfRow,
                                                rowPotential: &u, columnPotential: &v)
                AugmentingPath.flip(from: sink, to: startRow, pathRow: pathRow, rowOfColumn: &rowOfColumn, columnOfRow: &columnOfRow)
            }
        }}}}}}}

        if let violation {
            return AssignmentSolution(status: .infeasible, pairs: [], objective: 0, hallViolation: violation)
        }
        return AugmentingPath.optimalSolution(columnOfRow: columnOfRow, rowPotential: rowPotential, columnPotential: columnPotential) {
            costs[$0 * columns + $1]
        }
    }
}
