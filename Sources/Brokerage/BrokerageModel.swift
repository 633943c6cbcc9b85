// A BrokerageInstance checked by TradeRules and compiled for the solvers: every offer and
// demand numbered, and every allowed (offer, demand) pair of the same pollutant listed with its
// terms. This direct form has one entry per allowed pair, which suits district- and city-size
// markets; it is also the reference the aggregated province-scale network must agree with.

import NuanqiCore

public struct OfferReference: Sendable, Equatable {
    public var seller: Int
    public var offer: Int
}

public struct DemandReference: Sendable, Equatable {
    public var buyer: Int
    public var demand: Int
}

/// An allowed trade: an offer, a demand, and the terms DESIGN's rules give them.
public struct TradeOption: Sendable, Equatable {
    public var offer: Int
    public var demand: Int
    public var terms: TradeTerms
}

public struct BrokerageModel: Sendable {
    public let instance: BrokerageInstance
    public let rules: TradeRules
    public let offers: [OfferReference]
    public let demands: [DemandReference]
    /// Allowed pairs sorted by (demand, offer).
    public let options: [TradeOption]
    /// Indices into `options` of each offer's and each demand's pairs, ascending.
    public let optionsOfOffer: [[Int]]
    public let optionsOfDemand: [[Int]]

    public init(_ instance: BrokerageInstance) throws(InputError) {
        self.instance = instance
        rules = try TradeRules(instance)
        offers = instance.sellers.indices.flatMap { seller in instance.sellers[seller].offers.indices.map { OfferReference(seller: seller, offer: $0) } }
        demands = instance.buyers.indices.flatMap { buyer in instance.buyers[buyer].demands.indices.map { DemandReference(buyer: buyer, demand: $0) } }
        var offersOfPollutant: [String: [Int]] = [:]
        for (index, reference) in offers.enumerated() {
            offersOfPollutant[instance.sellers[reference.seller].offers[reference.offer].pollutant, default: []].append(index)
        }
        var options: [TradeOption] = []
        for (demandIndex, reference) in demands.enumerated() {
            let buyer = instance.buyers[reference.buyer]
            let demand = buyer.demands[reference.demand]
            for offerIndex in offersOfPollutant[demand.pollutant] ?? [] {
                let seller = instance.sellers[offers[offerIndex].seller]
                if case let .success(terms) = rules.terms(seller: seller, offer: seller.offers[offers[offerIndex].offer], buyer: buyer, demand: demand) {
                    options.append(TradeOption(offer: offerIndex, demand: demandIndex, terms: terms))
                }
            }
        }
        self.options = options
        var ofOffer = [[Int]](repeating: [], count: offers.count)
        var ofDemand = [[Int]](repeating: [], count: demands.count)
        for (index, option) in options.enumerated() {
            ofOffer[option.offer].append(index)
            ofDemand[option.demand].append(index)
        }
        optionsOfOffer = ofOffer
        optionsOfDemand = ofDemand
    }

    public func offer(_ index: Int) -> Offer { instance.sellers[offers[index].seller].offers[offers[index].offer] }
    public func demand(_ index: Int) -> Demand { instance.buyers[demands[index].buyer].demands[demands[index].demand] }

    /// Ratio 1 everywhere and no fixed costs, lots or counterparty caps: a transportation
    /// problem, solved exactly as a min-cost flow.
    public var isPureTransportation: Bool {
        let choices = instance.options
        return choices.fixedCostPerTrade.fen == 0 && choices.minLot == nil && choices.maxCounterparties == nil
            && options.allSatisfy { $0.terms.ratio == .one }
    }
}
