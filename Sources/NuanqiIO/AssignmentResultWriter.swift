// The JSON result of `nuanqi assign`. Contract (DESIGN.md): `objective`, `solver` and
// `assignment` (0-based `row`, `column`, `cost`) are fixed; the other fields are additions.

import NuanqiCore

public enum AssignmentResultWriter {
    /// - Parameters:
    ///   - costSign: −1 when the problem was negated to maximize; costs are printed as in the file.
    ///   - decimals: the file's decimal scale (CostMatrixFile.decimals).
    public static func json(solution: AssignmentSolution, problem: AssignmentProblem, decimals: Int,
                            costSign: Int64, sense: String, solver: String, reason: String,
                            verification: AssignmentVerification) -> JSONValue {
        func amount(_ scaled: Int64) -> JSONValue { .number(ExactDecimal.format(costSign * scaled, decimals: decimals)) }
        var members: [(String, JSONValue)] = [
            ("format", .string("nuanqi.assign-result/1")),
            ("status", .string(solution.status.rawValue)),
            ("sense", .string(sense)),
            ("rows", .integer(problem.rowCount)),
            ("columns", .integer(problem.columnCount)),
            ("objective", solution.status == .optimal ? amount(solution.objective) : .null),
            ("solver", .string(solver)),
            ("reason", .string(reason)),
        ]
        if let violation = solution.hallViolation {
            let side = violation.membersAreColumns ? "columns" : "rows"
            let other = violation.membersAreColumns ? "rows" : "columns"
            members.append(("infeasibility", .object([
                ("explanation", .string("these \(violation.members.count) \(side) can only be assigned to the \(violation.neighbours.count) \(other) listed, so not all of them can be assigned")),
                (side, .array(violation.members.map { .integer($0) })),
                (other, .array(violation.neighbours.map { .integer($0) })),
            ])))
        }
        members.append(("verification", .object([
            ("feasible", .bool(verification.feasible)),
            ("objective", solution.status == .optimal ? amount(verification.objective) : .null),
            ("optimalityProven", verification.optimalityProven.map { .bool($0) } ?? .null),
        ])))
        members.append(("assignment", .array(solution.pairs.map { pair in
            .object([
                ("row", .integer(pair.row)),
                ("column", .integer(pair.column)),
                ("cost", amount(problem.cost(row: pair.row, column: pair.column) ?? 0)),
            ])
        })))
        return .object(members)
    }
}
