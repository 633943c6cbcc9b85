// A BrokerageInstance checked by TradeRules and compiled for the solvers.
//
// Which (offer, demand) pairs may trade is never listed pair by pair at province scale (10,000
// sellers × 10,000 buyers give about 10^7 allowed pairs). Rules 1–3 depend only on the
// regions, the pollutant and the seller's class (reserve or sector), and rule 4 (the price cap)
// lets a demand take exactly the cheapest offers of each such group. So offers are grouped into
// ladders — one per (pollutant, seller region, seller class), cheapest ask first — and each
// demand keeps one exit per ladder it may use: the route's ratio and fee and how many rungs
// (cheapest offers) its cap admits, found by binary search. The allowed pairs are exactly the
// rungs below each exit; `allowedPairs()` lists them for the LP/MIP and for tests.
// Building costs O(offers log offers + demands × ladders × log rungs).

import NuanqiCore

public struct OfferReference: Sendable, Equatable {
    public var seller: Int
    public var offer: Int
}

public struct DemandReference: Sendable, Equatable {
    public var buyer: Int
    public var demand: Int
}

/// Offers of one pollutant in one region from one seller class, cheapest ask first (ties by
/// offer index).
public struct PermitLadder: Sendable, Equatable {
    public var pollutant: Int
    public var region: Int
    public var sellerClass: SellerClass
    /// Model offer indices.
    public var offers: [Int]
    /// Their asks, fen per tonne-year, ascending.
    public var asks: [Int64]
}

/// A demand's access to a ladder: it may take the first `rungs` offers on the route's terms.
public struct LadderExit: Sendable, Equatable {
    public var ladder: Int
    public var rungs: Int
    public var route: Route
}

/// An allowed trade: an offer, a demand, and the terms DESIGN's rules give them.
public struct TradeOption: Sendable, Equatable {
    public var offer: Int
    public var demand: Int
    public var terms: TradeTerms

    public init(offer: Int, demand: Int, terms: TradeTerms) {
        self.offer = offer; self.demand = demand; self.terms = terms
    }
}

/// Every allowed pair listed, for the LP/MIP over trade quantities.
public struct AllowedPairs: Sendable {
    /// Sorted by (demand, offer).
    public var options: [TradeOption]
    /// Indices into `options` of each offer's and each demand's pairs, ascending.
    public var optionsOfOffer: [[Int]]
    public var optionsOfDemand: [[Int]]
}

public struct BrokerageModel: Sendable {
    public let instance: BrokerageInstance
    public let rules: TradeRules
    public let offers: [OfferReference]
    public let demands: [DemandReference]
    public let ladders: [PermitLadder]
    /// Each offer's ladder and its position (rung) on it.
    public let ladderOfOffer: [Int]
    public let rungOfOffer: [Int]
    /// Each demand's exits with at least one rung, by ladder index.
    public let exitsOfDemand: [[LadderExit]]
    /// The number of allowed (offer, demand) pairs.
    public let pairCount: Int

    /// `observer` hears how long validation (the rules' cross-checks) and building took.
    public init(_ instance: BrokerageInstance, observer: PhaseObserver? = nil) throws(InputError) {
        self.instance = instance
        let rules = try observe("validate", by: observer) { () throws(InputError) in try TradeRules(instance) }
        self.rules = rules
        let start = ContinuousClock.now
        let offers = instance.sellers.indices.flatMap { seller in instance.sellers[seller].offers.indices.map { OfferReference(seller: seller, offer: $0) } }
        self.offers = offers
        let demands = instance.buyers.indices.flatMap { buyer in instance.buyers[buyer].demands.indices.map { DemandReference(buyer: buyer, demand: $0) } }
        self.demands = demands

        struct LadderKey: Hashable { var pollutant: Int, region: Int, sellerClass: SellerClass }
        var grouped: [LadderKey: [Int]] = [:]
        for (index, reference) in offers.enumerated() {
            let seller = instance.sellers[reference.seller]
            let key = LadderKey(pollutant: rules.pollutantIndex[seller.offers[reference.offer].pollutant]!,
                                region: rules.regionIndex[seller.region]!, sellerClass: SellerClass(seller))
            grouped[key, default: []].append(index)
        }
        let keys = grouped.keys.sorted { ($0.pollutant, $0.region) < ($1.pollutant, $1.region) || (($0.pollutant, $0.region) == ($1.pollutant, $1.region) && $0.sellerClass < $1.sellerClass) }
        var ladders: [PermitLadder] = []
        var ladderOfOffer = [Int](repeating: 0, count: offers.count), rungOfOffer = [Int](repeating: 0, count: offers.count)
        let ask = { (index: Int) -> Int64 in instance.sellers[offers[index].seller].offers[offers[index].offer].ask.fen }
        for key in keys {
            let members = grouped[key]!.map { (ask: ask($0), offer: $0) }.sorted { ($0.ask, $0.offer) < ($1.ask, $1.offer) }
            for (rung, member) in members.enumerated() {
                ladderOfOffer[member.offer] = ladders.count
                rungOfOffer[member.offer] = rung
            }
            ladders.append(PermitLadder(pollutant: key.pollutant, region: key.region, sellerClass: key.sellerClass,
                                        offers: members.map(\.offer), asks: members.map(\.ask)))
        }
        self.ladders = ladders
        self.ladderOfOffer = ladderOfOffer
        self.rungOfOffer = rungOfOffer

        // Ladders by (pollutant, region), so each route is judged once per demand.
        var laddersOfPollutantRegion: [[[Int]]] = instance.pollutants.map { _ in instance.regions.map { _ in [] } }
        for (index, ladder) in ladders.enumerated() { laddersOfPollutantRegion[ladder.pollutant][ladder.region].append(index) }
        var routes: [Int: Result<Route, TradeRefusal>] = [:]
        var exitsOfDemand: [[LadderExit]] = []
        exitsOfDemand.reserveCapacity(demands.count)
        var pairCount = 0
        for reference in demands {
            let buyer = instance.buyers[reference.buyer], demand = buyer.demands[reference.demand]
            let pollutant = rules.pollutantIndex[demand.pollutant]!, buyerRegion = rules.regionIndex[buyer.region]!
            let medium = instance.pollutants[pollutant].medium
            var exits: [LadderExit] = []
            for (sellerRegion, regionLadders) in laddersOfPollutantRegion[pollutant].enumerated() where !regionLadders.isEmpty {
                let key = (pollutant * instance.regions.count + sellerRegion) * instance.regions.count + buyerRegion
                let judged = routes[key] ?? rules.route(from: sellerRegion, to: buyerRegion, pollutant: pollutant)
                routes[key] = judged
                guard case let .success(route) = judged else { continue }
                let highest = demand.maxPrice.flatMap { route.highestAsk(under: $0) }
                for index in regionLadders where rules.sectorRefusal(seller: ladders[index].sellerClass, buyer: buyer.sector, medium: medium) == nil {
                    let asks = ladders[index].asks
                    let rungs = highest.map { limit in Self.countNotAbove(limit, in: asks) } ?? asks.count
                    if rungs > 0 {
                        exits.append(LadderExit(ladder: index, rungs: rungs, route: route))
                        pairCount += rungs
                    }
                }
            }
            exitsOfDemand.append(exits)
        }
        self.exitsOfDemand = exitsOfDemand
        self.pairCount = pairCount
        if let observer {
            let elapsed = ContinuousClock.now - start
            observer("build model", Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18)
        }
    }

    /// How many of the ascending `values` are ≤ `limit`.
    static func countNotAbove(_ limit: Int64, in values: [Int64]) -> Int {
        var low = 0, high = values.count
        while low < high {
            let middle = (low + high) / 2
            if values[middle] <= limit { low = middle + 1 } else { high = middle }
        }
        return low
    }

    public func offer(_ index: Int) -> Offer { instance.sellers[offers[index].seller].offers[offers[index].offer] }
    public func demand(_ index: Int) -> Demand { instance.buyers[demands[index].buyer].demands[demands[index].demand] }

    /// The terms of an allowed pair, given the exit it goes through.
    public func terms(offer index: Int, through exit: LadderExit) -> TradeTerms {
        TradeTerms(scope: exit.route.scope, ratio: exit.route.ratio, fee: exit.route.fee,
                   effectivePrice: TradeArithmetic.perTonneYear(ask: offer(index).ask, ratio: exit.route.ratio, fee: exit.route.fee))
    }

    /// Every allowed pair with its terms; O(pairCount).
    public func allowedPairs() -> AllowedPairs {
        var options: [TradeOption] = []
        options.reserveCapacity(pairCount)
        var ofOffer = [[Int]](repeating: [], count: offers.count)
        var ofDemand = [[Int]](repeating: [], count: demands.count)
        for (demand, exits) in exitsOfDemand.enumerated() {
            let pairs = exits.flatMap { exit in ladders[exit.ladder].offers.prefix(exit.rungs).map { (offer: $0, exit: exit) } }
                .sorted { $0.offer < $1.offer }
            for pair in pairs {
                ofOffer[pair.offer].append(options.count)
                ofDemand[demand].append(options.count)
                options.append(TradeOption(offer: pair.offer, demand: demand, terms: terms(offer: pair.offer, through: pair.exit)))
            }
        }
        return AllowedPairs(options: options, optionsOfOffer: ofOffer, optionsOfDemand: ofDemand)
    }

    /// Ratio 1 everywhere and no fixed costs, lots or counterparty caps: a transportation
    /// problem, solved exactly as a min-cost flow.
    public var isPureTransportation: Bool {
        !hasIntegerFeatures && exitsOfDemand.allSatisfy { $0.allSatisfy { $0.route.ratio == .one } }
    }

    /// Fixed costs per trade, minimum lots or counterparty caps: the options that need binaries.
    public var hasIntegerFeatures: Bool {
        let choices = instance.options
        return choices.fixedCostPerTrade.fen > 0 || choices.minLot != nil || choices.maxCounterparties != nil
    }
}
