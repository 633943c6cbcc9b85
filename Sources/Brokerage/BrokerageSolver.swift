// Solves a brokerage model: maximize Σ priority × grams met, then minimize the exact,
// unrounded cost Σ (ask × ratio + fee) × grams (DESIGN "Objective (lexicographic)").
//
// Pure transportation (ratio 1, no fixed costs, lots or counterparty caps): min-cost flows on
//   the PermitNetwork (offers, price ladders, demands — no pair is listed, so 10,000 × 10,000
//   markets stay at ~0.4 M arcs). The lexicographic objective stays exact and small: phase 1
//   maximizes Σ priority × grams; its optimal potentials π describe every phase-1 optimum
//   (complementary slackness: an arc with positive reduced cost stays at its lower bound, one
//   with negative reduced cost at its upper bound, the rest are free), so phase 2 fixes those
//   arcs and minimizes Σ price × grams on what is left — again a network flow, with no big-M to
//   overflow 64-bit totals at province scale. Solved natively (MinCostFlow) or by GLPK's
//   simplex on the same networks; exact and integral either way.
// Other cases (substitution ratios above 1, fixed costs, lots, counterparty caps) are not
//   network flows: GLPK solves them as a two-phase LP or MIP over the allowed pairs' trade
//   quantities (up to `pairLimitForLinearProgram` pairs), rounded down to whole grams with
//   repairs that never oversell; otherwise a conservative flow heuristic runs on the
//   PermitNetwork, with the ratio-1 flow as its bound (see `heuristic`).

import NuanqiCore
import Solvers

public struct BrokerageTrade: Sendable, Equatable {
    public var offer: Int
    public var demand: Int
    public var terms: TradeTerms
    /// Grams the buyer receives.
    public var grams: Int64

    public init(offer: Int, demand: Int, terms: TradeTerms, grams: Int64) {
        self.offer = offer; self.demand = demand; self.terms = terms; self.grams = grams
    }
}

public struct BrokerageSolution: Sendable {
    public var status: SolveStatus
    /// Sorted by demand, then offer.
    public var trades: [BrokerageTrade]
    /// Σ priority × grams met (the primary objective) and its proven bound.
    public var weightedMetGrams: Int64
    public var bound: Int64?
    public var solver: String
    public var reason: String
}

public enum BrokerageSolver {
    /// Above this many allowed pairs the LP/MIP over trade quantities is not built (GLPK's
    /// simplex needs minutes there); the flow heuristic answers with its bound instead.
    public static let pairLimitForLinearProgram = 400_000

    public static func solvePure(_ model: BrokerageModel, using choice: SolverChoice) throws -> BrokerageSolution {
        guard model.isPureTransportation else {
            throw SolverError.unsupported(solver: choice.rawValue, reason: "substitution ratios above 1, fixed costs, lots or counterparty caps need the LP/MIP path")
        }
        let useGLPK = choice == .glpk
        if useGLPK && !GLPK.isAvailable { throw SolverError.glpkUnavailable }
        let trades = try lexicographicFlow(model, supplies: nil, useGLPK: useGLPK)
        let weighted = weightedMet(trades, model)
        return BrokerageSolution(status: .optimal, trades: trades, weightedMetGrams: weighted, bound: weighted,
                                 solver: useGLPK ? "glpk-simplex" : "native-min-cost-flow",
                                 reason: "pure transportation (ratio 1, no fixed costs, lots or counterparty caps): one min-cost flow with lexicographic costs, exact")
    }

    /// The two phases of the file comment, as trades. Natively one network simplex run whose
    /// second stage is warm-started on phase 1's optimal face; with GLPK two LPs, phase 2 on
    /// the network with phase 1's non-optimal arcs fixed.
    static func lexicographicFlow(_ model: BrokerageModel, supplies: [Int64]?, useGLPK: Bool) throws -> [BrokerageTrade] {
        let first = PermitNetwork(model, supplies: supplies, phase: .weightedMet)
        var second = PermitNetwork(model, supplies: supplies, phase: .price)
        if !useGLPK {
            let (_, flow) = try MinCostFlow.solveLexicographic(first.network, secondCosts: second.network.arcCosts)
            return second.trades(model, flows: try optimal(flow, solver: "native").flows)
        }
        let weighted = try optimal(FlowLinearProgram.solveWithGLPK(first.network), solver: "glpk")
        second.network.fixArcs(by: weighted.potentials, of: first.network)
        return second.trades(model, flows: try optimal(FlowLinearProgram.solveWithGLPK(second.network), solver: "glpk").flows)
    }

    /// The model whose optimum is the brokerage answer, for `--export-model` and the peer
    /// comparison. Pure transportation: the phase-2 (cost) network with every arc phase 1's
    /// optimal potentials decide fixed, so its optimal cost is the lexicographic optimum's
    /// cost. Otherwise: the phase-1 LP/MIP over the allowed pairs (maximize Σ priority × grams).
    public static func finalModel(_ model: BrokerageModel) throws -> OptimizationModel {
        let options = model.instance.options
        let integer = options.fixedCostPerTrade.fen > 0 || options.minLot != nil || options.maxCounterparties != nil
        guard model.isPureTransportation else { return .program(linearProgram(model, pairs: model.allowedPairs(), integer: integer, keep: nil)) }
        let first = PermitNetwork(model, phase: .weightedMet)
        let weighted = try optimal(MinCostFlow.solve(first.network, algorithm: .networkSimplex), solver: "native")
        var second = PermitNetwork(model, phase: .price)
        second.network.fixArcs(by: weighted.potentials, of: first.network)
        return .network(second.network)
    }

    static func optimal(_ flow: FlowSolution, solver: String) throws -> FlowSolution {
        guard flow.status == .optimal else {
            throw SolverError.unsupported(solver: solver, reason: "the transportation flow ended \(flow.status.rawValue)")
        }
        return flow
    }

    static func weightedMet(_ trades: [BrokerageTrade], _ model: BrokerageModel) -> Int64 {
        trades.reduce(0) { $0 + Int64(model.demand($1.demand).priority) * $1.grams }
    }
}

extension BrokerageSolver {
    /// Any model: the exact flow when it is pure transportation; otherwise GLPK's two-phase
    /// LP (ratios) or MIP (fixed costs, lots, counterparty caps) rounded to whole grams, or —
    /// without GLPK, with `--solver native`, or above `pairLimitForLinearProgram` pairs — the
    /// conservative flow heuristic with a bound.
    public static func solve(_ model: BrokerageModel, using choice: SolverChoice,
                             glpkOptions: GLPK.Options = GLPK.Options(timeLimit: 60)) throws -> BrokerageSolution {
        if model.isPureTransportation { return try solvePure(model, using: choice) }
        if choice != .native && GLPK.isAvailable {
            if model.pairCount <= pairLimitForLinearProgram { return try solveWithGLPK(model, options: glpkOptions) }
            if choice == .glpk {
                throw SolverError.unsupported(solver: "glpk", reason: "\(model.pairCount) allowed pairs are too many for the LP/MIP over trade quantities (limit \(pairLimitForLinearProgram)); use --solver auto or native")
            }
        }
        if choice == .glpk { throw SolverError.glpkUnavailable }
        return try heuristic(model)
    }

    /// Two phases over trade quantities g (received grams) and, with MIP features, a binary
    /// "trade happens" y per pair: phase 1 maximizes Σ priority × g, phase 2 keeps that and
    /// minimizes Σ (ask × ratio + fee) × g + fixed cost × 10^6 / term × Σ y (the same units).
    static func solveWithGLPK(_ model: BrokerageModel, options glpkOptions: GLPK.Options) throws -> BrokerageSolution {
        let options = model.instance.options
        let pairs = model.allowedPairs()
        let integer = options.fixedCostPerTrade.fen > 0 || options.minLot != nil || options.maxCounterparties != nil
        func program(keep: Double?) -> LinearProgram { linearProgram(model, pairs: pairs, integer: integer, keep: keep) }
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
        var grams = pairs.options.indices.map { Int64((second.columnValues[$0] + 1e-3).rounded(.down)) }
        if integer {
            // A "no trade" binary within GLPK's integrality tolerance still lets its big-M row
            // pass a few grams; no trade means no grams.
            let firstTrade = pairs.options.count
            for index in grams.indices where second.columnValues[firstTrade + index] < 0.5 { grams[index] = 0 }
        }
        let roundedAway = pairs.options.indices.contains { abs(second.columnValues[$0] - Double(grams[$0])) > 1e-6 }
        var trades = pairs.options.indices.filter { grams[$0] > 0 }.map {
            BrokerageTrade(offer: pairs.options[$0].offer, demand: pairs.options[$0].demand, terms: pairs.options[$0].terms, grams: grams[$0])
        }
        repairOverfilling(model, &trades)
        repairOverselling(model, &trades)
        if let lot = options.minLot { for index in trades.indices where trades[index].grams < lot.grams { trades[index].grams = 0 } }
        topUp(model, &trades)
        trades.removeAll { $0.grams == 0 }
        let weighted = weightedMet(trades, model)
        let bound = Int64(((first.bound ?? bestWeighted) + 1e-3).rounded(.down))
        let exact = first.status == .optimal && second.status == .optimal && !roundedAway && weighted == bound
        return BrokerageSolution(status: exact ? .optimal : .feasible, trades: trades, weightedMetGrams: weighted, bound: bound,
                                 solver: integer ? "glpk-branch-and-cut" : "glpk-simplex",
                                 reason: (integer ? "fixed costs, lots or counterparty caps make it a MIP" : "substitution ratios make it an LP, not a flow")
                                    + ": two phases (priority-weighted met, then cost), rounded down to whole grams")
    }

    /// Indices of `trades` grouped by `key`, each group in trade order.
    static func groups(_ trades: [BrokerageTrade], count: Int, by key: (BrokerageTrade) -> Int) -> [[Int]] {
        var result = [[Int]](repeating: [], count: count)
        for (index, trade) in trades.enumerated() { result[key(trade)].append(index) }
        return result
    }

    /// Phase 1 (`keep` nil: maximize Σ priority × g) or phase 2 (keep phase 1's value, minimize
    /// cost) over the allowed pairs' received grams g, with a binary per pair for MIP features.
    static func linearProgram(_ model: BrokerageModel, pairs: AllowedPairs, integer: Bool, keep: Double?) -> LinearProgram {
        let options = model.instance.options
        var program = LinearProgram(sense: keep == nil ? .maximize : .minimize)
        for option in pairs.options {
            let ratio = Double(option.terms.ratio.tenThousandths) / 10_000
            let upper = min(Double(model.demand(option.demand).tonnage.grams), Double(model.offer(option.offer).tonnage.grams) / ratio)
            let price = Double(option.terms.ratio.tenThousandths) * Double(model.offer(option.offer).ask.fen) / 10_000 + Double(option.terms.fee.fen)
            program.addColumn(lower: 0, upper: upper, objective: keep == nil ? Double(model.demand(option.demand).priority) : price)
        }
        let trades = integer ? pairs.options.map { _ in
            program.addColumn(lower: 0, upper: 1,
                              objective: keep == nil ? 0 : Double(options.fixedCostPerTrade.fen) * 1_000_000 / Double(options.termYears),
                              isInteger: true)
        } : []
        for offer in model.offers.indices {
            let terms = pairs.optionsOfOffer[offer]
                .map { ($0, Double(pairs.options[$0].terms.ratio.tenThousandths) / 10_000) }
            program.addRow(terms, upper: Double(model.offer(offer).tonnage.grams))
        }
        for demand in model.demands.indices {
            let terms = pairs.optionsOfDemand[demand]
            program.addRow(terms.map { ($0, 1.0) }, upper: Double(model.demand(demand).tonnage.grams))
            if let cap = options.maxCounterparties {
                program.addRow(terms.map { (trades[$0], 1.0) }, upper: Double(cap))
            }
        }
        if integer {
            for (index, option) in pairs.options.enumerated() {
                let most = min(model.demand(option.demand).tonnage.grams, model.offer(option.offer).tonnage.grams)
                program.addRow([(index, 1.0), (trades[index], -Double(most))], upper: 0)
                if let lot = options.minLot { program.addRow([(index, 1.0), (trades[index], -Double(lot.grams))], lower: 0) }
            }
        }
        if let keep {
            program.addRow(pairs.options.indices.map { ($0, Double(model.demand(pairs.options[$0].demand).priority)) }, lower: keep)
        }
        return program
    }

    /// Gives back what phase 2's half-gram tolerance and the rounding shaved off: existing
    /// trades (so lots and counterparty caps still hold) grow while their demand is short and
    /// their seller has grams left, highest priority and cheapest first.
    static func topUp(_ model: BrokerageModel, _ trades: inout [BrokerageTrade]) {
        var given = [Int64](repeating: 0, count: model.offers.count)
        var received = [Int64](repeating: 0, count: model.demands.count)
        for trade in trades {
            given[trade.offer] += TradeArithmetic.sellerGrams(received: Tonnage(grams: trade.grams), ratio: trade.terms.ratio).grams
            received[trade.demand] += trade.grams
        }
        let order = trades.indices.filter { trades[$0].grams > 0 }.sorted { left, right in
            let a = trades[left], b = trades[right]
            return (-model.demand(a.demand).priority, a.terms.effectivePrice.fen, left) < (-model.demand(b.demand).priority, b.terms.effectivePrice.fen, right)
        }
        for index in order {
            let trade = trades[index]
            let need = model.demand(trade.demand).tonnage.grams - received[trade.demand]
            guard need > 0 else { continue }
            let before = TradeArithmetic.sellerGrams(received: Tonnage(grams: trade.grams), ratio: trade.terms.ratio).grams
            let room = model.offer(trade.offer).tonnage.grams - given[trade.offer]
            let most = TradeArithmetic.receivable(sellerGrams: Tonnage(grams: room + before), ratio: trade.terms.ratio).grams
            let add = min(need, most - trade.grams)
            guard add > 0 else { continue }
            trades[index].grams += add
            received[trade.demand] += add
            given[trade.offer] += TradeArithmetic.sellerGrams(received: Tonnage(grams: trades[index].grams), ratio: trade.terms.ratio).grams - before
        }
    }

    /// Lowers trades of any demand that would receive more than it asked for (after rounding),
    /// largest first.
    static func repairOverfilling(_ model: BrokerageModel, _ trades: inout [BrokerageTrade]) {
        for (demand, members) in groups(trades, count: model.demands.count, by: \.demand).enumerated() where !members.isEmpty {
            let ordered = members.sorted { (trades[$0].grams, $1) > (trades[$1].grams, $0) }
            var excess = ordered.reduce(0) { $0 + trades[$1].grams } - model.demand(demand).tonnage.grams
            for index in ordered where excess > 0 {
                let cut = min(excess, trades[index].grams)
                trades[index].grams -= cut
                excess -= cut
            }
        }
    }

    /// Lowers trades of any offer whose sellers would give more than offered after ⌈ratio × g⌉,
    /// by just enough grams, starting with the trade furthest above the minimum lot (so a cut
    /// rarely pushes a trade under the lot).
    static func repairOverselling(_ model: BrokerageModel, _ trades: inout [BrokerageTrade]) {
        let lot = model.instance.options.minLot?.grams ?? 0
        for (offer, members) in groups(trades, count: model.offers.count, by: \.offer).enumerated() where !members.isEmpty {
            let ordered = members.sorted { (trades[$0].grams - lot, $1) > (trades[$1].grams - lot, $0) }
            func given() -> Int64 {
                ordered.reduce(0) { $0 + TradeArithmetic.sellerGrams(received: Tonnage(grams: trades[$1].grams), ratio: trades[$1].terms.ratio).grams }
            }
            var excess = given() - model.offer(offer).tonnage.grams
            var cursor = 0
            while excess > 0 && cursor < ordered.count {
                let index = ordered[cursor]
                let ratio = trades[index].terms.ratio.tenThousandths
                let cut = min(trades[index].grams, (excess * 10_000 + ratio - 1) / ratio)
                trades[index].grams -= max(1, cut)
                excess = given() - model.offer(offer).tonnage.grams
                if trades[index].grams <= 0 { trades[index].grams = 0; cursor += 1 }
            }
        }
    }

    /// Without the LP: the pure flow with every offer shrunk to what the dearest ratio of any
    /// demand that may reach it allows (so no seller is oversold but for ⌈⌉ rounding, which the
    /// repair removes), then lots and counterparty caps enforced by dropping the smallest
    /// trades, then a greedy fill of what is still short from sellers' remaining grams. The
    /// same flow with ratios taken as 1 and no lots or caps bounds the weighted met grams.
    static func heuristic(_ model: BrokerageModel) throws -> BrokerageSolution {
        var shrunk = model.offers.indices.map { model.offer($0).tonnage.grams }
        var dearestFromRung = model.ladders.map { [Int64](repeating: 10_000, count: $0.offers.count) }
        for exits in model.exitsOfDemand {
            for exit in exits {
                dearestFromRung[exit.ladder][exit.rungs - 1] = max(dearestFromRung[exit.ladder][exit.rungs - 1], exit.route.ratio.tenThousandths)
            }
        }
        for (ladderIndex, ladder) in model.ladders.enumerated() {
            // An offer at rung k is reachable through every exit with more than k rungs.
            var dearest: Int64 = 10_000
            for rung in ladder.offers.indices.reversed() {
                dearest = max(dearest, dearestFromRung[ladderIndex][rung])
                let offer = ladder.offers[rung]
                shrunk[offer] = TradeArithmetic.receivable(sellerGrams: Tonnage(grams: shrunk[offer]), ratio: SubstitutionRatio(tenThousandths: dearest)).grams
            }
        }
        var trades = try lexicographicFlow(model, supplies: shrunk, useGLPK: false)
        let relaxed = PermitNetwork(model, phase: .weightedMet)
        let bound = -(try optimal(MinCostFlow.solve(relaxed.network, algorithm: .networkSimplex), solver: "native")).cost
        let options = model.instance.options
        if let lot = options.minLot { trades.removeAll { $0.grams < lot.grams } }
        if let cap = options.maxCounterparties {
            for members in groups(trades, count: model.demands.count, by: \.demand) {
                for index in members.sorted(by: { (trades[$0].grams, $1) > (trades[$1].grams, $0) }).dropFirst(cap) { trades[index].grams = 0 }
            }
            trades.removeAll { $0.grams == 0 }
        }
        repairOverselling(model, &trades)
        trades.removeAll { $0.grams == 0 }
        fill(model, &trades)
        let weighted = weightedMet(trades, model)
        // Even at the bound the cost is not proven minimal, so the status stays "feasible".
        return BrokerageSolution(status: .feasible, trades: trades, weightedMetGrams: weighted, bound: bound,
                                 solver: "native-flow-heuristic",
                                 reason: "not a pure flow and no LP path: offers shrunk by their dearest ratio, lots and counterparty caps enforced, shortfalls filled greedily; bound from the flow with ratio 1"
                                    + (weighted == bound ? " (reached, so the weighted met grams are optimal; the cost is not proven minimal)" : ""))
    }

    /// Grows existing trades (topUp), then gives each short demand — highest priority first —
    /// new trades from the cheapest allowed offers with grams left, keeping lots and
    /// counterparty caps. Leaves trades sorted by demand, then offer.
    static func fill(_ model: BrokerageModel, _ trades: inout [BrokerageTrade]) {
        topUp(model, &trades)
        var given = [Int64](repeating: 0, count: model.offers.count)
        var received = [Int64](repeating: 0, count: model.demands.count)
        for trade in trades {
            given[trade.offer] += TradeArithmetic.sellerGrams(received: Tonnage(grams: trade.grams), ratio: trade.terms.ratio).grams
            received[trade.demand] += trade.grams
        }
        let options = model.instance.options
        let byDemand = groups(trades, count: model.demands.count, by: \.demand)
        let order = model.demands.indices.filter { received[$0] < model.demand($0).tonnage.grams }
            .sorted { (-model.demand($0).priority, $0) < (-model.demand($1).priority, $1) }
        for demand in order {
            let trading = Set(byDemand[demand].map { trades[$0].offer })
            var counterparties = trading.count
            var candidates: [(price: Int64, offer: Int, exit: LadderExit)] = []
            for exit in model.exitsOfDemand[demand] {
                for offer in model.ladders[exit.ladder].offers.prefix(exit.rungs) where given[offer] < model.offer(offer).tonnage.grams && !trading.contains(offer) {
                    candidates.append((model.terms(offer: offer, through: exit).effectivePrice.fen, offer, exit))
                }
            }
            for candidate in candidates.sorted(by: { ($0.price, $0.offer) < ($1.price, $1.offer) }) {
                let need = model.demand(demand).tonnage.grams - received[demand]
                guard need > 0, counterparties < options.maxCounterparties ?? .max else { break }
                let terms = model.terms(offer: candidate.offer, through: candidate.exit)
                let room = model.offer(candidate.offer).tonnage.grams - given[candidate.offer]
                let add = min(need, TradeArithmetic.receivable(sellerGrams: Tonnage(grams: room), ratio: terms.ratio).grams)
                guard add > 0, add >= options.minLot?.grams ?? 0 else { continue }
                trades.append(BrokerageTrade(offer: candidate.offer, demand: demand, terms: terms, grams: add))
                given[candidate.offer] += TradeArithmetic.sellerGrams(received: Tonnage(grams: add), ratio: terms.ratio).grams
                received[demand] += add
                counterparties += 1
            }
        }
        trades.sort { ($0.demand, $0.offer) < ($1.demand, $1.offer) }
    }
}
