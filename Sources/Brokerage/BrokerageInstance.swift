// The point-to-point pollution-permit market (排污权"点对点"交易): regions, approved links,
// sellers' offers and buyers' demands, all in exact units (Tonnage grams, Money fen).
// Which trades are allowed is decided in TradeRules.

import NuanqiCore

public enum Medium: String, Sendable, CaseIterable {
    case water
    case air
}

public enum Sector: String, Sendable, CaseIterable {
    case industry
    case thermalPower = "thermal-power"
    case agriculture
    case other
}

public enum SellerKind: String, Sendable, CaseIterable {
    case enterprise
    /// A government reserve: exempt from the sector rules.
    case reserve
}

public struct Pollutant: Sendable, Equatable {
    public var id: String
    public var medium: Medium
    public var line: Int

    public init(id: String, medium: Medium, line: Int = 0) {
        self.id = id; self.medium = medium; self.line = line
    }
}

public struct Region: Sendable, Equatable {
    public var id: String
    public var city: String
    public var watershed: String
    /// Pollutants for which the region misses its quality target: no imports of those.
    public var nonAttainment: [String]
    public var line: Int

    public init(id: String, city: String, watershed: String, nonAttainment: [String] = [], line: Int = 0) {
        self.id = id; self.city = city; self.watershed = watershed; self.nonAttainment = nonAttainment; self.line = line
    }
}

/// An approval for trades from one region to another: the seller gives ratio × what the buyer
/// receives, and the buyer pays a fee per tonne-year received.
public struct Link: Sendable, Equatable {
    public var from: String
    public var to: String
    public var pollutants: [String]
    public var ratio: SubstitutionRatio
    public var feePerTonne: Money
    public var line: Int

    public init(from: String, to: String, pollutants: [String], ratio: SubstitutionRatio = .one, feePerTonne: Money = Money(fen: 0), line: Int = 0) {
        self.from = from; self.to = to; self.pollutants = pollutants; self.ratio = ratio; self.feePerTonne = feePerTonne; self.line = line
    }
}

public struct Offer: Sendable, Equatable {
    public var pollutant: String
    public var tonnage: Tonnage
    /// Ask in fen per tonne-year.
    public var ask: Money
    public var line: Int

    public init(pollutant: String, tonnage: Tonnage, ask: Money, line: Int = 0) {
        self.pollutant = pollutant; self.tonnage = tonnage; self.ask = ask; self.line = line
    }
}

public struct Seller: Sendable, Equatable {
    public var id: String
    public var name: String
    public var region: String
    public var kind: SellerKind
    public var sector: Sector
    public var offers: [Offer]
    public var line: Int

    public init(id: String, name: String = "", region: String, kind: SellerKind = .enterprise, sector: Sector = .industry,
                offers: [Offer], line: Int = 0) {
        self.id = id; self.name = name; self.region = region; self.kind = kind; self.sector = sector; self.offers = offers; self.line = line
    }
}

public struct Demand: Sendable, Equatable {
    public var pollutant: String
    public var tonnage: Tonnage
    /// The most the buyer pays per tonne-year received (nil: no cap).
    public var maxPrice: Money?
    /// ≥ 1; larger is more urgent (key projects).
    public var priority: Int
    public var line: Int

    public init(pollutant: String, tonnage: Tonnage, maxPrice: Money? = nil, priority: Int = 1, line: Int = 0) {
        self.pollutant = pollutant; self.tonnage = tonnage; self.maxPrice = maxPrice; self.priority = priority; self.line = line
    }
}

public struct Buyer: Sendable, Equatable {
    public var id: String
    public var name: String
    public var region: String
    public var sector: Sector
    public var demands: [Demand]
    public var line: Int

    public init(id: String, name: String = "", region: String, sector: Sector = .industry, demands: [Demand], line: Int = 0) {
        self.id = id; self.name = name; self.region = region; self.sector = sector; self.demands = demands; self.line = line
    }
}

public struct BrokerageOptions: Sendable, Equatable {
    public var sameWatershedTrades = true
    public var sameCityAirTrades = true
    public var sectorRules = true
    public var termYears = 5
    public var fixedCostPerTrade = Money(fen: 0)
    public var minLot: Tonnage?
    public var maxCounterparties: Int?

    public init() {}
}

public struct BrokerageInstance: Sendable {
    public var pollutants: [Pollutant]
    public var regions: [Region]
    public var watershedGroups: [[String]]
    public var links: [Link]
    public var sellers: [Seller]
    public var buyers: [Buyer]
    public var options: BrokerageOptions
    /// The file the instance came from, for error messages.
    public var file: String
    /// For the CSV folder form: the file each collection ("regions", "links", "sellers",
    /// "buyers", "pollutants", "watershedGroups") came from.
    public var sources: [String: String] = [:]

    public func file(of collection: String) -> String { sources[collection] ?? file }

    public init(pollutants: [Pollutant], regions: [Region], watershedGroups: [[String]] = [], links: [Link] = [],
                sellers: [Seller], buyers: [Buyer], options: BrokerageOptions = BrokerageOptions(), file: String = "") {
        self.pollutants = pollutants; self.regions = regions; self.watershedGroups = watershedGroups; self.links = links
        self.sellers = sellers; self.buyers = buyers; self.options = options; self.file = file
    }
}
