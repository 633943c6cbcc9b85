// The `nuanqi.broker-result/1` JSON (DESIGN "Formats, version 1"): trades to the gram with
// their exact amounts in fen, unmet demand with its reason, marginal prices, verification.

import Brokerage
import NuanqiCore

public enum BrokerageResultWriter {
    /// `prices[d]` is the marginal price of demand d when computed; `regionPrices` the price
    /// of a tonne for a new buyer per (region, pollutant), nil when none can be had.
    public static func json(_ solution: BrokerageSolution, model: BrokerageModel, verification: BrokerageVerification,
                            prices: [Int: BrokerageExplanation.MarginalPrice],
                            regionPrices: [(region: String, pollutant: String, price: Money?)] = []) -> JSONValue {
        let instance = model.instance
        func tonnes(_ grams: Int64) -> JSONValue { .string(Tonnage(grams: grams).description) }
        let trades = solution.trades.sorted { left, right in
            let a = left, b = right
            let keyA = (instance.sellers[model.offers[a.offer].seller].id, instance.buyers[model.demands[a.demand].buyer].id, model.offer(a.offer).pollutant)
            let keyB = (instance.sellers[model.offers[b.offer].seller].id, instance.buyers[model.demands[b.demand].buyer].id, model.offer(b.offer).pollutant)
            return keyA < keyB
        }
        var received = [Int64](repeating: 0, count: model.demands.count)
        for trade in solution.trades { received[trade.demand] += trade.grams }
        let tradeValues: [JSONValue] = trades.map { trade in
            let option = trade
            let offer = model.offer(option.offer)
            let grams = Tonnage(grams: trade.grams)
            let sellerGrams = TradeArithmetic.sellerGrams(received: grams, ratio: option.terms.ratio)
            let amount = TradeArithmetic.amount(ask: offer.ask, sellerGrams: sellerGrams, fee: option.terms.fee, received: grams, termYears: instance.options.termYears)
            return .object([
                ("seller", .string(instance.sellers[model.offers[option.offer].seller].id)),
                ("buyer", .string(instance.buyers[model.demands[option.demand].buyer].id)),
                ("pollutant", .string(offer.pollutant)),
                ("grams", .integer(trade.grams)),
                ("tonnes", tonnes(trade.grams)),
                ("sellerGrams", .integer(sellerGrams.grams)),
                ("ratio", .string(option.terms.ratio.description)),
                ("scope", .string(option.terms.scope.rawValue)),
                ("perTonneYearFen", .integer(option.terms.effectivePrice.fen)),
                ("amountFen", .integer(amount.fen)),
            ])
        }
        let reasons = BrokerageExplanation.UnmetReasons(model: model, solution: solution)
        let unmet: [JSONValue] = model.demands.indices.filter { received[$0] < model.demand($0).tonnage.grams }.map { index in
            .object([
                ("buyer", .string(instance.buyers[model.demands[index].buyer].id)),
                ("pollutant", .string(model.demand(index).pollutant)),
                ("grams", .integer(model.demand(index).tonnage.grams - received[index])),
                ("tonnes", tonnes(model.demand(index).tonnage.grams - received[index])),
                ("reason", .string(reasons.reason(index))),
            ])
        }
        let priceValues: [JSONValue] = prices.keys.sorted().map { index in
            let buyer = instance.buyers[model.demands[index].buyer].id, pollutant = model.demand(index).pollutant
            let price = prices[index]!
            guard let perTonne = price.perTonne else {
                return .object([("buyer", .string(buyer)), ("pollutant", .string(pollutant)), ("perTonneFen", .null), ("degenerate", .bool(false)),
                                ("explanation", .string("one more tonne of \(pollutant) for \(buyer) cannot be supplied"))])
            }
            var explanation = "one more tonne of \(pollutant) for \(buyer) would cost \(perTonne) yuan per tonne-year"
            if !price.from.isEmpty { explanation += " (from \(price.from.joined(separator: ", ")))" }
            if price.displaces { explanation += ", taking it from lower-priority buyers" }
            if price.isDegenerate, let less = price.perTonneLess { explanation += "; one tonne less would save \(less): the price is not unique" }
            return .object([("buyer", .string(buyer)), ("pollutant", .string(pollutant)), ("perTonneFen", .integer(perTonne.fen)),
                             ("perTonneLessFen", price.perTonneLess.map { .integer($0.fen) } ?? .null),
                             ("degenerate", .bool(price.isDegenerate)), ("displaces", .bool(price.displaces)),
                             ("explanation", .string(explanation))])
        }
        let feasible = solution.status == .optimal || solution.status == .feasible
        return .object([
            ("format", .string("nuanqi.broker-result/1")),
            ("status", .string(solution.status.rawValue)),
            ("solver", .string(solution.solver)),
            ("reason", .string(solution.reason)),
            ("metGrams", .integer(verification.metGrams)),
            ("weightedMetGrams", .integer(solution.weightedMetGrams)),
            ("weightedMetBound", solution.bound.map { .integer($0) } ?? .null),
            ("totalCostFen", feasible ? .integer(verification.totalCost.fen) : .null),
            ("termYears", .integer(instance.options.termYears)),
            ("trades", .array(tradeValues)),
            ("unmet", .array(unmet)),
            ("shadowPrices", .array(priceValues)),
            ("regionPrices", .array(regionPrices.map { entry in
                .object([("region", .string(entry.region)), ("pollutant", .string(entry.pollutant)),
                         ("perTonneFen", entry.price.map { .integer($0.fen) } ?? .null),
                         ("explanation", .string(entry.price.map { "a new buyer in \(entry.region) would pay \($0) yuan per tonne-year for one tonne of \(entry.pollutant)" }
                                                 ?? "no free \(entry.pollutant) can reach \(entry.region)"))])
            })),
            ("verification", .object([
                ("feasible", .bool(verification.feasible)),
                ("totalCostFen", .integer(verification.totalCost.fen)),
                ("weightedMetGrams", .integer(verification.weightedMetGrams)),
            ])),
        ])
    }
}
