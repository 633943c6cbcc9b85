/// Bad input: what a planner must fix, and exactly where. The CLI prints `description` as one
/// line and exits with code 2.
public enum InputError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A value that cannot be accepted; `line` is 1-based, `field` names the column or key.
    case invalidValue(file: String, line: Int, field: String, reason: String)
    /// The file cannot be read at all (missing, a folder, not UTF-8, empty).
    case unreadable(file: String, reason: String)

    public var description: String {
        switch self {
        case let .invalidValue(file, line, field, reason): "\(file):\(line): \(field): \(reason)"
        case let .unreadable(file, reason): "\(file): \(reason)"
        }
    }
}
