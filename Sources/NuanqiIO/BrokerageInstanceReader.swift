// Reads the `nuanqi.broker/1` JSON format (DESIGN "Formats, version 1") into a
// BrokerageInstance. Tonnes (up to 6 decimals), yuan (up to 2) and ratios (up to 4) may be JSON
// numbers or decimal strings and are read from their text, never through a binary double.
// Cross-references are checked by Brokerage.TradeRules; this reader checks types and formats.

import Brokerage
import Foundation
import NuanqiCore

public struct BrokerageInput: Sendable {
    public var instance: BrokerageInstance
    public var warnings: [String]
}

public enum BrokerageInstanceReader {
    /// A `nuanqi.broker/1` JSON file, or a folder of CSV files (BrokerageFolderReader).
    public static func read(path: String) throws(InputError) -> BrokerageInput {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            return try BrokerageFolderReader.read(folder: path)
        }
        return try parse(FileContents.bytes(of: path), file: path)
    }

    static let optionKeys: Set<String> = ["sameWatershedTrades", "sameCityAirTrades", "sectorRules", "termYears", "fixedCostPerTrade", "minLotTonnes", "maxCounterparties"]

    static func readOptions(_ item: JSONFields) throws(InputError) -> BrokerageOptions {
        var options = BrokerageOptions()
        options.sameWatershedTrades = try item.bool("sameWatershedTrades", default: true)
        options.sameCityAirTrades = try item.bool("sameCityAirTrades", default: true)
        options.sectorRules = try item.bool("sectorRules", default: true)
        options.termYears = try item.integer("termYears") ?? 5
        guard options.termYears >= 1 else { throw item.error("termYears", "\(options.termYears) must be at least 1", at: item.member("termYears")) }
        options.fixedCostPerTrade = Money(fen: try item.decimal("fixedCostPerTrade", decimals: 2) ?? 0)
        guard options.fixedCostPerTrade.fen >= 0 else { throw item.error("fixedCostPerTrade", "is negative", at: item.member("fixedCostPerTrade")) }
        if let lot = try item.decimal("minLotTonnes", decimals: 6) {
            guard lot >= 0 else { throw item.error("minLotTonnes", "is negative", at: item.member("minLotTonnes")) }
            options.minLot = Tonnage(grams: lot)
        }
        options.maxCounterparties = try item.integer("maxCounterparties")
        if let cap = options.maxCounterparties, cap < 1 {
            throw item.error("maxCounterparties", "\(cap) must be at least 1", at: item.member("maxCounterparties"))
        }
        return options
    }

    /// options.json of the folder form: the options object, plus "watershedGroups".
    static func parseOptions(_ bytes: [UInt8], file: String) throws(InputError) -> (options: BrokerageOptions, watershedGroups: [[String]], warnings: [String]) {
        let document = try JSONFields.document(bytes, file: file, format: "nuanqi.broker/1", known: ["options"])
        guard let node = document.member("options") else { return (BrokerageOptions(), [], []) }
        let item = try JSONFields(node, path: "options", known: optionKeys.union(["watershedGroups"]))
        let groups = try item.list("watershedGroups").enumerated().map { index, group throws(InputError) -> [String] in
            guard let elements = group.elements, elements.allSatisfy({ $0.string != nil }) else {
                throw InputError.invalidValue(file: file, line: group.line, field: "options.watershedGroups[\(index)]", reason: "must be a list of watershed names")
            }
            return elements.map { $0.string! }
        }
        return (try readOptions(item), groups, item.unknownKeyWarnings)
    }

    public static func parse(_ bytes: [UInt8], file: String) throws(InputError) -> BrokerageInput {
        let document = try JSONFields.document(bytes, file: file, format: "nuanqi.broker/1", known: ["pollutants", "regions", "watershedGroups", "links", "sellers", "buyers", "options"])
        var warnings: [String] = []
        func fields(_ node: JSONValueReference, _ path: String, _ known: Set<String>) throws(InputError) -> JSONFields {
            let fields = try JSONFields(node, path: path, known: known)
            warnings += fields.unknownKeyWarnings
            return fields
        }
        func choice<Value: RawRepresentable & CaseIterable>(_ fields: JSONFields, _ key: String, default fallback: Value) throws(InputError) -> Value
        where Value.RawValue == String {
            guard let node = fields.member(key) else { return fallback }
            guard let text = node.string, let value = Value(rawValue: text) else {
                throw fields.error(key, "must be one of \(Value.allCases.map(\.rawValue).joined(separator: ", "))", at: node)
            }
            return value
        }
        func tonnage(_ fields: JSONFields, _ key: String) throws(InputError) -> Tonnage {
            guard let grams = try fields.decimal(key, decimals: 6) else { throw fields.error(key, "is required") }
            return Tonnage(grams: grams)
        }

        let pollutants = try document.list("pollutants").enumerated().map { index, node throws(InputError) in
            let item = try fields(node, "pollutants[\(index)]", ["id", "medium"])
            return Pollutant(id: try item.requiredString("id"), medium: try choice(item, "medium", default: Medium.water), line: node.line)
        }
        let regions = try document.list("regions").enumerated().map { index, node throws(InputError) in
            let item = try fields(node, "regions[\(index)]", ["id", "city", "watershed", "nonAttainment"])
            return Region(id: try item.requiredString("id"), city: try item.string("city"), watershed: try item.string("watershed"),
                          nonAttainment: try item.stringList("nonAttainment") ?? [], line: node.line)
        }
        let groups = try document.list("watershedGroups").enumerated().map { index, node throws(InputError) -> [String] in
            guard let elements = node.elements, elements.allSatisfy({ $0.string != nil }) else {
                throw InputError.invalidValue(file: file, line: node.line, field: "watershedGroups[\(index)]", reason: "must be a list of watershed names")
            }
            return elements.map { $0.string! }
        }
        let links = try document.list("links").enumerated().map { index, node throws(InputError) in
            let item = try fields(node, "links[\(index)]", ["from", "to", "pollutants", "ratio", "feePerTonne"])
            return Link(from: try item.requiredString("from"), to: try item.requiredString("to"),
                        pollutants: try item.stringList("pollutants") ?? [],
                        ratio: SubstitutionRatio(tenThousandths: try item.decimal("ratio", decimals: 4) ?? 10_000),
                        feePerTonne: Money(fen: try item.decimal("feePerTonne", decimals: 2) ?? 0), line: node.line)
        }
        let sellers = try document.list("sellers").enumerated().map { index, node throws(InputError) in
            let item = try fields(node, "sellers[\(index)]", ["id", "name", "region", "kind", "sector", "offers"])
            let offers = try item.list("offers").enumerated().map { offerIndex, offerNode throws(InputError) in
                let offer = try fields(offerNode, "sellers[\(index)].offers[\(offerIndex)]", ["pollutant", "tonnes", "askPerTonne"])
                guard let ask = try offer.decimal("askPerTonne", decimals: 2) else { throw offer.error("askPerTonne", "is required") }
                return Offer(pollutant: try offer.requiredString("pollutant"), tonnage: try tonnage(offer, "tonnes"), ask: Money(fen: ask), line: offerNode.line)
            }
            return Seller(id: try item.requiredString("id"), name: try item.string("name"), region: try item.requiredString("region"),
                          kind: try choice(item, "kind", default: SellerKind.enterprise), sector: try choice(item, "sector", default: Sector.industry),
                          offers: offers, line: node.line)
        }
        let buyers = try document.list("buyers").enumerated().map { index, node throws(InputError) in
            let item = try fields(node, "buyers[\(index)]", ["id", "name", "region", "sector", "demands"])
            let demands = try item.list("demands").enumerated().map { demandIndex, demandNode throws(InputError) in
                let demand = try fields(demandNode, "buyers[\(index)].demands[\(demandIndex)]", ["pollutant", "tonnes", "maxPerTonne", "priority"])
                return Demand(pollutant: try demand.requiredString("pollutant"), tonnage: try tonnage(demand, "tonnes"),
                              maxPrice: try demand.decimal("maxPerTonne", decimals: 2).map { Money(fen: $0) },
                              priority: try demand.integer("priority") ?? 1, line: demandNode.line)
            }
            return Buyer(id: try item.requiredString("id"), name: try item.string("name"), region: try item.requiredString("region"),
                         sector: try choice(item, "sector", default: Sector.industry), demands: demands, line: node.line)
        }
        var options = BrokerageOptions()
        if let node = document.member("options") {
            let item = try fields(node, "options", optionKeys)
            options = try readOptions(item)
        }
        let instance = BrokerageInstance(pollutants: pollutants, regions: regions, watershedGroups: groups, links: links,
                                         sellers: sellers, buyers: buyers, options: options, file: file)
        return BrokerageInput(instance: instance, warnings: warnings)
    }
}
