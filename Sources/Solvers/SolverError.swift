/// A solve that failed (as opposed to a status, which says what is true of the model).
public enum SolverError: Error, Equatable, Sendable, CustomStringConvertible {
    /// This build has no GLPK (built with --disable-default-traits) or the library is missing.
    case glpkUnavailable
    /// GLPK returned an error code it documents (singular basis, numerical trouble, …).
    case glpkFailed(call: String, code: Int)
    /// GLPK hit a fatal error; its environment on this thread was reset.
    case glpkFatal(call: String)
    /// Writing a model file failed.
    case exportFailed(path: String)
    /// A solver chosen explicitly cannot handle this model.
    case unsupported(solver: String, reason: String)

    public var description: String {
        switch self {
        case .glpkUnavailable: "GLPK is not available in this build (rebuild with the GLPK trait and libglpk-dev installed)"
        case let .glpkFailed(call, code): "GLPK \(call) failed with code \(code)"
        case let .glpkFatal(call): "GLPK hit a fatal error in \(call); the model was rejected"
        case let .exportFailed(path): "could not write the model to \(path)"
        case let .unsupported(solver, reason): "solver \(solver) cannot solve this model: \(reason)"
        }
    }
}

/// Which path solves a model, as chosen on the command line.
public enum SolverChoice: String, Sendable, CaseIterable {
    case glpk
    case native
    case auto
}

/// File formats GLPK can write a model in, for inspection or for another solver.
public enum ModelFileFormat: String, Sendable, CaseIterable {
    case cplexLP = "lp"
    case mps
}
