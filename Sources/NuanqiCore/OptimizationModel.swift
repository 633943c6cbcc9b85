/// A model as a solver sees it, for export and for peers to solve: a min-cost flow network or
/// a linear (or mixed-integer) program.
public enum OptimizationModel: Sendable {
    case network(FlowNetwork)
    case program(LinearProgram)
}
