// Independent check of a brokerage solution before it is written: every trade re-judged by
// the rules from the records, sellers never give more than they offer (counting ⌈ratio × grams⌉),
// buyers never receive more than they demand, lots and counterparty caps hold; met grams,
// weighted met grams and the total cost are recomputed with DESIGN's rounding.

import NuanqiCore

public struct BrokerageVerification: Sendable, Equatable {
    public var feasible: Bool
    public var metGrams: Int64
    public var weightedMetGrams: Int64
    public var totalCost: Money
    public var problems: [String]
}

public enum BrokerageVerifier {
    public static func verify(_ solution: BrokerageSolution, of model: BrokerageModel) -> BrokerageVerification {
        var problems: [String] = []
        var given = [Int64](repeating: 0, count: model.offers.count)
        var received = [Int64](repeating: 0, count: model.demands.count)
        var counterparties = [Set<Int>](repeating: [], count: model.demands.count)
        var met: Int64 = 0, weighted: Int64 = 0, cost: Int64 = 0
        let options = model.instance.options
        for trade in solution.trades {
            guard model.offers.indices.contains(trade.offer), model.demands.indices.contains(trade.demand), trade.grams > 0 else {
                problems.append("trade \(trade.offer) → \(trade.demand) names no offer or demand, or has no grams"); continue
            }
            let offerReference = model.offers[trade.offer], demandReference = model.demands[trade.demand]
            let seller = model.instance.sellers[offerReference.seller], buyer = model.instance.buyers[demandReference.buyer]
            let offer = seller.offers[offerReference.offer], demand = buyer.demands[demandReference.demand]
            guard case let .success(terms) = model.rules.terms(seller: seller, offer: offer, buyer: buyer, demand: demand),
                  offer.pollutant == demand.pollutant else {
                problems.append("\(seller.id) → \(buyer.id) \(offer.pollutant) is not allowed"); continue
            }
            if terms != trade.terms {
                problems.append("\(seller.id) → \(buyer.id) \(offer.pollutant) carries terms \(trade.terms), the rules give \(terms)")
            }
            let grams = Tonnage(grams: trade.grams)
            let sellerGrams = TradeArithmetic.sellerGrams(received: grams, ratio: terms.ratio)
            given[trade.offer] += sellerGrams.grams
            received[trade.demand] += trade.grams
            counterparties[trade.demand].insert(offerReference.seller)
            if let lot = options.minLot, trade.grams < lot.grams {
                problems.append("\(seller.id) → \(buyer.id) trades \(grams) t, below the minimum lot \(lot) t")
            }
            met += trade.grams
            weighted += Int64(demand.priority) * trade.grams
            cost += TradeArithmetic.amount(ask: offer.ask, sellerGrams: sellerGrams, fee: terms.fee, received: grams, termYears: options.termYears).fen
            cost += options.fixedCostPerTrade.fen
        }
        for index in model.offers.indices where given[index] > model.offer(index).tonnage.grams {
            let seller = model.instance.sellers[model.offers[index].seller]
            problems.append("\(seller.id) gives \(Tonnage(grams: given[index])) t of \(model.offer(index).pollutant), more than its offer \(model.offer(index).tonnage) t")
        }
        for index in model.demands.indices {
            let buyer = model.instance.buyers[model.demands[index].buyer]
            if received[index] > model.demand(index).tonnage.grams {
                problems.append("\(buyer.id) receives \(Tonnage(grams: received[index])) t of \(model.demand(index).pollutant), more than it demands")
            }
            if let cap = options.maxCounterparties, counterparties[index].count > cap {
                problems.append("\(buyer.id) trades \(model.demand(index).pollutant) with \(counterparties[index].count) sellers, more than \(cap)")
            }
        }
        if weighted != solution.weightedMetGrams {
            problems.append("reported weighted met \(solution.weightedMetGrams), recomputed \(weighted)")
        }
        return BrokerageVerification(feasible: problems.isEmpty, metGrams: met, weightedMetGrams: weighted,
                                     totalCost: Money(fen: cost), problems: problems)
    }
}
