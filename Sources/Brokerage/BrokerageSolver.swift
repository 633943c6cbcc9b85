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
//   network flows: ExactBrokerage solves them as an integer program in whole grams (GLPK
//   branch-and-cut, both lexicographic stages, certified in integer arithmetic) up to
//   `pairLimitForLinearProgram` allowed pairs, started from a conservative flow heuristic on
//   the PermitNetwork (see `heuristic`), which alone answers above that size or without GLPK.

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

    public init(status: SolveStatus, trades: [BrokerageTrade], weightedMetGrams: Int64, bound: Int64?, solver: String, reason: String) {
        self.status = status; self.trades = trades; self.weightedMetGrams = weightedMetGrams
        self.bound = bound; self.solver = solver; self.reason = reason
    }
}

public enum BrokerageSolver {
    /// Above this many allowed pairs the LP/MIP over trade quantities is not built (GLPK's
    /// simplex needs minutes there); the flow heuristic answers with its bound instead.
    public static let pairLimitForLinearProgram = 400_000
    /// Seconds the exact integer program may search, over all its components and both stages;
    /// a search stopped there answers `feasible` with its bound and says so.
    public static let defaultTimeLimit: Double = 10
    /// The same for each re-solve behind a price (one more or one less tonne).
    public static let priceTimeLimit: Double = 1

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
    /// cost. Otherwise: stage 1 of the exact integer program (ExactBrokerage) over every allowed pair.
    public static func finalModel(_ model: BrokerageModel) throws -> OptimizationModel {
        guard model.isPureTransportation else { return .program(ExactBrokerage.stageOneProgram(model)) }
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
    /// Any model: the exact flow when it is pure transportation; otherwise the exact integer
    /// program (ExactBrokerage) through GLPK's branch-and-cut, started from the native
    /// heuristic's answer under `auto`; the heuristic alone with `--solver native`, without
    /// GLPK, or above `pairLimitForLinearProgram` pairs. `--solver glpk` answers with GLPK or
    /// throws: it never hands the problem to another solver.
    public static func solve(_ model: BrokerageModel, using choice: SolverChoice,
                             glpkOptions: GLPK.Options = GLPK.Options(timeLimit: defaultTimeLimit)) throws -> BrokerageSolution {
        if model.isPureTransportation { return try solvePure(model, using: choice) }
        let shape = model.hasIntegerFeatures ? "fixed costs, lots or counterparty caps" : "substitution ratios"
        if choice == .native {
            var answer = try heuristic(model)
            answer.reason = "--solver native: " + answer.reason
            return answer
        }
        guard GLPK.isAvailable else {
            if choice == .glpk { throw SolverError.glpkUnavailable }
            var answer = try heuristic(model)
            answer.reason = "auto: \(shape) need the exact integer program, and this build has no GLPK; " + answer.reason
            return answer
        }
        guard model.pairCount <= pairLimitForLinearProgram else {
            if choice == .glpk {
                throw SolverError.unsupported(solver: "glpk", reason: "\(model.pairCount) allowed pairs are too many for the exact integer program (limit \(pairLimitForLinearProgram)); use --solver auto or native")
            }
            var answer = try heuristic(model)
            answer.reason = "auto: \(model.pairCount) allowed pairs exceed the exact integer program's limit (\(pairLimitForLinearProgram)); " + answer.reason
            return answer
        }
        let start = choice == .auto ? try heuristic(model) : nil
        let exact: ExactBrokerage.Outcome
        do { exact = try ExactBrokerage.solve(model, start: start?.trades, timeLimit: glpkOptions.timeLimit) } catch let ExactStop.noPoint(cause) {
            throw SolverError.unsupported(solver: "glpk", reason: "branch-and-cut ended with no usable integer point (\(cause)); use --solver auto, which starts it from the native heuristic")
        }
        let limit = glpkOptions.timeLimit.map { " of \(Int($0.rounded(.up))) s" } ?? ""
        let proof = exact.proven
            ? "both stages re-checked in integer arithmetic reach their LP relaxation's bound: optimal"
            : "not proven: \(exact.shortfall ?? "stopped")\(exact.shortfall?.hasPrefix("time limit") == true ? limit : ""); bound from the LP relaxation"
        return BrokerageSolution(
            status: exact.proven ? .optimal : .feasible, trades: exact.trades, weightedMetGrams: exact.weightedMetGrams,
            bound: exact.proven ? exact.weightedMetGrams : exact.bound, solver: "glpk-branch-and-cut",
            reason: (choice == .auto ? "auto: " : "") + "\(shape) make it an integer program in whole grams: GLPK branch-and-cut, priority-weighted met grams then cost in micro-fen, "
                + (start == nil ? "" : "started from the native heuristic's trades, ") + proof)
    }

    /// Indices of `trades` grouped by `key`, each group in trade order.
    static func groups(_ trades: [BrokerageTrade], count: Int, by key: (BrokerageTrade) -> Int) -> [[Int]] {
        var result = [[Int]](repeating: [], count: count)
        for (index, trade) in trades.enumerated() { result[key(trade)].append(index) }
        return result
    }

    /// Gives back what the heuristic's shrinking and repairs shaved off: existing
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
