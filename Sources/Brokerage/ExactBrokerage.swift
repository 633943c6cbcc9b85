// Exact brokerage when the market is not a pure transportation problem (substitution ratios
// above 1, fixed costs per trade, minimum lots, counterparty caps): an integer program over
// the allowed pairs, solved by GLPK's branch-and-cut in two lexicographic stages and certified
// afterwards in integer arithmetic.
//
// Model, for each connected component of the allowed-pair graph (offers and demands joined by
// a pair; NH3-N and NOx, and unlinked regions, fall apart into independent programs):
//   g_p ∈ ℤ, 0 ≤ g_p ≤ u_p = min(D_d, ⌊S_o / r_p⌋)   grams received over pair p = (o, d)
//   s_p ∈ ℤ, 10⁴ s_p − R_p g_p ≥ 0                    grams the seller gives (R_p = r_p × 10⁴;
//                                                      only where r_p > 1, else s_p is g_p)
//   Σ_{p ∋ o} s_p ≤ S_o,  Σ_{p ∋ d} g_p ≤ D_d
//   with fixed costs, lots or caps, y_p ∈ {0, 1}: g_p ≤ u_p y_p, g_p ≥ L y_p;
//   caps count sellers: z_{seller, d} ≥ y_p, Σ_seller z_{seller, d} ≤ k (z is y_p itself when
//   the seller has one offer there).
// s_p ≥ r_p g_p instead of s_p = ⌈r_p g_p⌉: a larger s_p only wastes the offer and costs more,
// so both models have the same optima, and the trades report ⌈r_p g_p⌉.
// Stage 1 maximizes W = Σ priority × g_p. Stage 2 keeps W ≥ W* (W* the stage-1 optimum, an
// integer row, no tolerance) and minimizes the exact, unrounded cost in micro-fen,
//   C = Σ T × (ask_o × s_p + fee_p × g_p) + 10⁶ × fixed × Σ y_p     (T = term in years),
// divided by the coefficients' greatest common divisor: every coefficient an integer, so GLPK
// rounds its node bounds to integers, and objectives stay exact in doubles up to 2⁵³ units.
// Certificate: both stages' points are rounded, checked and re-evaluated here in integers
// (Int64 weighted grams, Int128 micro-fen). GLPK's tree search prunes in floating point and
// has been seen closing trees early, so it is not the proof: a stage is proven when its exact
// objective reaches its root LP relaxation, rounded to the integer the objective can reach
// (⌊LP⌋ weighted grams, ⌈LP⌉ cost units). The answer is `optimal` only when both stages of
// every component are proven; otherwise `feasible` with ⌊LP⌋ as the bound.
// Branch-and-cut starts from the native heuristic's trades (stage 1) and from stage 1's point
// (stage 2), with Gomory, MIR and cover cuts; the time limit is shared by all the solves.
// Reference: Wolsey, Integer Programming (1998), ch. 7–8 (branch-and-cut, cuts);
// GLPK 5.0 reference manual, glp_intopt.

import NuanqiCore
import Solvers

enum ExactBrokerage {
    struct Outcome {
        var trades: [BrokerageTrade]
        var weightedMetGrams: Int64
        /// Σ over components of the proven upper bound on the weighted met grams.
        var bound: Int64
        var proven: Bool
        /// Why it is not proven, when it is not ("time limit", …).
        var shortfall: String?
        /// Σ over components of the root LP relaxation of stage 1.
        var relaxation: Double
    }

    /// `start` is a feasible answer (the heuristic's) used as the first incumbent.
    static func solve(_ model: BrokerageModel, start: [BrokerageTrade]?, timeLimit: Double?) throws -> Outcome {
        let pairs = model.allowedPairs()
        let deadline = timeLimit.map { ContinuousClock.now + .milliseconds(Int64($0 * 1000)) }
        var byPair: [PairKey: Int] = [:]
        for (index, option) in pairs.options.enumerated() { byPair[PairKey(offer: option.offer, demand: option.demand)] = index }
        var startGrams = [Int64](repeating: 0, count: pairs.options.count)
        for trade in start ?? [] { if let index = byPair[PairKey(offer: trade.offer, demand: trade.demand)] { startGrams[index] += trade.grams } }

        var outcome = Outcome(trades: [], weightedMetGrams: 0, bound: 0, proven: true, shortfall: nil, relaxation: 0)
        for component in components(model, pairs) {
            let program = ComponentProgram(model, pairs: pairs, members: component)
            let solved = try program.solve(start: start == nil ? nil : component.map { startGrams[$0] }, deadline: deadline)
            outcome.trades += solved.trades
            outcome.weightedMetGrams += solved.weightedMetGrams
            outcome.bound += solved.bound
            outcome.relaxation += solved.relaxation
            if !solved.proven {
                outcome.proven = false
                outcome.shortfall = outcome.shortfall ?? solved.shortfall
            }
        }
        outcome.trades.sort { ($0.demand, $0.offer) < ($1.demand, $1.offer) }
        return outcome
    }

    /// Stage 1 over every allowed pair as one program, for `--export-model`.
    static func stageOneProgram(_ model: BrokerageModel) -> LinearProgram {
        let pairs = model.allowedPairs()
        let whole = ComponentProgram(model, pairs: pairs, members: Array(pairs.options.indices))
        return whole.program(whole.layout(), keep: nil).0
    }

    struct PairKey: Hashable { var offer: Int, demand: Int }

    /// Pair indices of each connected component (offers and demands linked by pairs), each
    /// ascending, components in order of their first pair.
    static func components(_ model: BrokerageModel, _ pairs: AllowedPairs) -> [[Int]] {
        let offerCount = model.offers.count
        var parent = Array(0 ..< offerCount + model.demands.count)
        func root(_ node: Int) -> Int {
            var node = node
            while parent[node] != node { parent[node] = parent[parent[node]]; node = parent[node] }
            return node
        }
        for option in pairs.options {
            let a = root(option.offer), b = root(offerCount + option.demand)
            if a != b { parent[max(a, b)] = min(a, b) }
        }
        var slot: [Int: Int] = [:]
        var result: [[Int]] = []
        for (index, option) in pairs.options.enumerated() {
            let key = root(option.offer)
            if let position = slot[key] { result[position].append(index) } else { slot[key] = result.count; result.append([index]) }
        }
        return result
    }

    /// The exact unrounded cost of trades in micro-fen: Σ T × (ask × ⌈r g⌉ + fee × g) + 10⁶ × fixed per trade.
    static func unroundedCost(_ trades: [BrokerageTrade], _ model: BrokerageModel) -> Int128 {
        let options = model.instance.options
        var total: Int128 = 0
        for trade in trades where trade.grams > 0 {
            let sellerGrams = TradeArithmetic.sellerGrams(received: Tonnage(grams: trade.grams), ratio: trade.terms.ratio).grams
            total += Int128(options.termYears) * (Int128(model.offer(trade.offer).ask.fen) * Int128(sellerGrams) + Int128(trade.terms.fee.fen) * Int128(trade.grams))
            total += 1_000_000 * Int128(options.fixedCostPerTrade.fen)
        }
        return total
    }
}

/// One component's integer program and its two stages.
struct ComponentProgram {
    let model: BrokerageModel
    let pairs: AllowedPairs
    /// Indices into `pairs.options`.
    let members: [Int]
    let integerFeatures: Bool
    /// Per member: the most it can receive (0: it cannot trade, e.g. below the lot).
    let upper: [Int64]

    init(_ model: BrokerageModel, pairs: AllowedPairs, members: [Int]) {
        self.model = model; self.pairs = pairs; self.members = members
        let options = model.instance.options
        integerFeatures = model.hasIntegerFeatures
        upper = members.map { index in
            let option = pairs.options[index]
            let most = min(model.demand(option.demand).tonnage.grams,
                           TradeArithmetic.receivable(sellerGrams: model.offer(option.offer).tonnage, ratio: option.terms.ratio).grams)
            return most < (options.minLot?.grams ?? 0) ? 0 : most
        }
    }

    /// Column layout: g for every member, then s for members with ratio > 1, then y (and z)
    /// when integer features are on.
    struct Layout {
        var sellerColumn: [Int]
        var tradeColumn: [Int]
        /// (demand, seller) → its z column, for caps where a seller has several offers.
        var counterpartyColumns: [[Int]]
        var count: Int
    }

    func layout() -> Layout {
        var next = members.count
        let sellerColumn = members.map { index -> Int in
            guard pairs.options[index].terms.ratio != .one else { return -1 }
            defer { next += 1 }
            return next
        }
        var tradeColumn = [Int](repeating: -1, count: members.count)
        var counterpartyColumns: [[Int]] = []
        if integerFeatures {
            for position in members.indices { tradeColumn[position] = next; next += 1 }
            if model.instance.options.maxCounterparties != nil {
                // Members are sorted by (demand, offer); group them by (demand, seller).
                var groups: [ComponentKey: [Int]] = [:]
                var order: [ComponentKey] = []
                for (position, index) in members.enumerated() {
                    let key = ComponentKey(demand: pairs.options[index].demand, seller: model.offers[pairs.options[index].offer].seller)
                    if groups[key] == nil { order.append(key) }
                    groups[key, default: []].append(position)
                }
                counterpartyColumns = order.map { groups[$0]! }
            }
        }
        return Layout(sellerColumn: sellerColumn, tradeColumn: tradeColumn, counterpartyColumns: counterpartyColumns, count: next)
    }

    struct ComponentKey: Hashable { var demand: Int, seller: Int }

    /// Stage 2's cost coefficients in micro-fen, per g, s and y column (0 for absent columns'
    /// kinds), and their greatest common divisor: GLPK minimizes cost / unit, so its objective
    /// stays an exact integer in a double up to 2⁵³ units, not 2⁵³ micro-fen.
    func costCoefficients(_ layout: Layout) -> (received: [Int64], given: [Int64], trade: Int64, unit: Int64) {
        let options = model.instance.options
        let term = Int64(options.termYears)
        var received: [Int64] = [], given: [Int64] = []
        for (position, index) in members.enumerated() {
            let option = pairs.options[index], ask = model.offer(option.offer).ask.fen
            received.append(term * (option.terms.fee.fen + (layout.sellerColumn[position] < 0 ? ask : 0)))
            if layout.sellerColumn[position] >= 0 { given.append(term * ask) }
        }
        let trade = integerFeatures ? 1_000_000 * options.fixedCostPerTrade.fen : 0
        func gcd(_ a: Int64, _ b: Int64) -> Int64 { b == 0 ? a : gcd(b, a % b) }
        let unit = (received + given + [trade]).reduce(0, gcd)
        return (received, given, trade, max(1, unit))
    }

    /// Stage 1 (`keep` nil) or stage 2 (Σ priority × g ≥ keep, minimize cost in `unit`s).
    func program(_ layout: Layout, keep: Int64?) -> (LinearProgram, zColumns: [Int]) {
        let options = model.instance.options
        let costs = costCoefficients(layout)
        func cost(_ coefficient: Int64) -> Double { keep == nil ? 0 : Double(coefficient / costs.unit) }
        var program = LinearProgram(sense: keep == nil ? .maximize : .minimize)
        for (position, index) in members.enumerated() {
            let priority = Double(model.demand(pairs.options[index].demand).priority)
            program.addColumn(lower: 0, upper: Double(upper[position]),
                              objective: keep == nil ? priority : cost(costs.received[position]), isInteger: true)
        }
        for (column, index) in zip(members, layout.sellerColumn).filter({ $0.1 >= 0 }).map(\.0).enumerated() {
            program.addColumn(lower: 0, upper: Double(model.offer(pairs.options[index].offer).tonnage.grams),
                              objective: cost(costs.given[column]), isInteger: true)
        }
        if integerFeatures {
            for position in members.indices {
                program.addColumn(lower: 0, upper: upper[position] > 0 ? 1 : 0, objective: cost(costs.trade), isInteger: true)
            }
        }
        var zColumns: [Int] = []
        for group in layout.counterpartyColumns {
            if group.count == 1 { zColumns.append(layout.tradeColumn[group[0]]); continue }
            let z = program.addColumn(lower: 0, upper: 1, objective: 0, isInteger: true)
            zColumns.append(z)
            for position in group { program.addRow([(layout.tradeColumn[position], 1.0), (z, -1.0)], upper: 0) }
        }
        var ofOffer: [Int: [Int]] = [:], ofDemand: [Int: [Int]] = [:]
        var offerOrder: [Int] = [], demandOrder: [Int] = []
        for (position, index) in members.enumerated() {
            let option = pairs.options[index]
            if ofOffer[option.offer] == nil { offerOrder.append(option.offer) }
            if ofDemand[option.demand] == nil { demandOrder.append(option.demand) }
            ofOffer[option.offer, default: []].append(position)
            ofDemand[option.demand, default: []].append(position)
        }
        for offer in offerOrder.sorted() {
            program.addRow(ofOffer[offer]!.map { (layout.sellerColumn[$0] >= 0 ? layout.sellerColumn[$0] : $0, 1.0) },
                           upper: Double(model.offer(offer).tonnage.grams))
        }
        for demand in demandOrder {
            program.addRow(ofDemand[demand]!.map { ($0, 1.0) }, upper: Double(model.demand(demand).tonnage.grams))
        }
        for (position, index) in members.enumerated() where layout.sellerColumn[position] >= 0 {
            program.addRow([(layout.sellerColumn[position], 10_000.0), (position, -Double(pairs.options[index].terms.ratio.tenThousandths))], lower: 0)
        }
        if integerFeatures {
            for position in members.indices {
                program.addRow([(position, 1.0), (layout.tradeColumn[position], -Double(upper[position]))], upper: 0)
                if let lot = options.minLot { program.addRow([(position, 1.0), (layout.tradeColumn[position], -Double(lot.grams))], lower: 0) }
            }
        }
        if let cap = options.maxCounterparties {
            var ofDemandGroups: [Int: [Int]] = [:]
            for (group, members) in layout.counterpartyColumns.enumerated() {
                ofDemandGroups[pairs.options[self.members[members[0]]].demand, default: []].append(zColumns[group])
            }
            for demand in demandOrder { program.addRow(ofDemandGroups[demand]!.map { ($0, 1.0) }, upper: Double(cap)) }
        }
        if let keep {
            program.addRow(members.enumerated().map { ($0.offset, Double(model.demand(pairs.options[$0.element].demand).priority)) },
                           lower: Double(keep))
        }
        return (program, zColumns)
    }

    /// Column values of received grams per member, as GLPK reads them.
    func values(of grams: [Int64], _ layout: Layout, zColumns: [Int]) -> [Double] {
        var values = [Double](repeating: 0, count: layout.count)
        for (position, index) in members.enumerated() {
            let g = grams[position]
            values[position] = Double(g)
            if layout.sellerColumn[position] >= 0 {
                values[layout.sellerColumn[position]] = Double(TradeArithmetic.sellerGrams(received: Tonnage(grams: g), ratio: pairs.options[index].terms.ratio).grams)
            }
            if integerFeatures && g > 0 { values[layout.tradeColumn[position]] = 1 }
        }
        for (group, positions) in layout.counterpartyColumns.enumerated() where positions.contains(where: { grams[$0] > 0 }) {
            values[zColumns[group]] = 1
        }
        return values
    }

    func trades(_ grams: [Int64]) -> [BrokerageTrade] {
        members.enumerated().compactMap { position, index in
            guard grams[position] > 0 else { return nil }
            let option = pairs.options[index]
            return BrokerageTrade(offer: option.offer, demand: option.demand, terms: option.terms, grams: grams[position])
        }
    }

    func weighted(_ grams: [Int64]) -> Int64 {
        members.indices.reduce(0) { $0 + Int64(model.demand(pairs.options[members[$1]].demand).priority) * grams[$1] }
    }

    /// Grams of a GLPK point, rounded to whole grams, or nil when the point breaks a
    /// constraint in exact arithmetic (GLPK's tolerances are relative; grams are not).
    func exactGrams(_ point: [Double]) -> [Int64]? {
        let grams = members.indices.map { Int64(point[$0].rounded()) }
        return isFeasible(grams) ? grams : nil
    }

    func isFeasible(_ grams: [Int64]) -> Bool {
        let options = model.instance.options
        var given: [Int: Int64] = [:], received: [Int: Int64] = [:]
        var sellers: [Int: Set<Int>] = [:]
        for (position, index) in members.enumerated() where grams[position] != 0 {
            let option = pairs.options[index], g = grams[position]
            guard g > 0, g <= upper[position], g >= options.minLot?.grams ?? 0 else { return false }
            given[option.offer, default: 0] += TradeArithmetic.sellerGrams(received: Tonnage(grams: g), ratio: option.terms.ratio).grams
            received[option.demand, default: 0] += g
            sellers[option.demand, default: []].insert(model.offers[option.offer].seller)
        }
        if given.contains(where: { $0.value > model.offer($0.key).tonnage.grams }) { return false }
        if received.contains(where: { $0.value > model.demand($0.key).tonnage.grams }) { return false }
        if let cap = options.maxCounterparties, sellers.contains(where: { $0.value.count > cap }) { return false }
        return true
    }

    /// `start`: a feasible point (the heuristic's grams) handed to GLPK as its first incumbent;
    /// without one (`--solver glpk`) GLPK must find its own or the solve throws.
    func solve(start: [Int64]?, deadline: ContinuousClock.Instant?) throws -> ExactBrokerage.Outcome {
        let layout = layout()
        func options(incumbent: [Double]?) throws -> GLPK.Options {
            var remaining: Double?
            if let deadline {
                let left = deadline - ContinuousClock.now
                remaining = Double(left.components.seconds) + Double(left.components.attoseconds) * 1e-18
                if remaining! <= 0 { throw ExactStop.timeLimit }
            }
            return GLPK.Options(timeLimit: remaining, objectiveTolerance: 1e-12, integerTolerance: 1e-10, cuts: true, incumbent: incumbent)
        }
        // Without GLPK's bound, every pair at its most (demands capping the sum) still bounds W.
        var most: [Int: Int64] = [:]
        for (position, index) in members.enumerated() { most[pairs.options[index].demand, default: 0] += upper[position] }
        let crudeBound = most.reduce(Int64(0)) { $0 + Int64(model.demand($1.key).priority) * min($1.value, model.demand($1.key).tonnage.grams) }
        func unfinished(_ grams: [Int64]?, bound: Int64, relaxation: Double, cause: String) throws -> ExactBrokerage.Outcome {
            guard let grams else { throw ExactStop.noPoint(cause) }
            return ExactBrokerage.Outcome(trades: trades(grams), weightedMetGrams: weighted(grams), bound: max(weighted(grams), bound), proven: false, shortfall: cause, relaxation: relaxation)
        }

        let (first, firstZ) = program(layout, keep: nil)
        let firstAnswer: LinearProgramSolution
        do { firstAnswer = try GLPK.solve(first, options: try options(incumbent: start.map { values(of: $0, layout, zColumns: firstZ) })) } catch ExactStop.timeLimit {
            return try unfinished(start, bound: crudeBound, relaxation: Double(crudeBound), cause: "time limit")
        }
        let relaxation = firstAnswer.relaxation ?? firstAnswer.objective ?? Double(crudeBound)
        var best = start
        let point = firstAnswer.columnValues.isEmpty ? nil : exactGrams(firstAnswer.columnValues)
        if let point, best.map({ weighted(point) >= weighted($0) }) ?? true { best = point }
        guard let best else {
            throw ExactStop.noPoint(firstAnswer.status == .optimal || firstAnswer.status == .feasible ? "its point failed the exact integer check" : "no integer point within the time limit")
        }
        let bestWeighted = weighted(best)
        // The certificate is the root LP relaxation, not the tree search: GLPK prunes nodes in
        // floating point and on these magnitudes has closed trees early (a test found it). An
        // integer objective cannot beat ⌊LP⌋; reaching it proves the stage.
        let firstBound = min(crudeBound, Self.integerBelow(relaxation))
        let firstProven = bestWeighted >= firstBound
        let firstCause = firstAnswer.status == .optimal ? "weighted met grams below the LP relaxation's bound \(firstBound)" : "time limit"

        let (second, secondZ) = program(layout, keep: bestWeighted)
        let secondAnswer: LinearProgramSolution
        do { secondAnswer = try GLPK.solve(second, options: try options(incumbent: values(of: best, layout, zColumns: secondZ))) } catch ExactStop.timeLimit {
            return try unfinished(best, bound: firstBound, relaxation: relaxation, cause: firstProven ? "time limit (cost stage)" : firstCause)
        }
        var answer = best
        if let point = secondAnswer.columnValues.isEmpty ? nil : exactGrams(secondAnswer.columnValues), weighted(point) >= bestWeighted,
           ExactBrokerage.unroundedCost(trades(point), model) <= ExactBrokerage.unroundedCost(trades(best), model) {
            answer = point
        }
        let unit = Int128(costCoefficients(layout).unit)
        let cost = ExactBrokerage.unroundedCost(trades(answer), model) / unit
        // Costs beyond 2⁵³ units are not exact in doubles: not certified.
        let secondProven = cost < 1 << 53 && secondAnswer.relaxation.map { Int128(-Self.integerBelow(-$0)) >= cost } == true
        guard firstProven && secondProven else {
            let cause = !firstProven ? firstCause
                : secondAnswer.status == .optimal ? "cost above its LP relaxation's bound" : "time limit (cost stage)"
            return try unfinished(answer, bound: firstBound, relaxation: relaxation, cause: cause)
        }
        return ExactBrokerage.Outcome(trades: trades(answer), weightedMetGrams: bestWeighted, bound: bestWeighted, proven: true, shortfall: nil, relaxation: relaxation)
    }

    /// The largest integer not above `value`, allowing floating-point noise (relative 10⁻⁹).
    static func integerBelow(_ value: Double) -> Int64 {
        let raw = value + 1e-9 * abs(value) + 1e-6
        return raw.isFinite && abs(raw) < 9e18 ? Int64(raw.rounded(.down)) : .max
    }
}

enum ExactStop: Error {
    case timeLimit
    /// GLPK alone (no starting incumbent) ended without a point that passes the exact check.
    case noPoint(String)
}
