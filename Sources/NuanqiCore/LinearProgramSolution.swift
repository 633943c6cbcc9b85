/// The result of solving a LinearProgram with any backend.
public struct LinearProgramSolution: Sendable {
    public var status: SolveStatus
    /// Objective of the returned point (nil when there is none).
    public var objective: Double?
    /// Best proven bound on the optimum: equal to `objective` when optimal; for a MIP stopped
    /// early, the best bound of the open branch-and-bound nodes.
    public var bound: Double?
    /// Primal values, one per column (empty when there is no point).
    public var columnValues: [Double]
    /// Row duals of an LP (∂ objective / ∂ row bound), nil for a MIP.
    public var rowDuals: [Double]?
    /// Reduced costs of an LP, nil for a MIP.
    public var reducedCosts: [Double]?
    /// Which backend and method produced this, e.g. "glpk-simplex" or "glpk-branch-and-cut".
    public var solver: String
    /// For a MIP: the optimum of its LP relaxation at the root (nil for an LP).
    public var relaxation: Double?

    public init(status: SolveStatus, objective: Double?, bound: Double?, columnValues: [Double],
                rowDuals: [Double]?, reducedCosts: [Double]?, solver: String) {
        self.status = status
        self.objective = objective
        self.bound = bound
        self.columnValues = columnValues
        self.rowDuals = rowDuals
        self.reducedCosts = reducedCosts
        self.solver = solver
    }

    /// Relative gap |objective − bound| / max(1, |objective|), when both are known.
    public var relativeGap: Double? {
        guard let objective, let bound else { return nil }
        return abs(objective - bound) / max(1, abs(objective))
    }
}
