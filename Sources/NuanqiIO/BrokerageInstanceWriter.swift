// Writes a BrokerageInstance as `nuanqi.broker/1` JSON (what BrokerageInstanceReader reads):
// tonnes, yuan and ratios as exact decimal strings.

import Brokerage
import NuanqiCore

public enum BrokerageInstanceWriter {
    public static func json(_ instance: BrokerageInstance) -> JSONValue {
        func strings(_ values: [String]) -> JSONValue { .array(values.map { .string($0) }) }
        let options = instance.options
        var optionMembers: [(String, JSONValue)] = [
            ("sameWatershedTrades", .bool(options.sameWatershedTrades)), ("sameCityAirTrades", .bool(options.sameCityAirTrades)),
            ("sectorRules", .bool(options.sectorRules)), ("termYears", .integer(options.termYears)),
            ("fixedCostPerTrade", .string(options.fixedCostPerTrade.description)),
        ]
        if let lot = options.minLot { optionMembers.append(("minLotTonnes", .string(lot.description))) }
        optionMembers.append(("maxCounterparties", options.maxCounterparties.map { .integer($0) } ?? .null))
        return .object([
            ("format", .string("nuanqi.broker/1")),
            ("pollutants", .array(instance.pollutants.map { .object([("id", .string($0.id)), ("medium", .string($0.medium.rawValue))]) })),
            ("regions", .array(instance.regions.map {
                .object([("id", .string($0.id)), ("city", .string($0.city)), ("watershed", .string($0.watershed)), ("nonAttainment", strings($0.nonAttainment))])
            })),
            ("watershedGroups", .array(instance.watershedGroups.map(strings))),
            ("links", .array(instance.links.map {
                .object([("from", .string($0.from)), ("to", .string($0.to)), ("pollutants", strings($0.pollutants)),
                         ("ratio", .string($0.ratio.description)), ("feePerTonne", .string($0.feePerTonne.description))])
            })),
            ("sellers", .array(instance.sellers.map { seller in
                .object([("id", .string(seller.id)), ("name", .string(seller.name)), ("region", .string(seller.region)),
                         ("kind", .string(seller.kind.rawValue)), ("sector", .string(seller.sector.rawValue)),
                         ("offers", .array(seller.offers.map {
                             .object([("pollutant", .string($0.pollutant)), ("tonnes", .string($0.tonnage.description)), ("askPerTonne", .string($0.ask.description))])
                         }))])
            })),
            ("buyers", .array(instance.buyers.map { buyer in
                .object([("id", .string(buyer.id)), ("name", .string(buyer.name)), ("region", .string(buyer.region)),
                         ("sector", .string(buyer.sector.rawValue)),
                         ("demands", .array(buyer.demands.map { demand in
                             var fields: [(String, JSONValue)] = [("pollutant", .string(demand.pollutant)), ("tonnes", .string(demand.tonnage.description))]
                             if let cap = demand.maxPrice { fields.append(("maxPerTonne", .string(cap.description))) }
                             fields.append(("priority", .integer(demand.priority)))
                             return .object(fields)
                         }))])
            })),
            ("options", .object(optionMembers)),
        ])
    }
}
