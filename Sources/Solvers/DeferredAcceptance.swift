// Deferred acceptance for many-to-many matching with capacities (hospitals/residents family).
//
// Problem: PreferenceProfile (NuanqiCore); either side proposes (pass `profile.swapped`).
// Algorithm: each proposer with a free place proposes to the next agent on its list; a
//   receiver holds its best proposals up to its capacity and rejects the rest; rejected
//   proposers propose on. Gale & Shapley, "College admissions and the stability of marriage",
//   American Mathematical Monthly 69(1), 1962, pp. 9–15; with responsive preferences the result
//   is the proposer-optimal pairwise-stable matching (Roth & Sotomayor, "Two-Sided Matching",
//   1990, ch. 5), unique, so the order proposals are processed in cannot change it.
// Complexity: O(L log q) for L list entries and largest capacity q (each entry is proposed at
//   most once; a receiver keeps its held proposals in a max-heap keyed by its rank of them).
//   Memory O(L).
// Deviations: a pair is acceptable only when each side lists the other; unlisted pairs are
//   skipped without counting as a proposal.
//
//     let profile = try PreferenceProfile(proposerCapacities: [1, 1], receiverCapacities: [1, 1],
//                                         proposerLists: [[0, 1], [0, 1]],
//                                         receiverLists: [[1, 0], [0, 1]])
//     DeferredAcceptance.solve(profile).partners   // [[1], [0]]

import NuanqiCore

public enum DeferredAcceptance {
    public static func solve(_ profile: PreferenceProfile) -> StableMatching {
        let entryCount = profile.proposerEntries.count
        let receiverRank = mutualRanks(profile)
        var owner = [Int32](repeating: 0, count: entryCount)
        for proposer in 0 ..< profile.proposerCount {
            for entry in profile.proposerStarts[proposer] ..< profile.proposerStarts[proposer + 1] {
                owner[entry] = Int32(proposer)
            }
        }
        // Receiver r's held proposals (as proposer-list entries) live in
        // heap[heapStart[r] ..< heapStart[r] + heapSize[r]], worst (largest rank) on top.
        var heapStart = [Int](repeating: 0, count: profile.receiverCount + 1)
        for receiver in 0 ..< profile.receiverCount {
            let listLength = profile.receiverStarts[receiver + 1] - profile.receiverStarts[receiver]
            heapStart[receiver + 1] = heapStart[receiver] + min(profile.receiverCapacities[receiver], listLength)
        }
        var heap = [Int](repeating: 0, count: heapStart[profile.receiverCount])
        var heapSize = [Int](repeating: 0, count: profile.receiverCount)
        var accepted = [Bool](repeating: false, count: entryCount)
        var next = Array(profile.proposerStarts.dropLast())
        var held = [Int](repeating: 0, count: profile.proposerCount)
        var queue = Array(0 ..< profile.proposerCount)
        var queued = [Bool](repeating: true, count: profile.proposerCount)
        var head = 0

        while head < queue.count {
            let proposer = queue[head]
            head += 1
            queued[proposer] = false
            let end = profile.proposerStarts[proposer + 1]
            while held[proposer] < profile.proposerCapacities[proposer] && next[proposer] < end {
                let entry = next[proposer]
                next[proposer] += 1
                let rank = receiverRank[entry]
                if rank < 0 { continue }
                let receiver = Int(profile.proposerEntries[entry])
                let base = heapStart[receiver]
                let room = heapStart[receiver + 1] - base
                if room == 0 { continue }
                if heapSize[receiver] < room {
                    heap[base + heapSize[receiver]] = entry
                    heapSize[receiver] += 1
                    siftUp(&heap, base: base, index: heapSize[receiver] - 1, rank: receiverRank)
                } else {
                    let worst = heap[base]
                    guard receiverRank[worst] > rank else { continue }
                    accepted[worst] = false
                    let rejected = Int(owner[worst])
                    held[rejected] -= 1
                    if !queued[rejected] { queued[rejected] = true; queue.append(rejected) }
                    heap[base] = entry
                    siftDown(&heap, base: base, count: heapSize[receiver], rank: receiverRank)
                }
                accepted[entry] = true
                held[proposer] += 1
            }
            // Keep the queue from growing without bound on long runs.
            if head > 4096 && head * 2 > queue.count {
                queue.removeFirst(head)
                head = 0
            }
        }

        let partners = (0 ..< profile.proposerCount).map { proposer in
            (profile.proposerStarts[proposer] ..< profile.proposerStarts[proposer + 1])
                .filter { accepted[$0] }
                .map { Int(profile.proposerEntries[$0]) }
        }
        return StableMatching(partners: partners)
    }

    /// For every proposer-list entry (p, r): r's rank of p, or −1 when r does not list p.
    /// Receivers' lists are bucketed by proposer, so this is linear in the list lengths.
    static func mutualRanks(_ profile: PreferenceProfile) -> [Int32] {
        var bucketStart = [Int](repeating: 0, count: profile.proposerCount + 1)
        for proposer in profile.receiverEntries { bucketStart[Int(proposer) + 1] += 1 }
        for proposer in 0 ..< profile.proposerCount { bucketStart[proposer + 1] += bucketStart[proposer] }
        var fill = bucketStart
        var bucketReceiver = [Int32](repeating: 0, count: profile.receiverEntries.count)
        var bucketRank = [Int32](repeating: 0, count: profile.receiverEntries.count)
        for receiver in 0 ..< profile.receiverCount {
            let start = profile.receiverStarts[receiver]
            for entry in start ..< profile.receiverStarts[receiver + 1] {
                let proposer = Int(profile.receiverEntries[entry])
                bucketReceiver[fill[proposer]] = Int32(receiver)
                bucketRank[fill[proposer]] = Int32(entry - start)
                fill[proposer] += 1
            }
        }
        var rankHere = [Int32](repeating: -1, count: profile.receiverCount)
        var ranks = [Int32](repeating: -1, count: profile.proposerEntries.count)
        for proposer in 0 ..< profile.proposerCount {
            for slot in bucketStart[proposer] ..< bucketStart[proposer + 1] {
                rankHere[Int(bucketReceiver[slot])] = bucketRank[slot]
            }
            for entry in profile.proposerStarts[proposer] ..< profile.proposerStarts[proposer + 1] {
                ranks[entry] = rankHere[Int(profile.proposerEntries[entry])]
            }
            for slot in bucketStart[proposer] ..< bucketStart[proposer + 1] {
                rankHere[Int(bucketReceiver[slot])] = -1
            }
        }
        return ranks
    }

    private static func siftUp(_ heap: inout [Int], base: Int, index: Int, rank: [Int32]) {
        var child = index
        while child > 0 {
            let parentIndex = (child - 1) / 2
            guard rank[heap[base + child]] > rank[heap[base + parentIndex]] else { return }
            heap.swapAt(base + child, base + parentIndex)
            child = parentIndex
        }
    }

    private static func siftDown(_ heap: inout [Int], base: Int, count: Int, rank: [Int32]) {
        var index = 0
        while true {
            let left = 2 * index + 1, right = left + 1
            var largest = index
            if left < count && rank[heap[base + left]] > rank[heap[base + largest]] { largest = left }
            if right < count && rank[heap[base + right]] > rank[heap[base + largest]] { largest = right }
            if largest == index { return }
            heap.swapAt(base + index, base + largest)
            index = largest
        }
    }
}
