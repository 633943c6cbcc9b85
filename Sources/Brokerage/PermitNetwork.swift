// The brokerage market as one min-cost flow network, without listing allowed pairs:
//   offer ─(grams, ask)→ the first node of its ladder's chain at or above its rung
//   chain node for "the c cheapest offers" ─(free)→ the next chain node up → …
//   chain node c of a ladder ─(fee)→ each demand whose exit admits c rungs ─(grams, −priority)→ sink
//   offer ─(unused grams, 0)→ sink
// A ladder has a chain node only at each distinct rung count some exit admits; the node for c
// collects the grams of the c cheapest offers, so a demand leaving there can only get exactly
// the offers its price cap allows, and every path offer → demand costs ask + fee, the pair's
// effective price at ratio 1. About offers + chain nodes + demands nodes and 2 × offers +
// chain nodes + Σ exits arcs: 36 k nodes and 0.16 M arcs for 10,000 × 10,000 × 2 pollutants,
// where the allowed pairs number about 10^7.
// `trades` turns an optimal flow back into (offer, demand) trades ladder by ladder: exits in
// order of their rung count take the cheapest offers' flow still unassigned, which always
// suffices because a chain arc carries what entered at or below it minus what left.

import NuanqiCore

struct PermitNetwork {
    enum Phase { case weightedMet, price }

    var network: FlowNetwork
    /// Per offer, its arc into its ladder's chain (−1 when no exit reaches its rung).
    let entryArcs: [Int]
    /// Per demand, its exit arcs, parallel to `model.exitsOfDemand`.
    let exitArcs: [[Int]]
    /// Per demand, its arc to the sink.
    let demandArcs: [Int]

    /// `supplies` overrides the offers' grams (the heuristic shrinks them).
    init(_ model: BrokerageModel, supplies: [Int64]? = nil, phase: Phase) {
        let offerCount = model.offers.count, demandCount = model.demands.count
        // A ladder needs a node only where some exit leaves it: at each distinct rung count
        // c, a node collecting the offers below c. Offers above every exit never trade.
        var cuts = model.ladders.map { _ in [Int]() }
        for exits in model.exitsOfDemand { for exit in exits { cuts[exit.ladder].append(exit.rungs) } }
        var cutBase: [Int] = []
        var nodeCount = offerCount
        for ladder in cuts.indices {
            cuts[ladder] = Array(Set(cuts[ladder])).sorted()
            cutBase.append(nodeCount)
            nodeCount += cuts[ladder].count
        }
        let demandBase = nodeCount, sink = nodeCount + demandCount
        var network = FlowNetwork(nodeCount: sink + 1)
        network.reserveArcs(3 * offerCount + demandCount + model.exitsOfDemand.reduce(0) { $0 + $1.count })
        let grams = supplies ?? model.offers.indices.map { model.offer($0).tonnage.grams }
        network.setSupply(-grams.reduce(0, +), at: sink)
        var entryArcs = [Int](repeating: -1, count: offerCount)
        for index in 0 ..< offerCount {
            network.setSupply(grams[index], at: index)
            network.addArc(from: index, to: sink, upper: grams[index], cost: 0)
        }
        // Grams available at or below each node bound the chain and exit arcs.
        var available: [[Int64]] = []
        for (ladderIndex, ladder) in model.ladders.enumerated() {
            var total: Int64 = 0, cut = 0
            var sums: [Int64] = []
            for (rung, offer) in ladder.offers.enumerated() {
                guard cut < cuts[ladderIndex].count else { break }
                entryArcs[offer] = network.addArc(from: offer, to: cutBase[ladderIndex] + cut, upper: grams[offer],
                                                  cost: phase == .price ? model.offer(offer).ask.fen : 0)
                total += grams[offer]
                if rung + 1 == cuts[ladderIndex][cut] {
                    sums.append(total)
                    if cut + 1 < cuts[ladderIndex].count {
                        network.addArc(from: cutBase[ladderIndex] + cut, to: cutBase[ladderIndex] + cut + 1, upper: total, cost: 0)
                    }
                    cut += 1
                }
            }
            available.append(sums)
        }
        var exitArcs: [[Int]] = []
        exitArcs.reserveCapacity(demandCount)
        var demandArcs: [Int] = []
        demandArcs.reserveCapacity(demandCount)
        for index in 0 ..< demandCount {
            let demand = model.demand(index)
            exitArcs.append(model.exitsOfDemand[index].map { exit in
                let cut = BrokerageModel.countNotAbove(Int64(exit.rungs) - 1, in: cuts[exit.ladder].map(Int64.init))
                return network.addArc(from: cutBase[exit.ladder] + cut, to: demandBase + index,
                                      upper: min(demand.tonnage.grams, available[exit.ladder][cut]),
                                      cost: phase == .price ? exit.route.fee.fen : 0)
            })
            demandArcs.append(network.addArc(from: demandBase + index, to: sink, upper: demand.tonnage.grams,
                                             cost: phase == .weightedMet ? -Int64(demand.priority) : 0))
        }
        self.network = network
        self.entryArcs = entryArcs
        self.exitArcs = exitArcs
        self.demandArcs = demandArcs
    }

    /// The flow as trades of received grams (one per pair, sorted by demand then offer); on a
    /// route with ratio r a trade of g received grams uses g of the flow (the heuristic's shrunk
    /// offers make room for the ⌈r × g⌉ the seller gives).
    func trades(_ model: BrokerageModel, flows: [Int64]) -> [BrokerageTrade] {
        var exitsOfLadder = [[(rungs: Int, demand: Int, exit: LadderExit, grams: Int64)]](repeating: [], count: model.ladders.count)
        for (demand, exits) in model.exitsOfDemand.enumerated() {
            for (position, exit) in exits.enumerated() where flows[exitArcs[demand][position]] > 0 {
                exitsOfLadder[exit.ladder].append((exit.rungs, demand, exit, flows[exitArcs[demand][position]]))
            }
        }
        var trades: [BrokerageTrade] = []
        for (ladderIndex, exits) in exitsOfLadder.enumerated() where !exits.isEmpty {
            let ladder = model.ladders[ladderIndex]
            var left = ladder.offers.map { entryArcs[$0] < 0 ? 0 : flows[entryArcs[$0]] }
            var cursor = 0
            for exit in exits.sorted(by: { ($0.rungs, $0.demand) < ($1.rungs, $1.demand) }) {
                var need = exit.grams
                while need > 0 {
                    while cursor < exit.rungs && left[cursor] == 0 { cursor += 1 }
                    precondition(cursor < exit.rungs, "flow through a rung its demand may not use")
                    let take = min(need, left[cursor])
                    trades.append(BrokerageTrade(offer: ladder.offers[cursor], demand: exit.demand,
                                                 terms: model.terms(offer: ladder.offers[cursor], through: exit.exit), grams: take))
                    left[cursor] -= take
                    need -= take
                }
            }
        }
        return trades.sorted { ($0.demand, $0.offer) < ($1.demand, $1.offer) }
    }
}
