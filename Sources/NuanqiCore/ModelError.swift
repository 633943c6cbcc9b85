/// A model that no backend may be given: what is wrong and where.
public enum ModelError: Error, Equatable, Sendable, CustomStringConvertible {
    case columnOutOfRange(row: String, column: Int)
    case duplicateEntry(row: String, column: String)
    case nonFinite(where: String)
    case emptyBounds(what: String, lower: Double, upper: Double)
    case invalidName(what: String, name: String)
    /// Costs or capacities so large that sums along a path could overflow 64-bit integers.
    case magnitudeTooLarge(what: String, limit: Int64)
    case unbalancedSupply(total: Int64)
    case nodeOutOfRange(arc: Int, node: Int)
    case dimensionMismatch(what: String)

    public var description: String {
        switch self {
        case let .columnOutOfRange(row, column): "row \(row) refers to column \(column), which does not exist"
        case let .duplicateEntry(row, column): "row \(row) lists column \(column) twice"
        case let .nonFinite(place): "\(place) is not a finite number"
        case let .emptyBounds(what, lower, upper): "\(what) has lower bound \(lower) above upper bound \(upper)"
        case let .invalidName(what, name): "\(what) has name \"\(name)\", which LP/MPS files cannot carry (use letters, digits, _ . [ ] - #)"
        case let .magnitudeTooLarge(what, limit): "\(what) exceeds \(limit) in absolute value; sums could overflow"
        case let .unbalancedSupply(total): "supplies sum to \(total), not 0"
        case let .nodeOutOfRange(arc, node): "arc \(arc) refers to node \(node), which does not exist"
        case let .dimensionMismatch(what): "dimension mismatch: \(what)"
        }
    }
}
