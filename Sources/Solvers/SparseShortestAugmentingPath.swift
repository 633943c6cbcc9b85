// Sparse rectangular linear assignment by shortest augmenting paths on a heap.
//
// Problem: AssignmentProblem with sparse costs (only allowed pairs stored), rows ≤ columns
//   (otherwise the transpose is solved).
// Algorithm: the augmentation of Jonker & Volgenant's LAPJVsp ("A shortest augmenting path
//   algorithm for dense and sparse linear assignment problems", Computing 38, 1987, pp.
//   325–340) with Dijkstra's search on a binary heap over the allowed pairs only: for each
//   free row, the cheapest alternating path in reduced costs c_ij − u_i − v_j (never negative)
//   to a free column, then the potential update of Crouse ("On implementing 2D rectangular
//   assignment algorithms", IEEE Trans. AES 52(4), 2016, Algorithm 2) and the augmentation.
//   Square problems start from JV's column reduction (v_j = min_i c_ij, each column given to its
//   cheapest row while that row is free); every problem then gets JV's augmenting row
//   reduction (AugmentingPath), which leaves most rows assigned before any search.
// Complexity: O(r · p log c) in the worst case for p allowed pairs; a search stops at the first
//   free column it settles, so in practice it touches a small neighbourhood. Memory O(p + c).
// Certificate: exact integer potentials satisfying AssignmentProblem's dual conditions (for
//   rectangular problems v starts at 0 and only decreases, so v ≤ 0 and unassigned columns
//   keep v = 0). A row whose search exhausts its reachable columns without a free one yields a
//   Hall violation: the rows scanned and the columns they reach, one fewer.

import NuanqiCore

public enum SparseShortestAugmentingPath {
    public static func solve(_ problem: AssignmentProblem) throws(ModelError) -> AssignmentSolution {
        if problem.rowCount > problem.columnCount {
            return try solve(problem.transposed()).transposed()
        }
        guard case let .sparse(rowStarts, columnsOfEntry, costs) = problem.storage else {
            throw .dimensionMismatch(what: "SparseShortestAugmentingPath needs sparse costs")
        }
        let rows = problem.rowCount, columns = problem.columnCount
        let limit = Int64.max / Int64(4 * max(rows, columns) + 4)
        guard problem.largestAbsoluteCost <= limit else {
            throw .magnitudeTooLarge(what: "an assignment cost", limit: limit)
        }
        var u = [Int64](repeating: 0, count: rows)
        var v = [Int64](repeating: 0, count: columns)
        var columnOfRow = [Int](repeating: -1, count: rows)
        var rowOfColumn = [Int](repeating: -1, count: columns)
        if rows == columns {
            // Column reduction: u = 0 and v_j = min_i c_ij keep every reduced cost ≥ 0.
            var cheapestRow = [Int](repeating: -1, count: columns)
            var cheapest = [Int64](repeating: .max, count: columns)
            for row in 0 ..< rows {
                for entry in rowStarts[row] ..< rowStarts[row + 1] {
                    let column = Int(columnsOfEntry[entry])
                    if costs[entry] < cheapest[column] { cheapest[column] = costs[entry]; cheapestRow[column] = row }
                }
            }
            for column in 0 ..< columns where cheapestRow[column] >= 0 {
                v[column] = cheapest[column]
                if columnOfRow[cheapestRow[column]] < 0 {
                    columnOfRow[cheapestRow[column]] = column
                    rowOfColumn[column] = cheapestRow[column]
                }
            }
        }

        // Ties prefer a free column, so the reduction leaves fewer rows to search from.
        _ = AugmentingPath.augmentingRowReduction(
            free: (0 ..< rows).filter { columnOfRow[$0] < 0 }, rowCount: rows,
            cheapest: { row, v, rowOfColumn in
                var found = AugmentingPath.TwoCheapest()
                for entry in rowStarts[row] ..< rowStarts[row + 1] {
                    let column = Int(columnsOfEntry[entry])
                    let reduced = costs[entry] - v[column]
                    if reduced < found.best || (reduced == found.best && rowOfColumn[column] < 0 && rowOfColumn[found.bestColumn] >= 0) {
                        found.second = found.best; found.secondColumn = found.bestColumn
                        found.best = reduced; found.bestColumn = column
                    } else if reduced < found.second {
                        found.second = reduced; found.secondColumn = column
                    }
                }
                return found
            },
            v: &v, columnOfRow: &columnOfRow, rowOfColumn: &rowOfColumn)
        for row in 0 ..< rows where columnOfRow[row] >= 0 {
            u[row] = problem.cost(row: row, column: columnOfRow[row])! - v[columnOfRow[row]]
        }

        let unreached = Int64.max
        var distance = [Int64](repeating: unreached, count: columns)
        var pathRow = [Int](repeating: -1, count: columns)
        var settled = [Bool](repeating: false, count: columns)
        var reached: [Int] = []
        var settledColumns: [Int] = []
        var scannedRows: [Int] = []
        let heap = ColumnHeap(capacity: costs.count + 1)
        var violation: HallViolation? = nil
        // Raw buffers in the search: Swift arrays would check uniqueness on every write.
        rowStarts.withUnsafeBufferPointer { rowStarts in
        columnsOfEntry.withUnsafeBufferPointer { columnsOfEntry in
        costs.withUnsafeBufferPointer { costs in
        u.withUnsafeMutableBufferPointer { u in
        v.withUnsafeMutableBufferPointer { v in
        distance.withUnsafeMutableBufferPointer { distance in
        pathRow.withUnsafeMutableBufferPointer { pathRow in
        settled.withUnsafeMutableBufferPointer { settled in
        rowOfColumn.withUnsafeMutableBufferPointer { rowOfColumn in
        for startRow in 0 ..< rows where columnOfRow[startRow] < 0 {
            for column in reached { distance[column] = unreached; settled[column] = false }
            reached.removeAll(keepingCapacity: true)
            settledColumns.removeAll(keepingCapacity: true)
            scannedRows.removeAll(keepingCapacity: true)
            heap.removeAll()
            var row = startRow, base: Int64 = 0, sink = -1
            while true {
                scannedRows.append(row)
                let offset = base - u[row]
                for entry in rowStarts[row] ..< rowStarts[row + 1] {
                    let column = Int(columnsOfEntry[entry])
                    guard !settled[column] else { continue }
                    let candidate = offset + costs[entry] - v[column]
                    if candidate < distance[column] {
                        if distance[column] == unreached { reached.append(column) }
                        distance[column] = candidate
                        pathRow[column] = row
                        heap.push(candidate, column)
                    }
                }
                var next = -1
                while let (length, column) = heap.pop() {
                    if settled[column] || length != distance[column] { continue }
                    next = column
                    break
                }
                guard next >= 0 else {
                    violation = HallViolation(membersAreColumns: false, members: scannedRows.sorted(), neighbours: reached.sorted())
                    return
                }
                settled[next] = true
                base = distance[next]
                if rowOfColumn[next] < 0 { sink = next; break }
                settledColumns.append(next)
                row = rowOfColumn[next]
            }
            AugmentingPath.updatePotentials(length: base, startRow: startRow, scannedRows: scannedRows, settledColumns: settledColumns,
                                            distance: distance, columnOfRow: columnOfRow, rowPotential: &u, columnPotential: &v)
            AugmentingPath.flip(from: sink, to: startRow, pathRow: pathRow, rowOfColumn: &rowOfColumn, columnOfRow: &columnOfRow)
        }
        }}}}}}}}}
        if let violation {
            return AssignmentSolution(status: .infeasible, pairs: [], objective: 0, hallViolation: violation)
        }
        return AugmentingPath.optimalSolution(columnOfRow: columnOfRow, rowPotential: u, columnPotential: v) {
            problem.cost(row: $0, column: $1)!
        }
    }
}

/// A binary min-heap of (distance, column) in raw storage sized once (a search pushes at most
/// one entry per allowed pair), ties by column so runs are deterministic; stale entries are
/// skipped by the caller rather than removed.
final class ColumnHeap {
    private let keys: UnsafeMutablePointer<Int64>
    private let columns: UnsafeMutablePointer<Int>
    private var count = 0

    init(capacity: Int) {
        keys = .allocate(capacity: capacity)
        columns = .allocate(capacity: capacity)
    }

    deinit {
        keys.deallocate()
        columns.deallocate()
    }

    func removeAll() { count = 0 }

    @inline(__always)
    private func less(_ a: Int, _ b: Int) -> Bool { (keys[a], columns[a]) < (keys[b], columns[b]) }

    @inline(__always)
    private func swapEntries(_ a: Int, _ b: Int) {
        (keys[a], keys[b]) = (keys[b], keys[a])
        (columns[a], columns[b]) = (columns[b], columns[a])
    }

    func push(_ key: Int64, _ column: Int) {
        keys[count] = key
        columns[count] = column
        var child = count
        count += 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard less(child, parent) else { break }
            swapEntries(child, parent)
            child = parent
        }
    }

    func pop() -> (Int64, Int)? {
        guard count > 0 else { return nil }
        let top = (keys[0], columns[0])
        count -= 1
        guard count > 0 else { return top }
        keys[0] = keys[count]
        columns[0] = columns[count]
        var parent = 0
        while true {
            let left = 2 * parent + 1, right = left + 1
            var smallest = parent
            if left < count && less(left, smallest) { smallest = left }
            if right < count && less(right, smallest) { smallest = right }
            guard smallest != parent else { return top }
            swapEntries(parent, smallest)
            parent = smallest
        }
    }
}
