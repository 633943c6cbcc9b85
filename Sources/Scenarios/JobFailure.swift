/// A run that must not write its result: the independent verifier rejected the solver's answer
/// (a bug, never bad input). The CLI reports it as an internal error (exit 3).
public enum JobFailure: Error, Equatable, Sendable, CustomStringConvertible {
    case verificationFailed(solver: String, problems: [String])

    public var description: String {
        switch self {
        case let .verificationFailed(solver, problems):
            "internal error: the \(solver) result failed verification: " + problems.joined(separator: "; ")
        }
    }
}
