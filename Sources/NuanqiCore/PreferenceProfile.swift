// Two-sided preferences for many-to-many matching with capacities (the hospitals/residents
// family). Each agent lists the acceptable agents of the other side, best first; a pair can be
// matched only when each side lists the other. Lists are strict: callers break ties (Nuanqi
// breaks them by id) before building a profile, which is what makes results deterministic.
//
// A matching is stable when no blocking pair exists: a mutually acceptable unmatched pair (p, r)
// where p has a free place or prefers r to one of its partners, and r has a free place or
// prefers p to one of its partners.

public struct PreferenceProfile: Sendable {
    public let proposerCapacities: [Int]
    public let receiverCapacities: [Int]
    /// Proposer p's list is `proposerEntries[proposerStarts[p] ..< proposerStarts[p + 1]]`.
    public let proposerStarts: [Int]
    public let proposerEntries: [Int32]
    public let receiverStarts: [Int]
    public let receiverEntries: [Int32]

    public var proposerCount: Int { proposerCapacities.count }
    public var receiverCount: Int { receiverCapacities.count }

    public init(proposerCapacities: [Int], receiverCapacities: [Int],
                proposerLists: [[Int]], receiverLists: [[Int]]) throws(ModelError) {
        guard proposerLists.count == proposerCapacities.count,
              receiverLists.count == receiverCapacities.count else {
            throw .dimensionMismatch(what: "one preference list per agent")
        }
        for capacity in proposerCapacities + receiverCapacities where capacity < 0 {
            throw .dimensionMismatch(what: "capacity \(capacity) is negative")
        }
        (proposerStarts, proposerEntries) = try Self.compress(proposerLists, otherSide: receiverCapacities.count)
        (receiverStarts, receiverEntries) = try Self.compress(receiverLists, otherSide: proposerCapacities.count)
        self.proposerCapacities = proposerCapacities
        self.receiverCapacities = receiverCapacities
    }

    /// The same preferences with the sides swapped, so the other side proposes.
    public var swapped: PreferenceProfile {
        PreferenceProfile(proposerCapacities: receiverCapacities, receiverCapacities: proposerCapacities,
                          proposerStarts: receiverStarts, proposerEntries: receiverEntries,
                          receiverStarts: proposerStarts, receiverEntries: proposerEntries)
    }

    public func list(ofProposer proposer: Int) -> ArraySlice<Int32> {
        proposerEntries[proposerStarts[proposer] ..< proposerStarts[proposer + 1]]
    }

    public func list(ofReceiver receiver: Int) -> ArraySlice<Int32> {
        receiverEntries[receiverStarts[receiver] ..< receiverStarts[receiver + 1]]
    }

    private init(proposerCapacities: [Int], receiverCapacities: [Int], proposerStarts: [Int],
                 proposerEntries: [Int32], receiverStarts: [Int], receiverEntries: [Int32]) {
        self.proposerCapacities = proposerCapacities
        self.receiverCapacities = receiverCapacities
        self.proposerStarts = proposerStarts
        self.proposerEntries = proposerEntries
        self.receiverStarts = receiverStarts
        self.receiverEntries = receiverEntries
    }

    private static func compress(_ lists: [[Int]], otherSide: Int) throws(ModelError) -> ([Int], [Int32]) {
        var starts = [0]
        var entries: [Int32] = []
        var seenBy = [Int](repeating: -1, count: otherSide)
        for (agent, list) in lists.enumerated() {
            for other in list {
                guard other >= 0, other < otherSide else {
                    throw .dimensionMismatch(what: "agent \(agent) lists \(other), outside 0..<\(otherSide)")
                }
                guard seenBy[other] != agent else {
                    throw .dimensionMismatch(what: "agent \(agent) lists \(other) twice")
                }
                seenBy[other] = agent
                entries.append(Int32(other))
            }
            starts.append(entries.count)
        }
        return (starts, entries)
    }
}

/// A many-to-many matching: the receivers of each proposer.
public struct StableMatching: Sendable, Equatable {
    /// Receivers matched to proposer p, in p's order of preference.
    public var partners: [[Int]]

    public init(partners: [[Int]]) {
        self.partners = partners
    }

    public var pairCount: Int { partners.reduce(0) { $0 + $1.count } }
}
