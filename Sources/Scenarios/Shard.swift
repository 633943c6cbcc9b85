/// `--shard i/n`: the deterministic slice i (0-based, so a Kubernetes completion index or a
/// Slurm array task id can be passed as is) of n, taking every n-th scenario from i, so long
/// and short sweep values spread evenly over the shards.
public struct Shard: Sendable, Equatable, CustomStringConvertible {
    public var index: Int
    public var count: Int

    public init?(_ text: String) {
        let parts = text.split(separator: "/")
        guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]), count >= 1, (0 ..< count).contains(index) else { return nil }
        self.index = index
        self.count = count
    }

    public func contains(_ scenarioIndex: Int) -> Bool { scenarioIndex % count == index }

    public var description: String { "\(index)/\(count)" }
}
