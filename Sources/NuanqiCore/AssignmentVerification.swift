/// The outcome of checking an assignment result independently of the solver that made it.
public struct AssignmentVerification: Sendable, Equatable {
    /// The pairs form a valid full assignment (or the infeasibility certificate holds).
    public var feasible: Bool
    /// Objective recomputed from the pairs and the input costs.
    public var objective: Int64
    /// True when dual potentials prove optimality; nil when the solver gave none.
    public var optimalityProven: Bool?
    /// What failed, in words; empty when everything holds.
    public var problems: [String]

    public init(feasible: Bool, objective: Int64, optimalityProven: Bool?, problems: [String]) {
        self.feasible = feasible
        self.objective = objective
        self.optimalityProven = optimalityProven
        self.problems = problems
    }
}
