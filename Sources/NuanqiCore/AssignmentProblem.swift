// The linear assignment problem, rectangular and possibly sparse:
//
//     minimize   Σ c_ij · x_ij   over allowed pairs (i, j)
//     subject to Σ_j x_ij ≤ 1 for every row i,  Σ_i x_ij ≤ 1 for every column j,
//                Σ x_ij = min(rows, columns),   x_ij ∈ {0, 1}.
//
// Costs are 64-bit integers: callers scale decimal costs to integers first (NuanqiIO's
// ExactDecimal does), so optimality is decided exactly, never up to a floating tolerance.
// Dual certificate (LP duality; the constraint matrix is totally unimodular): with rows ≤
// columns, potentials u (rows) and v (columns) with u_i + v_j ≤ c_ij on allowed pairs, v_j ≤ 0,
// v_j = 0 on unassigned columns and Σu + Σv = objective prove the assignment optimal.

public struct AssignmentProblem: Sendable {
    /// Marks a pair that may not be assigned in dense storage.
    public static let forbidden = Int64.max

    public enum Storage: Sendable {
        /// Row-major `rows × columns` costs; `forbidden` marks pairs that are not allowed.
        case dense([Int64])
        /// Allowed pairs of row i are `columns[rowStarts[i] ..< rowStarts[i + 1]]`.
        case sparse(rowStarts: [Int], columns: [Int32], costs: [Int64])
    }

    public let rowCount: Int
    public let columnCount: Int
    public let storage: Storage

    public init(rows: Int, columns: Int, denseCosts: [Int64]) throws(ModelError) {
        guard rows >= 0, columns >= 0, denseCosts.count == rows * columns else {
            throw .dimensionMismatch(what: "\(denseCosts.count) costs for \(rows) × \(columns)")
        }
        rowCount = rows
        columnCount = columns
        storage = .dense(denseCosts)
    }

    /// Sparse problem from (row, column, cost) triples; a pair listed twice keeps its lower cost.
    public init(rows: Int, columns: Int, pairs: [(row: Int, column: Int, cost: Int64)]) throws(ModelError) {
        for pair in pairs {
            guard pair.row >= 0, pair.row < rows, pair.column >= 0, pair.column < columns else {
                throw .dimensionMismatch(what: "pair (\(pair.row), \(pair.column)) outside \(rows) × \(columns)")
            }
        }
        let ordered = pairs.sorted { ($0.row, $0.column, $0.cost) < ($1.row, $1.column, $1.cost) }
        var starts = [Int](repeating: 0, count: rows + 1)
        var columnList: [Int32] = []
        var costList: [Int64] = []
        columnList.reserveCapacity(pairs.count)
        costList.reserveCapacity(pairs.count)
        var previous: (row: Int, column: Int)? = nil
        for pair in ordered where previous.map({ $0 != (pair.row, pair.column) }) ?? true {
            previous = (pair.row, pair.column)
            columnList.append(Int32(pair.column))
            costList.append(pair.cost)
            starts[pair.row + 1] += 1
        }
        for row in 0 ..< rows { starts[row + 1] += starts[row] }
        rowCount = rows
        columnCount = columns
        storage = .sparse(rowStarts: starts, columns: columnList, costs: costList)
    }

    /// Number of pairs that must be assigned.
    public var assignmentSize: Int { min(rowCount, columnCount) }

    /// The cost of a pair, or nil when the pair is not allowed.
    public func cost(row: Int, column: Int) -> Int64? {
        switch storage {
        case let .dense(costs):
            let value = costs[row * columnCount + column]
            return value == Self.forbidden ? nil : value
        case let .sparse(rowStarts, columns, costs):
            var low = rowStarts[row], high = rowStarts[row + 1]
            while low < high {
                let middle = (low + high) / 2
                let candidate = Int(columns[middle])
                if candidate == column { return costs[middle] }
                if candidate < column { low = middle + 1 } else { high = middle }
            }
            return nil
        }
    }

    /// Calls `body(row, column, cost)` for every allowed pair, row by row, columns ascending.
    public func forEachPair(_ body: (Int, Int, Int64) throws -> Void) rethrows {
        switch storage {
        case let .dense(costs):
            for row in 0 ..< rowCount {
                for column in 0 ..< columnCount {
                    let value = costs[row * columnCount + column]
                    if value != Self.forbidden { try body(row, column, value) }
                }
            }
        case let .sparse(rowStarts, columns, costs):
            for row in 0 ..< rowCount {
                for entry in rowStarts[row] ..< rowStarts[row + 1] {
                    try body(row, Int(columns[entry]), costs[entry])
                }
            }
        }
    }

    /// The same problem with every cost negated: minimizing it maximizes the original.
    public func negated() -> AssignmentProblem {
        switch storage {
        case let .dense(costs):
            AssignmentProblem(rowCount: rowCount, columnCount: columnCount,
                              storage: .dense(costs.map { $0 == Self.forbidden ? $0 : -$0 }))
        case let .sparse(rowStarts, columns, costs):
            AssignmentProblem(rowCount: rowCount, columnCount: columnCount,
                              storage: .sparse(rowStarts: rowStarts, columns: columns, costs: costs.map { -$0 }))
        }
    }

    /// The same problem with rows and columns exchanged.
    public func transposed() -> AssignmentProblem {
        switch storage {
        case let .dense(costs):
            var flipped = [Int64](repeating: 0, count: costs.count)
            for row in 0 ..< rowCount {
                for column in 0 ..< columnCount { flipped[column * rowCount + row] = costs[row * columnCount + column] }
            }
            return AssignmentProblem(rowCount: columnCount, columnCount: rowCount, storage: .dense(flipped))
        case .sparse:
            var counts = [Int](repeating: 0, count: columnCount + 1)
            forEachPair { _, column, _ in counts[column + 1] += 1 }
            for column in 0 ..< columnCount { counts[column + 1] += counts[column] }
            var fill = counts
            var rowList = [Int32](repeating: 0, count: counts[columnCount])
            var costList = [Int64](repeating: 0, count: counts[columnCount])
            forEachPair { row, column, cost in
                rowList[fill[column]] = Int32(row)
                costList[fill[column]] = cost
                fill[column] += 1
            }
            return AssignmentProblem(rowCount: columnCount, columnCount: rowCount,
                                     storage: .sparse(rowStarts: counts, columns: rowList, costs: costList))
        }
    }

    private init(rowCount: Int, columnCount: Int, storage: Storage) {
        self.rowCount = rowCount
        self.columnCount = columnCount
        self.storage = storage
    }

    public var pairCount: Int {
        switch storage {
        case let .dense(costs): costs.lazy.filter { $0 != Self.forbidden }.count
        case let .sparse(_, columns, _): columns.count
        }
    }

    public var isDense: Bool {
        if case .dense = storage { return true }
        return false
    }

    /// Largest absolute allowed cost (0 when nothing is allowed).
    public var largestAbsoluteCost: Int64 {
        var largest: Int64 = 0
        forEachPair { _, _, cost in largest = max(largest, cost == Int64.min ? Int64.max : abs(cost)) }
        return largest
    }
}

/// A solved assignment: the pairs, their total cost, and the certificate that proves it.
public struct AssignmentSolution: Sendable, Equatable {
    public var status: SolveStatus
    /// Assigned pairs sorted by row.
    public var pairs: [(row: Int, column: Int)]
    public var objective: Int64
    /// Dual potentials (see AssignmentProblem), when the solver produced them.
    public var rowPotentials: [Int64]?
    public var columnPotentials: [Int64]?
    /// When infeasible: rows whose allowed columns, all together, number fewer than the rows.
    public var hallViolation: HallViolation?

    public init(status: SolveStatus, pairs: [(row: Int, column: Int)], objective: Int64,
                rowPotentials: [Int64]? = nil, columnPotentials: [Int64]? = nil,
                hallViolation: HallViolation? = nil) {
        self.status = status
        self.pairs = pairs
        self.objective = objective
        self.rowPotentials = rowPotentials
        self.columnPotentials = columnPotentials
        self.hallViolation = hallViolation
    }

    public static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.status == rhs.status && lhs.objective == rhs.objective
            && lhs.pairs.elementsEqual(rhs.pairs, by: { $0 == $1 })
            && lhs.rowPotentials == rhs.rowPotentials && lhs.columnPotentials == rhs.columnPotentials
            && lhs.hallViolation == rhs.hallViolation
    }
}

/// Hall's condition fails: these members of one side can only be matched to `neighbours` on the
/// other side, and there are fewer neighbours than members. Anyone can check it from the input.
public struct HallViolation: Sendable, Equatable, Codable {
    /// True when `members` are columns (the problem was transposed), false when rows.
    public var membersAreColumns: Bool
    public var members: [Int]
    public var neighbours: [Int]

    public init(membersAreColumns: Bool, members: [Int], neighbours: [Int]) {
        self.membersAreColumns = membersAreColumns
        self.members = members
        self.neighbours = neighbours
    }
}

extension AssignmentSolution {
    /// The same solution for the transposed problem (rows and columns exchanged).
    public func transposed() -> AssignmentSolution {
        AssignmentSolution(
            status: status,
            pairs: pairs.map { (row: $0.column, column: $0.row) }.sorted { $0.row < $1.row },
            objective: objective,
            rowPotentials: columnPotentials, columnPotentials: rowPotentials,
            hallViolation: hallViolation.map {
                HallViolation(membersAreColumns: !$0.membersAreColumns, members: $0.members, neighbours: $0.neighbours)
            })
    }
}
