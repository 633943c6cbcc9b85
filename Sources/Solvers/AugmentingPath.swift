// The two steps shortest-augmenting-path assignment kernels share once a search has found the
// cheapest path from a free row to a free column (Crouse, "On implementing 2D rectangular
// assignment algorithms", IEEE Trans. AES 52(4), 2016, Algorithm 2, lines after the search):
// the potential update that keeps reduced costs ≥ 0 and makes the path tight, and the flip of
// the alternating path. Generic so each kernel keeps its own storage (arrays or raw buffers).

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
}
