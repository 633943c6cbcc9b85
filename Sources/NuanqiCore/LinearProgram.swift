// A solver-neutral linear or mixed-integer program:
//
//     optimize   Σ_j objective_j · x_j + objectiveConstant
//     subject to rowLower_i ≤ Σ_j a_ij · x_j ≤ rowUpper_i      for every row i
//                columnLower_j ≤ x_j ≤ columnUpper_j            for every column j
//                x_j integer                                    for every integer column j
//
// A missing bound (nil) is infinite. The matrix is stored row-wise (compressed sparse rows),
// appended one row at a time, because the problem modules build their models row by row and
// GLPK loads a matrix as triplets anyway. `validate()` checks everything GLPK would abort on,
// so a model that passes it can be handed to any backend.

/// Direction of optimization.
public enum ObjectiveSense: String, Sendable, Codable {
    case minimize
    case maximize
}

public struct LinearProgram: Sendable {
    public struct Column: Sendable, Equatable {
        public var name: String
        public var lower: Double?
        public var upper: Double?
        public var objective: Double
        public var isInteger: Bool
    }

    public struct Row: Sendable, Equatable {
        public var name: String
        public var lower: Double?
        public var upper: Double?
    }

    public var sense: ObjectiveSense
    /// The model's name in exported files.
    public var name = "nuanqi"
    public var objectiveConstant: Double = 0
    public private(set) var columns: [Column] = []
    public private(set) var rows: [Row] = []
    /// Row i's entries are `entryColumns[rowStarts[i] ..< rowStarts[i + 1]]`.
    public private(set) var rowStarts: [Int] = [0]
    public private(set) var entryColumns: [Int] = []
    public private(set) var entryValues: [Double] = []

    public init(sense: ObjectiveSense) {
        self.sense = sense
    }

    /// The same program as a minimization (objective negated when it maximizes): the form
    /// MPS files carry, since MPS has no standard field for the objective's sense.
    public func asMinimization() -> LinearProgram {
        guard sense == .maximize else { return self }
        var copy = self
        copy.sense = .minimize
        copy.objectiveConstant = -objectiveConstant
        for index in copy.columns.indices { copy.columns[index].objective = -columns[index].objective }
        return copy
    }

    public var isMixedInteger: Bool { columns.contains { $0.isInteger } }
    public var entryCount: Int { entryColumns.count }

    /// Adds a column and returns its 0-based index.
    @discardableResult
    public mutating func addColumn(
        name: String? = nil, lower: Double? = 0, upper: Double? = nil,
        objective: Double = 0, isInteger: Bool = false
    ) -> Int {
        columns.append(Column(
            name: name ?? "x\(columns.count)", lower: lower, upper: upper,
            objective: objective, isInteger: isInteger))
        return columns.count - 1
    }

    /// Adds the row `lower ≤ Σ value · x[column] ≤ upper` and returns its 0-based index.
    @discardableResult
    public mutating func addRow<Terms: Sequence>(
        name: String? = nil, _ terms: Terms, lower: Double? = nil, upper: Double? = nil
    ) -> Int where Terms.Element == (column: Int, value: Double) {
        for term in terms {
            entryColumns.append(term.column)
            entryValues.append(term.value)
        }
        rowStarts.append(entryColumns.count)
        rows.append(Row(name: name ?? "r\(rows.count)", lower: lower, upper: upper))
        return rows.count - 1
    }

    /// The entries of one row as (column, value) pairs.
    public func terms(ofRow row: Int) -> [(column: Int, value: Double)] {
        (rowStarts[row] ..< rowStarts[row + 1]).map { (entryColumns[$0], entryValues[$0]) }
    }

    /// The objective value of a point, including the constant.
    public func objectiveValue(of values: [Double]) -> Double {
        var total = objectiveConstant
        for (column, value) in zip(columns, values) { total += column.objective * value }
        return total
    }

    /// Checks what a backend would reject or abort on: indices, duplicates, finiteness, bounds,
    /// and names that the CPLEX-LP and MPS writers can carry.
    public func validate() throws(ModelError) {
        try Self.checkName(name, what: "the model")
        var seen = [Int](repeating: -1, count: columns.count)
        for (index, column) in columns.enumerated() {
            try Self.checkBounds(column.lower, column.upper, what: "column \(column.name)")
            guard column.objective.isFinite else {
                throw .nonFinite(where: "objective coefficient of column \(column.name)")
            }
            try Self.checkName(column.name, what: "column \(index)")
        }
        for (rowIndex, row) in rows.enumerated() {
            try Self.checkBounds(row.lower, row.upper, what: "row \(row.name)")
            try Self.checkName(row.name, what: "row \(rowIndex)")
            for entry in rowStarts[rowIndex] ..< rowStarts[rowIndex + 1] {
                let column = entryColumns[entry]
                guard column >= 0 && column < columns.count else {
                    throw .columnOutOfRange(row: row.name, column: column)
                }
                guard seen[column] != rowIndex else {
                    throw .duplicateEntry(row: row.name, column: columns[column].name)
                }
                seen[column] = rowIndex
                guard entryValues[entry].isFinite else {
                    throw .nonFinite(where: "coefficient of \(columns[column].name) in row \(row.name)")
                }
            }
        }
        guard objectiveConstant.isFinite else { throw .nonFinite(where: "objective constant") }
    }

    private static func checkBounds(_ lower: Double?, _ upper: Double?, what: String) throws(ModelError) {
        if let lower, !lower.isFinite { throw .nonFinite(where: "lower bound of \(what)") }
        if let upper, !upper.isFinite { throw .nonFinite(where: "upper bound of \(what)") }
        if let lower, let upper, lower > upper {
            throw .emptyBounds(what: what, lower: lower, upper: upper)
        }
    }

    /// GLPK limits names to 255 characters; CPLEX-LP needs them free of blanks and operators.
    private static func checkName(_ name: String, what: String) throws(ModelError) {
        let allowed = name.utf8.allSatisfy { byte in
            (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A)
                || (byte >= 0x61 && byte <= 0x7A) || byte == 0x5F || byte == 0x2E
                || byte == 0x5B || byte == 0x5D || byte == 0x2D || byte == 0x23
        }
        guard !name.isEmpty, name.utf8.count <= 255, allowed, name.utf8.first.map({ !(0x30...0x39).contains($0) && $0 != 0x2E }) ?? false else {
            throw .invalidName(what: what, name: name)
        }
    }
}
