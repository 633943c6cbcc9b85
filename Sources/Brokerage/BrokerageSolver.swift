// Solves a brokerage model: maximize Σ priority × grams met, then minimize the exact,
// unrounded cost Σ (ask × ratio + fee) × grams (DESIGN "Objective (lexicographic)").
//
// Pure transportation (ratio 1, no fixed costs, lots or counterparty caps): min-cost flows —
//   offers supply their grams, each allowed pair is an arc into its demand, demands drain into
//   a sink (their arc costs −priority in phase 1), unused supply goes straight there. The
//   lexicographic objective stays exact and small: phase 1 maximizes Σ priority × grams; its
//   optimal potentials π then describe every phase-1 optimum (complementary slackness: an arc
//   with positive reduced cost stays at its lower bound, one with negative reduced cost at its
//   upper bound, the rest are free), so phase 2 fixes those arcs and minimizes Σ price × grams
//   on what is left — again a network flow, with no big-M to overflow 64-bit totals at province
//   scale. Solved natively (MinCostFlow) or by GLPK's simplex on the same networks; exact and
//   integral either way.
// Other cases (substitution ratios above 1, fixed costs, lots, counterparty caps) are not
//   network flows: GLPK solves them as a two-phase LP or MIP over trade quantities, rounded
//   down to whole grams with a repair that never oversells; without GLPK a conservative flow
//   heuristic runs, with the ratio-1 flow as its bound (see `solve`).

import NuanqiCore
import Solvers

public struct BrokerageTrade: Sendable, Equatable {
    /// Index into BrokerageModel.options.
    public var option: Int
    /// Grams the buyer receives.
    public var grams: Int64
}

public struct BrokerageSolution: Sendable {
    public var status: SolveStatus
    public var trades: [BrokerageTrade]
    /// Σ priority × grams met (the primary objective) and its proven bound.
    public var weightedMetGrams: Int64
    public var bound: Int64?
    public var solver: String
    public var reason: String
}

public enum BrokerageSolver {
    public static func solvePure(_ model: BrokerageModel, using choice: SolverChoice) throws -> BrokerageSolution {
        guard model.isPureTransportation else {
            throw SolverError.unsupported(solver: choice.rawValue, reason: "substitution ratios above 1, fixed costs, lots or counterparty caps need the LP/MIP path")
        }
        let useGLPK = choice == .glpk
        if useGLPK && !GLPK.isAvailable { throw SolverError.glpkUnavailable }
        let (built, flow) = try lexicographicFlow(model, offerGrams: nil, useGLPK: useGLPK)
        var trades: [BrokerageTrade] = []
        var weighted: Int64 = 0
        for (option, arc) in built.optionArcs.enumerated() where flow.flows[arc] > 0 {
            trades.append(BrokerageTrade(option: option, grams: flow.flows[arc]))
            weighted += Int64(model.demand(model.options[option].demand).priority) * flow.flows[arc]
        }
        return BrokerageSolution(status: .optimal, trades: trades, weightedMetGrams: weighted, bound: weighted,
                                 solver: useGLPK ? "glpk-simplex" : "native-min-cost-flow",
                                 reason: "pure transportation (ratio 1, no fixed costs, lots or counterparty caps): one min-cost flow with lexicographic costs, exact")
    }

    /// The two phases of the file comment; returns the phase-2 network and its optimal flow.
    static func lexicographicFlow(_ model: BrokerageModel, offerGrams: [Int64]?, useGLPK: Bool) throws -> (network: (network: FlowNetwork, optionArcs: [Int]), flow: FlowSolution) {
        func solve(_ network: FlowNetwork) throws -> FlowSolution {
            let flow = useGLPK ? try FlowLinearProgram.solveWithGLPK(network) : try MinCostFlow.solve(network)
            guard flow.status == .optimal else {
                throw SolverError.unsupported(solver: useGLPK ? "glpk" : "native", reason: "the transportation flow ended \(flow.status.rawValue)")
            }
            return flow
        }
        let first = pureNetwork(model, offerGrams: offerGrams, phase: .weightedMet)
        let weighted = try solve(first.network)
        var second = pureNetwork(model, offerGrams: offerGrams, phase: .price)
        second.network.fixArcs(by: weighted.potentials, of: first.network)
        return (second, try solve(second.network))
    }

    enum Phase { case weightedMet, price }

    /// `offerGrams` overrides the offers' sizes (the heuristic shrinks them).
    static func pureNetwork(_ model: BrokerageModel, offerGrams: [Int64]? = nil, phase: Phase) -> (network: FlowNetwork, optionArcs: [Int]) {
        let offerCount = model.offers.count, demandCount = model.demands.count
        let sink = offerCount + demandCount
        var network = FlowNetwork(nodeCount: sink + 1)
        network.reserveArcs(model.options.count + offerCount + demandCount)
        var totalSupply: Int64 = 0
        for index in 0 ..< offerCount {
            let grams = offerGrams?[index] ?? model.offer(index).tonnage.grams
            network.setSupply(grams, at: index)
            totalSupply += grams
            network.addArc(from: index, to: sink, upper: grams, cost: 0)
        }
        network.setSupply(-totalSupply, at: sink)
        for index in 0 ..< demandCount {
            let demand = model.demand(index)
            network.addArc(from: offerCount + index, to: sink, upper: demand.tonnage.grams,
                           cost: phase == .weightedMet ? -Int64(demand.priority) : 0)
        }
        let optionArcs = model.options.map { option -> Int in
            let capacity = min(model.demand(option.demand).tonnage.grams, offerGrams?[option.offer] ?? model.offer(option.offer).tonnage.grams)
            return network.addArc(from: option.offer, to: offerCount + option.demand, upper: capacity,
                                  cost: phase == .price ? option.terms.effectivePrice.fen : 0)
        }
        return (network, optionArcs)
    }
}

extension BrokerageSolver {
    /// Any model: the exact flow when it is pure transportation; otherwise GLPK's two-phase
    /// LP (ratios) or MIP (fixed costs, lots, counterparty caps) rounded to whole grams, or —
    /// without GLPK or with `--solver native` — the conservative flow heuristic with a bound.
    public static func solve(_ model: BrokerageModel, using choice: SolverChoice,
                             glpkOptions: GLPK.Options = GLPK.Options(timeLimit: 60)) throws -> BrokerageSolution {
        if model.isPureTransportation { return try solvePure(model, using: choice) }
        if choice != .native && GLPK.isAvailable { return try solveWithGLPK(model, options: glpkOptions) }
        if choice == .glpk { throw SolverError.glpkUnavailable }
        return try heuristic(model)
    }

    /// Two phases over trade quantities g (received grams) and, with MIP features, a binary
    /// "trade happens" y per pair: phase 1 maximizes Σ priority × g, phase 2 keeps that and
    /// minimizes Σ (ask × ratio + fee) × g + fixed cost × 10^6 / term × Σ y (the same units).
    static func solveWithGLPK(_ model: BrokerageModel, options glpkOptions: GLPK.Options) throws -> BrokerageSolution {
        let options = model.instance.options
        let integer = options.fixedCostPerTrade.fen > 0 || options.minLot != nil || options.maxCounterparties != nil
        func program(keep: Double?) -> LinearProgram {
            var program = LinearProgram(sense: keep == nil ? .maximize : .minimize)
            for option in model.options {
                let ratio = Double(option.terms.ratio.tenThousandths) / 10_000
                let upper = min(Double(model.demand(option.demand).tonnage.grams), Double(model.offer(option.offer).tonnage.grams) / ratio)
                let price = Double(option.terms.ratio.tenThousandths) * Double(model.offer(option.offer).ask.fen) / 10_000 + Double(option.terms.fee.fen)
                program.addColumn(lower: 0, upper: upper, objective: keep == nil ? Double(model.demand(option.demand).priority) : price)
            }
            let trades = integer ? model.options.map { _ in
                program.addColumn(lower: 0, upper: 1,
                                  objective: keep == nil ? 0 : Double(options.fixedCostPerTrade.fen) * 1_000_000 / Double(options.termYears),
                                  isInteger: true)
            } : []
            for offer in model.offers.indices {
                let terms = model.optionsOfOffer[offer]
                    .map { ($0, Double(model.options[$0].terms.ratio.tenThousandths) / 10_000) }
                program.addRow(terms, upper: Double(model.offer(offer).tonnage.grams))
            }
            for demand in model.demands.indices {
                let terms = model.optionsOfDemand[demand]
                program.addRow(terms.map { ($0, 1.0) }, upper: Double(model.demand(demand).tonnage.grams))
                if let cap = options.maxCounterparties {
                    program.addRow(terms.map { (trades[$0], 1.0) }, upper: Double(cap))
                }
            }
            if integer {
                for (index, option) in model.options.enumerated() {
                    let most = min(model.demand(option.demand).tonnage.grams, model.offer(option.offer).tonnage.grams)
                    program.addRow([(index, 1.0), (trades[index], -Double(most))], upper: 0)
                    if let lot = options.minLot { program.addRow([(index, 1.0), (trades[index], -Double(lot.grams))], lower: 0) }
                }
            }
            if let keep {
                program.addRow(model.options.indices.map { ($0, Double(model.demand(model.options[$0].demand).priority)) }, lower: keep)
            }
            return program
        }
        let first = try GLPK.solve(program(keep: nil), options: glpkOptions)
        guard first.status == .optimal || first.status == .feasible, let bestWeighted = first.objective else {
            return try heuristic(model)
        }
        // Keep phase 1's value up to half a weighted gram: rounding to whole grams loses more
        // than that anyway, and a tighter row can be infeasible in floating point.
        let second = try GLPK.solve(program(keep: bestWeighted - 0.5), options: glpkOptions)
        guard second.status == .optimal || second.status == .feasible else { return try heuristic(model) }
        // Values a thousandth of a gram below an integer are that integer (simplex noise on
        // millions of grams); the repairs below restore any bound the rounding crosses.
        var grams = model.options.indices.map { Int64((second.columnValues[$0] + 1e-3).rounded(.down)) }
        if integer {
            // A "no trade" binary within GLPK's integrality tolerance still lets its big-M row
            // pass a few grams; no trade means no grams.
            let firstTrade = model.options.count
            for index in grams.indices where second.columnValues[firstTrade + index] < 0.5 { grams[index] = 0 }
        }
        let roundedAway = model.options.indices.contains { abs(second.columnValues[$0] - Double(grams[$0])) > 1e-6 }
        repairOverfilling(model, &grams)
        repairOverselling(model, &grams)
        if let lot = options.minLot { for index in grams.indices where grams[index] < lot.grams { grams[index] = 0 } }
        topUp(model, &grams)
        let trades = grams.indices.filter { grams[$0] > 0 }.map { BrokerageTrade(option: $0, grams: grams[$0]) }
        let weighted = trades.reduce(Int64(0)) { $0 + Int64(model.demand(model.options[$1.option].demand).priority) * $1.grams }
        let bound = Int64(((first.bound ?? bestWeighted) + 1e-3).rounded(.down))
        let exact = first.status == .optimal && second.status == .optimal && !roundedAway && weighted == bound
        return BrokerageSolution(status: exact ? .optimal : .feasible, trades: trades, weightedMetGrams: weighted, bound: bound,
                                 solver: integer ? "glpk-branch-and-cut" : "glpk-simplex",
                                 reason: (integer ? "fixed costs, lots or counterparty caps make it a MIP" : "substitution ratios make it an LP, not a flow")
                                    + ": two phases (priority-weighted met, then cost), rounded down to whole grams")
    }

    /// Gives back what phase 2's half-gram tolerance and the rounding shaved off: existing
    /// trades (so lots and counterparty caps still hold) grow while their demand is short and
    /// their seller has grams left, highest priority and cheapest first.
    static func topUp(_ model: BrokerageModel, _ grams: inout [Int64]) {
        var given = [Int64](repeating: 0, count: model.offers.count)
        var received = [Int64](repeating: 0, count: model.demands.count)
        for index in grams.indices where grams[index] > 0 {
            given[model.options[index].offer] += TradeArithmetic.sellerGrams(received: Tonnage(grams: grams[index]), ratio: model.options[index].terms.ratio).grams
            received[model.options[index].demand] += grams[index]
        }
        let order = grams.indices.filter { grams[$0] > 0 }.sorted { left, right in
            let a = model.options[left], b = model.options[right]
            return (-model.demand(a.demand).priority, a.terms.effectivePrice.fen, left) < (-model.demand(b.demand).priority, b.terms.effectivePrice.fen, right)
        }
        for index in order {
            let option = model.options[index]
            let need = model.demand(option.demand).tonnage.grams - received[option.demand]
            guard need > 0 else { continue }
            let ratio = option.terms.ratio
            let before = TradeArithmetic.sellerGrams(received: Tonnage(grams: grams[index]), ratio: ratio).grams
            let room = model.offer(option.offer).tonnage.grams - given[option.offer]
            var add = min(need, room * 10_000 / ratio.tenThousandths)
            while add > 0 && TradeArithmetic.sellerGrams(received: Tonnage(grams: grams[index] + add), ratio: ratio).grams - before > room { add -= 1 }
            guard add > 0 else { continue }
            grams[index] += add
            received[option.demand] += add
            given[option.offer] += TradeArithmetic.sellerGrams(received: Tonnage(grams: grams[index]), ratio: ratio).grams - before
        }
    }

    /// Lowers trades of any demand that would receive more than it asked for (after rounding),
    /// largest first.
    static func repairOverfilling(_ model: BrokerageModel, _ grams: inout [Int64]) {
        for demand in model.demands.indices {
            let options = model.optionsOfDemand[demand].sorted { (grams[$0], $1) > (grams[$1], $0) }
            var excess = options.reduce(0) { $0 + grams[$1] } - model.demand(demand).tonnage.grams
            for index in options where excess > 0 {
                let cut = min(excess, grams[index])
                grams[index] -= cut
                excess -= cut
            }
        }
    }

    /// Lowers trades of any offer whose sellers would give more than offered after ⌈ratio × g⌉,
    /// by just enough grams, starting with the trade furthest above the minimum lot (so a cut
    /// rarely pushes a trade under the lot).
    static func repairOverselling(_ model: BrokerageModel, _ grams: inout [Int64]) {
        let lot = model.instance.options.minLot?.grams ?? 0
        for offer in model.offers.indices {
            let options = model.optionsOfOffer[offer]
                .sorted { (grams[$0] - lot, $1) > (grams[$1] - lot, $0) }
            func given() -> Int64 {
                options.reduce(0) { $0 + TradeArithmetic.sellerGrams(received: Tonnage(grams: grams[$1]), ratio: model.options[$1].terms.ratio).grams }
            }
            var excess = given() - model.offer(offer).tonnage.grams
            var cursor = 0
            while excess > 0 && cursor < options.count {
                let index = options[cursor]
                let ratio = model.options[index].terms.ratio.tenThousandths
                let cut = min(grams[index], (excess * 10_000 + ratio - 1) / ratio)
                grams[index] -= max(1, cut)
                excess = given() - model.offer(offer).tonnage.grams
                if grams[index] <= 0 { grams[index] = 0; cursor += 1 }
            }
        }
    }

    /// Without GLPK: the pure flow with every offer shrunk to what its dearest ratio allows
    /// (so no seller is oversold), then lots and counterparty caps enforced by dropping the
    /// smallest trades. The same flow with ratios taken as 1 bounds the weighted met grams.
    static func heuristic(_ model: BrokerageModel) throws -> BrokerageSolution {
        var shrunk = model.instance
        for (index, reference) in model.offers.enumerated() {
            let dearest = model.optionsOfOffer[index].map { model.options[$0].terms.ratio.tenThousandths }.max() ?? 10_000
            let offer = shrunk.sellers[reference.seller].offers[reference.offer]
            shrunk.sellers[reference.seller].offers[reference.offer].tonnage = Tonnage(grams: offer.tonnage.grams * 10_000 / dearest)
        }
        let conservative = try solveNetwork(model, supplies: shrunk)
        let relaxed = try solveNetwork(model, supplies: model.instance)
        var grams = [Int64](repeating: 0, count: model.options.count)
        for trade in conservative { grams[trade.option] = trade.grams }
        let options = model.instance.options
        if let lot = options.minLot { for index in grams.indices where grams[index] < lot.grams { grams[index] = 0 } }
        if let cap = options.maxCounterparties {
            for demand in model.demands.indices {
                let used = model.optionsOfDemand[demand].filter { grams[$0] > 0 }.sorted { (grams[$0], $1) > (grams[$1], $0) }
                for index in used.dropFirst(cap) { grams[index] = 0 }
            }
        }
        repairOverselling(model, &grams)
        let trades = grams.indices.filter { grams[$0] > 0 }.map { BrokerageTrade(option: $0, grams: grams[$0]) }
        let weighted = trades.reduce(Int64(0)) { $0 + Int64(model.demand(model.options[$1.option].demand).priority) * $1.grams }
        let bound = relaxed.reduce(Int64(0)) { $0 + Int64(model.demand(model.options[$1.option].demand).priority) * $1.grams }
        return BrokerageSolution(status: weighted == bound ? .optimal : .feasible, trades: trades, weightedMetGrams: weighted, bound: bound,
                                 solver: "native-flow-heuristic",
                                 reason: "not a pure flow and no GLPK path: offers shrunk by their dearest ratio, then lots and counterparty caps enforced; bound from the flow with ratio 1")
    }

    /// The pure flow on the model's allowed pairs with the offer sizes of `supplies`.
    private static func solveNetwork(_ model: BrokerageModel, supplies: BrokerageInstance) throws -> [BrokerageTrade] {
        var flatOffers: [Tonnage] = []
        for reference in model.offers { flatOffers.append(supplies.sellers[reference.seller].offers[reference.offer].tonnage) }
        let (built, flow) = try lexicographicFlow(model, offerGrams: flatOffers.map(\.grams), useGLPK: false)
        return built.optionArcs.enumerated().filter { flow.flows[$0.element] > 0 }.map { BrokerageTrade(option: $0.offset, grams: flow.flows[$0.element]) }
    }
}
