// Independent lexicographic optima of brokerage markets, for checking the solver: brute force
// over every gram vector on tiny markets, and a second integer formulation through GLPK on the
// rest. Both use only the model's allowed pairs and DESIGN's arithmetic, written out here:
// the seller gives ⌈R g / 10⁴⌉ grams, the unrounded cost is
// Σ T × (ask × ⌈R g / 10⁴⌉ + fee × g) + 10⁶ × fixed cost per trade (micro-fen).

import Brokerage
import NuanqiCore
import Solvers

public enum BrokerageOracle {
    public struct Optimum: Equatable, CustomStringConvertible {
        public var weightedMetGrams: Int64
        /// Unrounded cost in micro-fen (fen × 10⁶).
        public var cost: Int128
        public init(weightedMetGrams: Int64, cost: Int128) { self.weightedMetGrams = weightedMetGrams; self.cost = cost }
        public var description: String { "weighted \(weightedMetGrams), cost \(cost) µfen" }
    }

    static func given(_ grams: Int64, _ ratio: Int64) -> Int64 { (grams * ratio + 9_999) / 10_000 }

    public static func cost(_ model: BrokerageModel, trades: [BrokerageTrade]) -> Int128 {
        let options = model.instance.options
        return trades.filter { $0.grams > 0 }.reduce(Int128(0)) { total, trade in
            let ask = Int128(model.offer(trade.offer).ask.fen), fee = Int128(trade.terms.fee.fen)
            return total + Int128(options.termYears) * (ask * Int128(given(trade.grams, trade.terms.ratio.tenThousandths)) + fee * Int128(trade.grams))
                + 1_000_000 * Int128(options.fixedCostPerTrade.fen)
        }
    }

    /// Every feasible gram vector over the allowed pairs, or nil when there are more than
    /// `limit` candidate vectors.
    public static func bruteForce(_ model: BrokerageModel, limit: Int = 200_000) -> Optimum? {
        let pairs = model.allowedPairs().options
        let most = pairs.map { min(model.demand($0.demand).tonnage.grams, model.offer($0.offer).tonnage.grams) }
        var space = 1
        for value in most {
            space = space.multipliedReportingOverflow(by: Int(value) + 1).partialValue
            if space > limit || space <= 0 { return nil }
        }
        let options = model.instance.options
        var grams = [Int64](repeating: 0, count: pairs.count)
        var given = [Int64](repeating: 0, count: model.offers.count)
        var received = [Int64](repeating: 0, count: model.demands.count)
        var best: Optimum?
        func search(_ index: Int) {
            guard index == pairs.count else {
                let pair = pairs[index]
                for value in 0 ... most[index] {
                    if value > 0 && value < options.minLot?.grams ?? 0 { continue }
                    let give = Self.given(value, pair.terms.ratio.tenThousandths)
                    if given[pair.offer] + give > model.offer(pair.offer).tonnage.grams || received[pair.demand] + value > model.demand(pair.demand).tonnage.grams { break }
                    grams[index] = value
                    given[pair.offer] += give; received[pair.demand] += value
                    search(index + 1)
                    given[pair.offer] -= give; received[pair.demand] -= value
                }
                grams[index] = 0
                return
            }
            if let cap = options.maxCounterparties {
                var sellers: [Int: Set<Int>] = [:]
                for (position, pair) in pairs.enumerated() where grams[position] > 0 { sellers[pair.demand, default: []].insert(model.offers[pair.offer].seller) }
                if sellers.values.contains(where: { $0.count > cap }) { return }
            }
            let trades = pairs.indices.map { BrokerageTrade(offer: pairs[$0].offer, demand: pairs[$0].demand, terms: pairs[$0].terms, grams: grams[$0]) }
            let candidate = Optimum(weightedMetGrams: pairs.indices.reduce(0) { $0 + Int64(model.demand(pairs[$1].demand).priority) * grams[$1] },
                                    cost: cost(model, trades: trades))
            if let current = best, (current.weightedMetGrams, -current.cost) >= (candidate.weightedMetGrams, -candidate.cost) { return }
            best = candidate
        }
        search(0)
        return best
    }

    /// A second formulation through GLPK: s ≥ R g / 10⁴ for every pair (ratio 1 too), a
    /// binary per pair with the untightened big-M min(D, S), a binary per (demand, seller) for
    /// caps, one program for the whole market; stage 2 in fen (fractional
    /// coefficients), started from stage 1's point, its optimum re-evaluated exactly. (s = ⌈R g / 10⁴⌉ exactly, through an integer remainder 0 ≤ 10⁴ s − R g ≤
    /// 9,999, makes GLPK's search explode on markets of millions of grams; brute force checks
    /// the exact ceiling on the tiny markets instead.)
    public static func integerProgram(_ model: BrokerageModel) throws -> Optimum {
        let pairs = model.allowedPairs().options
        let options = model.instance.options
        let features = model.hasIntegerFeatures
        func program(keep: Int64?) -> LinearProgram {
            var program = LinearProgram(sense: keep == nil ? .maximize : .minimize)
            let term = Double(options.termYears)
            let received = pairs.map { pair in
                program.addColumn(lower: 0, upper: Double(min(model.demand(pair.demand).tonnage.grams, model.offer(pair.offer).tonnage.grams)),
                                  objective: keep == nil ? Double(model.demand(pair.demand).priority) : term * Double(pair.terms.fee.fen) / 1e6, isInteger: true)
            }
            let given = pairs.map { pair in
                program.addColumn(lower: 0, upper: Double(model.offer(pair.offer).tonnage.grams),
                                  objective: keep == nil ? 0 : term * Double(model.offer(pair.offer).ask.fen) / 1e6, isInteger: true)
            }
            for (index, pair) in pairs.enumerated() {
                _ = program.addRow([(given[index], 10_000.0), (received[index], -Double(pair.terms.ratio.tenThousandths))], lower: 0)
            }
            for offer in model.offers.indices {
                _ = program.addRow(pairs.indices.filter { pairs[$0].offer == offer }.map { (given[$0], 1.0) }, upper: Double(model.offer(offer).tonnage.grams))
            }
            for demand in model.demands.indices {
                _ = program.addRow(pairs.indices.filter { pairs[$0].demand == demand }.map { (received[$0], 1.0) }, upper: Double(model.demand(demand).tonnage.grams))
            }
            if features {
                let trade = pairs.map { _ in
                    program.addColumn(lower: 0, upper: 1, objective: keep == nil ? 0 : Double(options.fixedCostPerTrade.fen), isInteger: true)
                }
                for (index, pair) in pairs.enumerated() {
                    _ = program.addRow([(received[index], 1.0), (trade[index], -Double(min(model.demand(pair.demand).tonnage.grams, model.offer(pair.offer).tonnage.grams)))], upper: 0)
                    if let lot = options.minLot { _ = program.addRow([(received[index], 1.0), (trade[index], -Double(lot.grams))], lower: 0) }
                }
                if let cap = options.maxCounterparties {
                    for demand in model.demands.indices {
                        let sellers = Set(pairs.filter { $0.demand == demand }.map { model.offers[$0.offer].seller }).sorted()
                        let counterparty = sellers.map { _ in program.addColumn(lower: 0, upper: 1, isInteger: true) }
                        for (index, pair) in pairs.enumerated() where pair.demand == demand {
                            _ = program.addRow([(trade[index], 1.0), (counterparty[sellers.firstIndex(of: model.offers[pair.offer].seller)!], -1.0)], upper: 0)
                        }
                        if !counterparty.isEmpty { _ = program.addRow(counterparty.map { ($0, 1.0) }, upper: Double(cap)) }
                    }
                }
            }
            if let keep {
                _ = program.addRow(pairs.indices.map { (received[$0], Double(model.demand(pairs[$0].demand).priority)) }, lower: Double(keep))
            }
            return program
        }
        let glpk = GLPK.Options(timeLimit: 1, objectiveTolerance: 1e-12, integerTolerance: 1e-10, cuts: true)
        let first = try GLPK.solve(program(keep: nil), options: glpk)
        guard first.status == .optimal, let weighted = first.objective else { throw OracleFailure.notSolved("stage 1: \(first.status)") }
        // Stage 1's point starts stage 2 (same columns): found afresh, a point on W ≥ W* is hard.
        var fromFirst = glpk
        fromFirst.incumbent = first.columnValues.map { $0.rounded() }
        let second = try GLPK.solve(program(keep: Int64(weighted.rounded())), options: fromFirst)
        guard second.status == .optimal else { throw OracleFailure.notSolved("stage 2: \(second.status)") }
        // The optimum's value recomputed exactly from its point, not read from GLPK's doubles.
        let trades = pairs.indices.map { BrokerageTrade(offer: pairs[$0].offer, demand: pairs[$0].demand, terms: pairs[$0].terms, grams: Int64(second.columnValues[$0].rounded())) }
            .filter { $0.grams > 0 }
        let weightedMet = trades.reduce(0) { $0 + Int64(model.demand($1.demand).priority) * $1.grams }
        let solution = BrokerageSolution(status: .optimal, trades: trades, weightedMetGrams: weightedMet, bound: nil, solver: "oracle", reason: "")
        let problems = BrokerageVerifier.verify(solution, of: model).problems
        guard problems.isEmpty else { throw OracleFailure.notSolved("GLPK's point breaks the market: \(problems)") }
        return Optimum(weightedMetGrams: trades.reduce(0) { $0 + Int64(model.demand($1.demand).priority) * $1.grams }, cost: cost(model, trades: trades))
    }

    public enum OracleFailure: Error { case notSolved(String) }
}
