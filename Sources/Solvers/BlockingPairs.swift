// Independent stability check for a many-to-many matching, written apart from
// DeferredAcceptance so that it can judge it: ranks come from a sort-merge of both sides'
// lists, not from the kernel's bucketed index.
//
// A pair (p, r) blocks when both list each other, they are not matched, p has a free place or
// ranks r above one of its partners, and r has a free place or ranks p above one of its
// partners (PreferenceProfile). Complexity O(L log L) for L list entries.

import NuanqiCore

public enum BlockingPairs {
    /// Why a matching is not even admissible (checked before stability).
    public enum Violation: Error, Equatable, Sendable {
        case notMutuallyAcceptable(proposer: Int, receiver: Int)
        case overCapacity(proposerSide: Bool, agent: Int, partners: Int, capacity: Int)
        case duplicatePair(proposer: Int, receiver: Int)
    }

    /// All blocking pairs, sorted by (proposer, receiver); throws when the matching breaks a
    /// list or a capacity.
    public static func find(in matching: StableMatching, of profile: PreferenceProfile) throws(Violation) -> [(proposer: Int, receiver: Int)] {
        let receivers = profile.receiverCount
        func key(_ proposer: Int, _ receiver: Int) -> Int { proposer * receivers + receiver }

        var proposerRank: [(key: Int, rank: Int)] = []
        for proposer in 0 ..< profile.proposerCount {
            for (rank, receiver) in profile.list(ofProposer: proposer).enumerated() {
                proposerRank.append((key(proposer, Int(receiver)), rank))
            }
        }
        var receiverRank: [(key: Int, rank: Int)] = []
        for receiver in 0 ..< receivers {
            for (rank, proposer) in profile.list(ofReceiver: receiver).enumerated() {
                receiverRank.append((key(Int(proposer), receiver), rank))
            }
        }
        proposerRank.sort { $0.key < $1.key }
        receiverRank.sort { $0.key < $1.key }
        // Mutually acceptable pairs with both ranks, by merging the two sorted lists.
        var mutual: [(key: Int, proposerRank: Int, receiverRank: Int)] = []
        var left = 0, right = 0
        while left < proposerRank.count && right < receiverRank.count {
            if proposerRank[left].key < receiverRank[right].key { left += 1 }
            else if proposerRank[left].key > receiverRank[right].key { right += 1 }
            else {
                mutual.append((proposerRank[left].key, proposerRank[left].rank, receiverRank[right].rank))
                left += 1; right += 1
            }
        }

        var matchedKeys: [Int] = []
        for (proposer, partners) in matching.partners.enumerated() {
            for receiver in partners { matchedKeys.append(key(proposer, receiver)) }
        }
        matchedKeys.sort()
        for index in matchedKeys.indices.dropFirst() where matchedKeys[index] == matchedKeys[index - 1] {
            throw .duplicatePair(proposer: matchedKeys[index] / receivers, receiver: matchedKeys[index] % receivers)
        }

        var proposerCount = [Int](repeating: 0, count: profile.proposerCount)
        var receiverCount = [Int](repeating: 0, count: receivers)
        var proposerWorst = [Int](repeating: -1, count: profile.proposerCount)
        var receiverWorst = [Int](repeating: -1, count: receivers)
        var isMatched = [Bool](repeating: false, count: mutual.count)
        var cursor = 0
        for matchedKey in matchedKeys {
            while cursor < mutual.count && mutual[cursor].key < matchedKey { cursor += 1 }
            guard cursor < mutual.count, mutual[cursor].key == matchedKey else {
                throw .notMutuallyAcceptable(proposer: matchedKey / receivers, receiver: matchedKey % receivers)
            }
            let pair = mutual[cursor]
            let proposer = matchedKey / receivers, receiver = matchedKey % receivers
            isMatched[cursor] = true
            proposerCount[proposer] += 1
            receiverCount[receiver] += 1
            proposerWorst[proposer] = max(proposerWorst[proposer], pair.proposerRank)
            receiverWorst[receiver] = max(receiverWorst[receiver], pair.receiverRank)
        }
        for proposer in 0 ..< profile.proposerCount where proposerCount[proposer] > profile.proposerCapacities[proposer] {
            throw .overCapacity(proposerSide: true, agent: proposer, partners: proposerCount[proposer],
                                capacity: profile.proposerCapacities[proposer])
        }
        for receiver in 0 ..< receivers where receiverCount[receiver] > profile.receiverCapacities[receiver] {
            throw .overCapacity(proposerSide: false, agent: receiver, partners: receiverCount[receiver],
                                capacity: profile.receiverCapacities[receiver])
        }

        var blocking: [(proposer: Int, receiver: Int)] = []
        for (index, pair) in mutual.enumerated() where !isMatched[index] {
            let proposer = pair.key / receivers, receiver = pair.key % receivers
            let proposerWants = proposerCount[proposer] < profile.proposerCapacities[proposer]
                || pair.proposerRank < proposerWorst[proposer]
            let receiverWants = receiverCount[receiver] < profile.receiverCapacities[receiver]
                || pair.receiverRank < receiverWorst[receiver]
            if proposerWants && receiverWants { blocking.append((proposer, receiver)) }
        }
        return blocking
    }
}
