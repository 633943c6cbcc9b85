// Allowed pairs by brute force: every offer against every demand of the same pollutant, judged
// one by one by TradeRules — the reference the ladder-and-exit model must reproduce.

import Brokerage
import NuanqiCore

public enum RuleOracle {
    public static func allowedPairs(_ model: BrokerageModel) -> [TradeOption] {
        var result: [TradeOption] = []
        for (demandIndex, demandReference) in model.demands.enumerated() {
            let buyer = model.instance.buyers[demandReference.buyer], demand = buyer.demands[demandReference.demand]
            for (offerIndex, offerReference) in model.offers.enumerated() {
                let seller = model.instance.sellers[offerReference.seller], offer = seller.offers[offerReference.offer]
                guard offer.pollutant == demand.pollutant,
                      case let .success(terms) = model.rules.terms(seller: seller, offer: offer, buyer: buyer, demand: demand) else { continue }
                result.append(TradeOption(offer: offerIndex, demand: demandIndex, terms: terms))
            }
        }
        return result
    }
}

extension RandomMarkets {
    /// A generated Zhejiang market of a few dozen sellers and buyers (many offers per ladder,
    /// caps cutting ladders at every height), with every link's ratio set to 1 when `pure`.
    public static func zhejiang(seed: UInt64, pure: Bool) -> BrokerageInstance {
        var random = SeededGenerator(seed: seed)
        var market = BrokerageInstanceGenerator.instance(sellers: Int.random(in: 5 ... 60, using: &random), buyers: Int.random(in: 5 ... 60, using: &random),
                                                         regions: Int.random(in: 1 ... 24, using: &random), seed: seed)
        if pure { for index in market.links.indices { market.links[index].ratio = .one } }
        return market
    }
}
