// Which trades are allowed (DESIGN "Which trades are allowed"), for a seller's offer and a
// buyer's demand of the same pollutant, checked in DESIGN's order:
// 1. scope — the first that applies gives the terms: same region (ratio 1, fee 0); an approved
//    link from the seller's region to the buyer's listing the pollutant (its ratio and fee);
//    a water pollutant within one watershed or watershed group; an air pollutant within one
//    city; otherwise refused;
// 2. no import into a region that misses its quality target for the pollutant;
// 3. sector rules (government reserves exempt): for air pollutants thermal power trades only
//    with thermal power; agriculture never trades with industry or thermal power;
// 4. the buyer's price cap on ask × ratio + fee, compared exactly (no rounding).
// Building the rules validates the instance's cross-references; mistakes are InputErrors that
// name the file, the line of the record and the field.

import NuanqiCore

public enum TradeScope: String, Sendable {
    case sameRegion = "same region"
    case link = "approved link"
    case watershed = "same watershed"
    case city = "same city"
}

public struct TradeTerms: Sendable, Equatable {
    public var scope: TradeScope
    public var ratio: SubstitutionRatio
    public var fee: Money
    /// ask × ratio + fee per tonne-year received, rounded half up to the fen.
    public var effectivePrice: Money
}

/// What rules 1 and 2 give a (seller region, buyer region, pollutant): the scope that applies
/// and the link's ratio and fee (1 and 0 without a link).
public struct Route: Sendable, Equatable {
    public var scope: TradeScope
    public var ratio: SubstitutionRatio
    public var fee: Money

    /// The highest ask, in fen per tonne-year, that keeps ask × ratio + fee within `cap`
    /// (rule 4, exact: ask × ratio + fee ≤ cap ⇔ ask ≤ ⌊(cap − fee) / ratio⌋ over integers);
    /// nil when the cap is so large that no ask can break it.
    public func highestAsk(under cap: Money) -> Int64? {
        let (scaledCap, capOverflow) = cap.fen.multipliedReportingOverflow(by: 10_000)
        let (scaledFee, feeOverflow) = fee.fen.multipliedReportingOverflow(by: 10_000)
        guard !capOverflow, !feeOverflow else { return nil }
        let room = scaledCap - scaledFee
        // Floor division, so a fee above the cap leaves no ask (not even zero).
        return room >= 0 ? room / ratio.tenThousandths : -1
    }
}

/// The part of a seller the sector rules look at: a government reserve (exempt) or an
/// enterprise's sector.
public enum SellerClass: Sendable, Hashable, Comparable {
    case reserve
    case enterprise(Sector)

    public init(_ seller: Seller) {
        self = seller.kind == .reserve ? .reserve : .enterprise(seller.sector)
    }

    public static func < (left: SellerClass, right: SellerClass) -> Bool { left.order < right.order }

    private var order: Int {
        switch self {
        case .reserve: -1
        case let .enterprise(sector): Sector.allCases.firstIndex(of: sector)!
        }
    }
}

public enum TradeRefusal: Error, Sendable, Equatable, CustomStringConvertible {
    case outOfScope(sellerRegion: String, buyerRegion: String, pollutant: String)
    case nonAttainment(region: String, pollutant: String)
    case thermalPowerOnly
    case agricultureWithIndustry
    case priceCap(effective: Money, cap: Money)

    public var description: String {
        switch self {
        case let .outOfScope(seller, buyer, pollutant): "no approved link, shared watershed or city lets \(pollutant) go from \(seller) to \(buyer)"
        case let .nonAttainment(region, pollutant): "\(region) misses its quality target for \(pollutant) and may not import it"
        case .thermalPowerOnly: "thermal power trades air pollutants only with thermal power"
        case .agricultureWithIndustry: "agriculture does not trade with industry or thermal power"
        case let .priceCap(effective, cap): "effective price \(effective) yuan per tonne-year is above the cap \(cap)"
        }
    }
}

public struct TradeRules: Sendable {
    public let instance: BrokerageInstance
    public let regionIndex: [String: Int]
    public let pollutantIndex: [String: Int]
    private let groupOfWatershed: [String: Int]
    private let linkTerms: [String: Link]

    public init(_ instance: BrokerageInstance) throws(InputError) {
        self.instance = instance
        func index(_ ids: [(String, Int)], what: String) throws(InputError) -> [String: Int] {
            let file = instance.file(of: what)
            var result: [String: Int] = [:]
            for (position, (id, line)) in ids.enumerated() {
                guard !id.isEmpty else { throw .invalidValue(file: file, line: line, field: "\(what)[\(position)].id", reason: "is empty") }
                if let first = result[id] {
                    throw .invalidValue(file: file, line: line, field: "\(what)[\(position)].id", reason: "\"\(id)\" is used twice (first on line \(ids[first].1))")
                }
                result[id] = position
            }
            return result
        }
        pollutantIndex = try index(instance.pollutants.map { ($0.id, $0.line) }, what: "pollutants")
        regionIndex = try index(instance.regions.map { ($0.id, $0.line) }, what: "regions")
        _ = try index(instance.sellers.map { ($0.id, $0.line) }, what: "sellers")
        _ = try index(instance.buyers.map { ($0.id, $0.line) }, what: "buyers")
        let pollutants = pollutantIndex, regions = regionIndex

        func known(_ id: String, in index: [String: Int], kind: String, line: Int, field: String) throws(InputError) {
            guard index[id] != nil else {
                throw .invalidValue(file: instance.file(of: String(field.prefix { $0 != "[" })), line: line, field: field, reason: "unknown \(kind) \"\(id)\"")
            }
        }
        for (position, region) in instance.regions.enumerated() {
            for pollutant in region.nonAttainment {
                try known(pollutant, in: pollutants, kind: "pollutant", line: region.line, field: "regions[\(position)].nonAttainment")
            }
        }
        var groups: [String: Int] = [:]
        for (group, watersheds) in instance.watershedGroups.enumerated() {
            for watershed in watersheds {
                if let other = groups[watershed], other != group {
                    throw .invalidValue(file: instance.file(of: "watershedGroups"), line: 1, field: "watershedGroups[\(group)]",
                                        reason: "watershed \"\(watershed)\" is already in watershedGroups[\(other)]")
                }
                groups[watershed] = group
            }
        }
        groupOfWatershed = groups
        var links: [String: Link] = [:]
        for (position, link) in instance.links.enumerated() {
            let field = "links[\(position)]"
            try known(link.from, in: regions, kind: "region", line: link.line, field: field + ".from")
            try known(link.to, in: regions, kind: "region", line: link.line, field: field + ".to")
            guard link.ratio >= .one else {
                throw .invalidValue(file: instance.file(of: "links"), line: link.line, field: field + ".ratio", reason: "\(link.ratio) is below 1 (the seller gives at least what the buyer receives)")
            }
            guard link.feePerTonne.fen >= 0 else { throw .invalidValue(file: instance.file(of: "links"), line: link.line, field: field + ".feePerTonne", reason: "is negative") }
            for pollutant in link.pollutants {
                try known(pollutant, in: pollutants, kind: "pollutant", line: link.line, field: field + ".pollutants")
                let key = Self.linkKey(link.from, link.to, pollutant)
                if let first = links[key] {
                    throw .invalidValue(file: instance.file(of: "links"), line: link.line, field: field + ".pollutants",
                                        reason: "a link \(link.from) → \(link.to) for \(pollutant) is already approved on line \(first.line)")
                }
                links[key] = link
            }
        }
        linkTerms = links
        for (position, seller) in instance.sellers.enumerated() {
            try known(seller.region, in: regions, kind: "region", line: seller.line, field: "sellers[\(position)].region")
            var offered: [String: Int] = [:]
            for (offerPosition, offer) in seller.offers.enumerated() {
                let field = "sellers[\(position)].offers[\(offerPosition)]"
                try known(offer.pollutant, in: pollutants, kind: "pollutant", line: offer.line, field: field + ".pollutant")
                // A trade is one (seller, buyer, pollutant) line with one ask, so one offer each.
                if let first = offered[offer.pollutant] {
                    throw .invalidValue(file: instance.file(of: "sellers"), line: offer.line, field: field + ".pollutant",
                                        reason: "\(seller.id) already offers \(offer.pollutant) on line \(first)")
                }
                offered[offer.pollutant] = offer.line
                guard offer.tonnage.grams >= 0 else { throw .invalidValue(file: instance.file(of: "sellers"), line: offer.line, field: field + ".tonnes", reason: "is negative") }
                guard offer.ask.fen >= 0 else { throw .invalidValue(file: instance.file(of: "sellers"), line: offer.line, field: field + ".askPerTonne", reason: "is negative") }
            }
        }
        for (position, buyer) in instance.buyers.enumerated() {
            try known(buyer.region, in: regions, kind: "region", line: buyer.line, field: "buyers[\(position)].region")
            var seen: [String: Int] = [:]
            for (demandPosition, demand) in buyer.demands.enumerated() {
                let field = "buyers[\(position)].demands[\(demandPosition)]"
                try known(demand.pollutant, in: pollutants, kind: "pollutant", line: demand.line, field: field + ".pollutant")
                if let first = seen[demand.pollutant] {
                    throw .invalidValue(file: instance.file(of: "buyers"), line: demand.line, field: field + ".pollutant",
                                        reason: "\(buyer.id) already demands \(demand.pollutant) on line \(first)")
                }
                seen[demand.pollutant] = demand.line
                guard demand.tonnage.grams >= 0 else { throw .invalidValue(file: instance.file(of: "buyers"), line: demand.line, field: field + ".tonnes", reason: "is negative") }
                if let cap = demand.maxPrice, cap.fen < 0 {
                    throw .invalidValue(file: instance.file(of: "buyers"), line: demand.line, field: field + ".maxPerTonne", reason: "is negative")
                }
                guard demand.priority >= 1 else {
                    throw .invalidValue(file: instance.file(of: "buyers"), line: demand.line, field: field + ".priority", reason: "\(demand.priority) must be at least 1")
                }
            }
        }
    }

    private static func linkKey(_ from: String, _ to: String, _ pollutant: String) -> String { from + "\u{1F}" + to + "\u{1F}" + pollutant }

    /// The terms of a trade of `offer` (by `seller`) into `demand` (of `buyer`), or why not.
    public func terms(seller: Seller, offer: Offer, buyer: Buyer, demand: Demand) -> Result<TradeTerms, TradeRefusal> {
        let route: Route
        switch self.route(from: regionIndex[seller.region]!, to: regionIndex[buyer.region]!, pollutant: pollutantIndex[offer.pollutant]!) {
        case let .success(allowed): route = allowed
        case let .failure(refusal): return .failure(refusal)
        }
        if let refusal = sectorRefusal(seller: SellerClass(seller), buyer: buyer.sector, medium: instance.pollutants[pollutantIndex[offer.pollutant]!].medium) {
            return .failure(refusal)
        }
        let effective = TradeArithmetic.perTonneYear(ask: offer.ask, ratio: route.ratio, fee: route.fee)
        if let cap = demand.maxPrice, let highest = route.highestAsk(under: cap), offer.ask.fen > highest {
            return .failure(.priceCap(effective: effective, cap: cap))
        }
        return .success(TradeTerms(scope: route.scope, ratio: route.ratio, fee: route.fee, effectivePrice: effective))
    }

    /// Rules 1 and 2, which depend only on the two regions and the pollutant (all indices).
    public func route(from sellerRegion: Int, to buyerRegion: Int, pollutant pollutantPosition: Int) -> Result<Route, TradeRefusal> {
        let options = instance.options
        let pollutant = instance.pollutants[pollutantPosition]
        let from = instance.regions[sellerRegion], to = instance.regions[buyerRegion]
        var route = Route(scope: .sameRegion, ratio: .one, fee: Money(fen: 0))
        if sellerRegion == buyerRegion {
            return .success(route)
        } else if let link = linkTerms[Self.linkKey(from.id, to.id, pollutant.id)] {
            route = Route(scope: .link, ratio: link.ratio, fee: link.feePerTonne)
        } else if pollutant.medium == .water && options.sameWatershedTrades && sameWatershed(from.watershed, to.watershed) {
            route.scope = .watershed
        } else if pollutant.medium == .air && options.sameCityAirTrades && from.city == to.city {
            route.scope = .city
        } else {
            return .failure(.outOfScope(sellerRegion: from.id, buyerRegion: to.id, pollutant: pollutant.id))
        }
        if to.nonAttainment.contains(pollutant.id) {
            return .failure(.nonAttainment(region: to.id, pollutant: pollutant.id))
        }
        return .success(route)
    }

    /// Rule 3, which depends only on the seller's class, the buyer's sector and the medium.
    public func sectorRefusal(seller: SellerClass, buyer: Sector, medium: Medium) -> TradeRefusal? {
        guard instance.options.sectorRules, case let .enterprise(sector) = seller else { return nil }
        if medium == .air && (sector == .thermalPower) != (buyer == .thermalPower) {
            return .thermalPowerOnly
        }
        func industrial(_ sector: Sector) -> Bool { sector == .industry || sector == .thermalPower }
        if (sector == .agriculture && industrial(buyer)) || (buyer == .agriculture && industrial(sector)) {
            return .agricultureWithIndustry
        }
        return nil
    }

    private func sameWatershed(_ a: String, _ b: String) -> Bool {
        if a == b { return true }
        guard let group = groupOfWatershed[a] else { return false }
        return groupOfWatershed[b] == group
    }
}
