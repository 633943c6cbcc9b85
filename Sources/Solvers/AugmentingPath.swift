// The steps the shortest-augmenting-path assignment kernels (dense and sparse) share: Jonker &
// Volgenant's augmenting row reduction before any search; once a search has found the cheapest
// path from a free row to a free column, Crouse's potential update that keeps reduced costs ≥ 0
// and makes the path tight, and the flip of the alternating path (Crouse, "On implementing 2D
// rectangular assignment algorithms", IEEE Trans. AES 52(4), 2016, Algorithm 2); and the
// finished solution. Generic or closure-based so each kernel keeps its own storage.

import NuanqiCore

enum AugmentingPath {
    /// u(start) += L; u(i) += L − d(column of i) for the other rows scanned; v(j) −= L − d(j)
    /// for the columns settled before the sink (whose own term is 0).
    @inline(__always)
    static func updatePotentials<Rows: MutableCollection<Int64>, Columns: MutableCollection<Int64>, Distances: Collection<Int64>>(
        length: Int64, startRow: Int, scannedRows: [Int], settledColumns: [Int], distance: Distances,
        columnOfRow: [Int], rowPotential u: inout Rows, columnPotential v: inout Columns
    ) where Rows.Index == Int, Columns.Index == Int, Distances.Index == Int {
        u[startRow] += length
        for scanned in scannedRows where scanned != startRow { u[scanned] += length - distance[columnOfRow[scanned]] }
        for column in settledColumns { v[column] -= length - distance[column] }
    }

    /// Every column on the path from `sink` back to `startRow` takes the row it was reached from.
    @inline(__always)
    static func flip<Path: Collection<Int>, Owners: MutableCollection<Int>>(
        from sink: Int, to startRow: Int, pathRow: Path, rowOfColumn: inout Owners, columnOfRow: inout [Int]
    ) where Path.Index == Int, Owners.Index == Int {
        var column = sink
        while true {
            let owner = pathRow[column]
            rowOfColumn[column] = owner
            let previous = columnOfRow[owner]
            columnOfRow[owner] = column
            if owner == startRow { break }
            column = previous
        }
    }

    /// The cheapest and second-cheapest reduced costs c_ij − v_j of a row, with their columns
    /// (−1 when the row has fewer entries).
    struct TwoCheapest {
        var best = Int64.max, second = Int64.max
        var bestColumn = -1, secondColumn = -1
    }

    /// Jonker & Volgenant's augmenting row reduction, two rounds over the free rows: a free row
    /// takes its cheapest column; when that beats its second cheapest, the column's v drops by
    /// the difference (so the row stays at its least reduced cost) and an evicted owner tries
    /// again at once, otherwise (a tie) the row takes the second column if the first is owned and
    /// the evicted owner waits for the next round. v only decreases and every assigned row keeps
    /// a column of least reduced cost, so u_i = c_ij − v_j afterwards is feasible and tight.
    /// Returns the rows still free. `cheapest(row, v, rowOfColumn)` scans one row (dense or sparse).
    static func augmentingRowReduction(free initial: [Int], rowCount: Int, cheapest: (Int, [Int64], [Int]) -> TwoCheapest,
                                       v: inout [Int64], columnOfRow: inout [Int], rowOfColumn: inout [Int]) -> [Int] {
        var free = initial
        var budget = 8 * rowCount    // a safeguard: any state reached is valid, so stopping is safe
        for _ in 0 ..< 2 {
            var next: [Int] = []
            var index = 0
            while index < free.count && budget > 0 {
                budget -= 1
                let row = free[index]
                index += 1
                let found = cheapest(row, v, rowOfColumn)
                guard found.bestColumn >= 0 else { continue }
                var chosen = found.bestColumn
                let strict = found.secondColumn >= 0 && found.best < found.second
                if strict {
                    v[chosen] -= found.second - found.best
                } else if found.secondColumn >= 0 && rowOfColumn[chosen] >= 0 {
                    chosen = found.secondColumn
                }
                let evicted = rowOfColumn[chosen]
                rowOfColumn[chosen] = row
                columnOfRow[row] = chosen
                if evicted >= 0 {
                    columnOfRow[evicted] = -1
                    if strict {
                        index -= 1
                        free[index] = evicted
                    } else {
                        next.append(evicted)
                    }
                }
            }
            free = next + free[index...]
        }
        return free
    }

    /// The finished assignment: every row's column, the objective, and the potentials.
    static func optimalSolution(columnOfRow: [Int], rowPotential: [Int64], columnPotential: [Int64],
                                cost: (Int, Int) -> Int64) -> AssignmentSolution {
        var objective: Int64 = 0
        var pairs: [(row: Int, column: Int)] = []
        pairs.reserveCapacity(columnOfRow.count)
        for (row, column) in columnOfRow.enumerated() {
            pairs.append((row, column))
            objective += cost(row, column)
        }
        return AssignmentSolution(status: .optimal, pairs: pairs, objective: objective,
                                  rowPotentials: rowPotential, columnPotentials: columnPotential)
    }
}
