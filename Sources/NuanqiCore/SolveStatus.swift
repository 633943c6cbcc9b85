/// What is true of a model after a solve: the second axis, next to thrown errors (a call that
/// failed). Every solver reports one of these; none of them is an error.
public enum SolveStatus: String, Sendable, Codable, Equatable {
    /// Proven optimal: the reported objective equals the best bound.
    case optimal
    /// A feasible solution that is not proven optimal (heuristic, gap tolerance, or time limit
    /// with an incumbent); the result's bound says how far from optimal it may be.
    case feasible
    /// No feasible solution exists; where the solver can, it attaches a certificate.
    case infeasible
    /// Feasible solutions with arbitrarily good objective exist (or, for a MIP, the LP
    /// relaxation is unbounded).
    case unbounded
    /// Stopped by the time limit before any feasible solution was found.
    case timeLimit
}
