// Chooses and runs the path that solves an AssignmentProblem, and says why.

import NuanqiCore

public struct AssignmentRun: Sendable {
    public var solution: AssignmentSolution
    /// Which path ran: "native-shortest-augmenting-path" or "glpk-simplex".
    public var solver: String
    /// Why that path was chosen, in one sentence.
    public var reason: String
}

public enum AssignmentSolver {
    /// Sparse problems denser than this go to the dense kernel (forbidden pairs marked).
    static let denseThreshold = 0.25

    public static func solve(_ problem: AssignmentProblem, using choice: SolverChoice,
                             glpkOptions: GLPK.Options = GLPK.Options()) throws -> AssignmentRun {
        switch choice {
        case .glpk:
            guard GLPK.isAvailable else { throw SolverError.glpkUnavailable }
            return AssignmentRun(solution: try GLPKAssignment.solve(problem, options: glpkOptions),
                                 solver: "glpk-simplex", reason: "requested with --solver glpk")
        case .native, .auto:
            let requested = choice == .native ? "requested with --solver native; " : ""
            let cells = Double(max(1, problem.rowCount * problem.columnCount))
            let density = Double(problem.pairCount) / cells
            if problem.isDense || density >= denseThreshold {
                let dense = problem.isDense ? problem : try densified(problem)
                return AssignmentRun(
                    solution: try DenseAssignment.solve(dense), solver: "native-shortest-augmenting-path",
                    reason: requested + "dense costs (\(percent(density)) of pairs allowed): shortest augmenting paths are exact and fastest")
            }
            return AssignmentRun(
                solution: try SparseShortestAugmentingPath.solve(problem), solver: "native-shortest-augmenting-path",
                reason: requested + "sparse costs (\(percent(density)) of pairs allowed): shortest augmenting paths on a heap over the allowed pairs only")
        }
    }

    private static func densified(_ problem: AssignmentProblem) throws(ModelError) -> AssignmentProblem {
        var costs = [Int64](repeating: AssignmentProblem.forbidden, count: problem.rowCount * problem.columnCount)
        problem.forEachPair { row, column, cost in costs[row * problem.columnCount + column] = cost }
        return try AssignmentProblem(rows: problem.rowCount, columns: problem.columnCount, denseCosts: costs)
    }

    private static func percent(_ fraction: Double) -> String {
        "\(Int((fraction * 100).rounded()))%"
    }
}
