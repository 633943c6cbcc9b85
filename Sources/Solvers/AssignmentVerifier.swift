// Independent check of an assignment result, run before anything is written. It recomputes
// everything from the problem: the pairs (allowed, no row or column twice, the right count), the
// objective, and — when the solver returned potentials — the LP duality certificate of
// AssignmentProblem; for an infeasible verdict, the Hall violation.

import NuanqiCore

public enum AssignmentVerifier {
    public static func verify(_ solution: AssignmentSolution, for problem: AssignmentProblem) -> AssignmentVerification {
        if solution.status == .infeasible {
            return verifyInfeasible(solution.hallViolation, problem)
        }
        var problems: [String] = []
        var rowUsed = [Bool](repeating: false, count: problem.rowCount)
        var columnUsed = [Bool](repeating: false, count: problem.columnCount)
        var objective: Int64 = 0
        for pair in solution.pairs {
            guard pair.row >= 0, pair.row < problem.rowCount, pair.column >= 0, pair.column < problem.columnCount else {
                problems.append("pair (\(pair.row), \(pair.column)) is outside the matrix")
                continue
            }
            if rowUsed[pair.row] { problems.append("row \(pair.row) is assigned twice") }
            if columnUsed[pair.column] { problems.append("column \(pair.column) is assigned twice") }
            rowUsed[pair.row] = true
            columnUsed[pair.column] = true
            if let cost = problem.cost(row: pair.row, column: pair.column) {
                objective += cost
            } else {
                problems.append("pair (\(pair.row), \(pair.column)) is not allowed")
            }
        }
        if solution.pairs.count != problem.assignmentSize {
            problems.append("\(solution.pairs.count) pairs assigned, \(problem.assignmentSize) required")
        }
        if objective != solution.objective {
            problems.append("reported objective \(solution.objective), recomputed \(objective)")
        }
        let feasible = problems.isEmpty
        guard let u = solution.rowPotentials, let v = solution.columnPotentials,
              u.count == problem.rowCount, v.count == problem.columnCount else {
            return AssignmentVerification(feasible: feasible, objective: objective, optimalityProven: nil, problems: problems)
        }
        var proven = feasible
        problem.forEachPair { row, column, cost in
            if u[row] + v[column] > cost, proven {
                proven = false
                problems.append("dual constraint u[\(row)] + v[\(column)] ≤ \(cost) fails")
            }
        }
        // The larger side's constraints are inequalities (≤ 1): their duals must be ≤ 0 and
        // vanish where nobody is assigned.
        if problem.rowCount != problem.columnCount {
            let (larger, used) = problem.rowCount < problem.columnCount ? (v, columnUsed) : (u, rowUsed)
            for index in larger.indices where larger[index] > 0 || (!used[index] && larger[index] != 0) {
                proven = false
                problems.append("potential \(larger[index]) of unassigned or ≤-constrained member \(index) breaks complementary slackness")
                break
            }
        }
        let dualObjective = u.reduce(0, +) + v.reduce(0, +)
        if dualObjective != objective {
            proven = false
            problems.append("dual objective \(dualObjective) differs from primal \(objective)")
        }
        return AssignmentVerification(feasible: feasible, objective: objective, optimalityProven: proven, problems: problems)
    }

    private static func verifyInfeasible(_ violation: HallViolation?, _ problem: AssignmentProblem) -> AssignmentVerification {
        guard let violation else {
            return AssignmentVerification(feasible: true, objective: 0, optimalityProven: nil, problems: [])
        }
        let oriented = violation.membersAreColumns ? problem.transposed() : problem
        let neighbours = Set(violation.neighbours)
        var problems: [String] = []
        for member in violation.members {
            guard member >= 0, member < oriented.rowCount else {
                problems.append("Hall violation names member \(member), which does not exist")
                continue
            }
            for column in 0 ..< oriented.columnCount where oriented.cost(row: member, column: column) != nil && !neighbours.contains(column) {
                problems.append("member \(member) can also be assigned to \(column), outside the named neighbours")
                break
            }
        }
        if neighbours.count >= Set(violation.members).count {
            problems.append("\(neighbours.count) neighbours for \(violation.members.count) members is no Hall violation")
        }
        return AssignmentVerification(feasible: problems.isEmpty, objective: 0, optimalityProven: problems.isEmpty, problems: problems)
    }
}
