// The brokerage market as one min-cost flow network, without listing allowed pairs:
//   offer ─(grams, ask)→ its rung ─(free)→ next dearer rung of the same ladder → …
//   rung k−1 of a ladder ─(fee)→ a demand whose exit admits k rungs ─(grams, −priority)→ sink
//   offer ─(unused grams, 0)→ sink
// A rung node collects the grams of every offer at or below it, so a demand drawing from rung
// k−1 can only get the k cheapest offers of that ladder — exactly the pairs its price cap
// allows — and every path offer → demand costs ask + fee, the pair's effective price at ratio
// 1. The network has offers + rungs + demands + 1 nodes and about 2 × offers + demands +
// Σ exits arcs: ≈ 0.4 M arcs for 10,000 × 10,000 × 2 pollutants, where the pairs number 10^7.
// `trades` turns an optimal flow back into (offer, demand) trades ladder by ladder: exits in
// order of their top rung take the cheapest offers' flow still unassigned, which always
// suffices because a rung's chain arc carries what entered at or below it minus what left.

import NuanqiCore

struct PermitNetwork {
    enum Phase { case weightedMet, price }

    var network: FlowNetwork
    /// Per offer, its arc into its rung.
    let entryArcs: [Int]
    /// Per demand, its exit arcs, parallel to `model.exitsOfDemand`.
    let exitArcs: [[Int]]
    /// Per demand, its arc to the sink.
    let demandArcs: [Int]

    /// `supplies` overrides the offers' grams (the heuristic shrinks them).
    init(_ model: BrokerageModel, supplies: [Int64]? = nil, phase: Phase) {
        let offerCount = model.offers.count, demandCount = model.demands.count
        var rungBase: [Int] = []
        var nodeCount = offerCount
        for ladder in model.ladders {
            rungBase.append(nodeCount)
            nodeCount += ladder.offers.count
        }
        let demandBase = nodeCount, sink = nodeCount + demandCount
        var network = FlowNetwork(nodeCount: sink + 1)
        network.reserveArcs(3 * offerCount + demandCount + model.exitsOfDemand.reduce(0) { $0 + $1.count })
        let grams = supplies ?? model.offers.indices.map { model.offer($0).tonnage.grams }
        network.setSupply(-grams.reduce(0, +), at: sink)
        var entryArcs = [Int](repeating: 0, count: offerCount)
        for index in 0 ..< offerCount {
            network.setSupply(grams[index], at: index)
            network.addArc(from: index, to: sink, upper: grams[index], cost: 0)
            let rung = rungBase[model.ladderOfOffer[index]] + model.rungOfOffer[index]
            entryArcs[index] = network.addArc(from: index, to: rung, upper: grams[index], cost: phase == .price ? model.offer(index).ask.fen : 0)
        }
        // Grams available at or below each rung bound the chain and exit arcs.
        var cumulative: [[Int64]] = []
        for (ladderIndex, ladder) in model.ladders.enumerated() {
            var total: Int64 = 0
            var sums: [Int64] = []
            for (rung, offer) in ladder.offers.enumerated() {
                total += grams[offer]
                sums.append(total)
                if rung + 1 < ladder.offers.count {
                    network.addArc(from: rungBase[ladderIndex] + rung, to: rungBase[ladderIndex] + rung + 1, upper: total, cost: 0)
                }
            }
            cumulative.append(sums)
        }
        var exitArcs: [[Int]] = []
        exitArcs.reserveCapacity(demandCount)
        var demandArcs: [Int] = []
        demandArcs.reserveCapacity(demandCount)
        for index in 0 ..< demandCount {
            let demand = model.demand(index)
            exitArcs.append(model.exitsOfDemand[index].map { exit in
                network.addArc(from: rungBase[exit.ladder] + exit.rungs - 1, to: demandBase + index,
                               upper: min(demand.tonnage.grams, cumulative[exit.ladder][exit.rungs - 1]),
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
            var left = ladder.offers.map { flows[entryArcs[$0]] }
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
