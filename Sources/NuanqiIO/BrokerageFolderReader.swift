// The spreadsheet form of `nuanqi.broker/1`: a folder with regions.csv, sellers.csv (one row
// per offer), buyers.csv (one row per demand), and optionally links.csv, pollutants.csv and
// options.json (the JSON format's "options" object, plus "watershedGroups"). Without
// pollutants.csv the four Zhejiang trades apply: COD and NH3-N (water), SO2 and NOx (air).
// Rows of one seller or buyer must agree on its name, region, kind and sector.

import Brokerage
import Foundation
import NuanqiCore

public enum BrokerageFolderReader {
    /// Every file this reader may open, for digests of what a run read.
    public static let fileNames = ["pollutants.csv", "regions.csv", "links.csv", "sellers.csv", "buyers.csv", "options.json"]

    public static func read(folder: String) throws(InputError) -> BrokerageInput {
        var csv = CSVFolder(path: folder, requirement: "a brokerage folder needs regions.csv, sellers.csv and buyers.csv")
        func table(_ name: String, required: Bool, known: [String]) throws(InputError) -> CSVTable? {
            try csv.table(name, required: required, known: known)
        }
        func choice<Value: RawRepresentable & CaseIterable>(_ cells: Cells, _ column: String, default fallback: Value) throws(InputError) -> Value
        where Value.RawValue == String {
            let text = cells.text(column)
            guard !text.isEmpty else { return fallback }
            guard let value = Value(rawValue: text) else {
                throw cells.table.error(cells.record, column, "\"\(text)\" is not one of \(Value.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            return value
        }
        var pollutants = [Pollutant(id: "COD", medium: .water), Pollutant(id: "NH3-N", medium: .water),
                          Pollutant(id: "SO2", medium: .air), Pollutant(id: "NOx", medium: .air)]
        if let pollutantTable = try table("pollutants.csv", required: false, known: ["id", "medium"]) {
            pollutants = try pollutantTable.records.map { record throws(InputError) in
                let cells = Cells(table: pollutantTable, record: record)
                return Pollutant(id: try cells.required("id"), medium: try choice(cells, "medium", default: Medium.water), line: record.line)
            }
        }
        let regionTable = try table("regions.csv", required: true, known: ["id", "city", "watershed", "nonAttainment"])!
        let regions = try regionTable.records.map { record throws(InputError) in
            let cells = Cells(table: regionTable, record: record)
            return Region(id: try cells.required("id"), city: cells.text("city"), watershed: cells.text("watershed"),
                          nonAttainment: cells.list("nonAttainment") ?? [], line: record.line)
        }
        var links: [Link] = []
        if let linkTable = try table("links.csv", required: false, known: ["from", "to", "pollutants", "ratio", "feePerTonne"]) {
            links = try linkTable.records.map { record throws(InputError) in
                let cells = Cells(table: linkTable, record: record)
                return Link(from: try cells.required("from"), to: try cells.required("to"), pollutants: cells.list("pollutants") ?? [],
                            ratio: SubstitutionRatio(tenThousandths: try cells.decimal("ratio", decimals: 4) ?? 10_000),
                            feePerTonne: Money(fen: try cells.decimal("feePerTonne", decimals: 2) ?? 0), line: record.line)
            }
        }
        let sellerTable = try table("sellers.csv", required: true, known: ["id", "name", "region", "kind", "sector", "pollutant", "tonnes", "askPerTonne"])!
        var sellers: [Seller] = []
        var sellerPosition: [String: Int] = [:]
        for record in sellerTable.records {
            let cells = Cells(table: sellerTable, record: record)
            let id = try cells.required("id")
            guard let tonnes = try cells.decimal("tonnes", decimals: 6) else { throw cells.missing("tonnes") }
            guard let ask = try cells.decimal("askPerTonne", decimals: 2) else { throw cells.missing("askPerTonne") }
            let offer = Offer(pollutant: try cells.required("pollutant"), tonnage: Tonnage(grams: tonnes), ask: Money(fen: ask), line: record.line)
            let seller = Seller(id: id, name: cells.text("name"), region: try cells.required("region"),
                                kind: try choice(cells, "kind", default: SellerKind.enterprise), sector: try choice(cells, "sector", default: Sector.industry),
                                offers: [offer], line: record.line)
            if let position = sellerPosition[id] {
                try agree(sellers[position], seller, table: sellerTable, record: record)
                sellers[position].offers.append(offer)
            } else {
                sellerPosition[id] = sellers.count
                sellers.append(seller)
            }
        }
        let buyerTable = try table("buyers.csv", required: true, known: ["id", "name", "region", "sector", "pollutant", "tonnes", "maxPerTonne", "priority"])!
        var buyers: [Buyer] = []
        var buyerPosition: [String: Int] = [:]
        for record in buyerTable.records {
            let cells = Cells(table: buyerTable, record: record)
            let id = try cells.required("id")
            guard let tonnes = try cells.decimal("tonnes", decimals: 6) else { throw cells.missing("tonnes") }
            let demand = Demand(pollutant: try cells.required("pollutant"), tonnage: Tonnage(grams: tonnes),
                                maxPrice: try cells.decimal("maxPerTonne", decimals: 2).map { Money(fen: $0) },
                                priority: try cells.integer("priority") ?? 1, line: record.line)
            let buyer = Buyer(id: id, name: cells.text("name"), region: try cells.required("region"),
                              sector: try choice(cells, "sector", default: Sector.industry), demands: [demand], line: record.line)
            if let position = buyerPosition[id] {
                let first = buyers[position]
                if first.name != buyer.name || first.region != buyer.region || first.sector != buyer.sector {
                    throw buyerTable.error(record, "id", "rows of buyer \(id) disagree on name, region or sector (first row on line \(first.line))")
                }
                buyers[position].demands.append(demand)
            } else {
                buyerPosition[id] = buyers.count
                buyers.append(buyer)
            }
        }
        var options = BrokerageOptions()
        var groups: [[String]] = []
        let optionsPath = csv.file("options.json")
        if FileManager.default.fileExists(atPath: optionsPath) {
            var text = "{ \"format\": \"nuanqi.broker/1\", \"options\": "
            text += String(decoding: try FileContents.bytes(of: optionsPath), as: UTF8.self)
            text += "}"
            // Read through the JSON reader so both forms validate options the same way; lines
            // of options.json are unchanged because the prefix adds none.
            let parsed = try BrokerageInstanceReader.parseOptions(Array(text.utf8), file: optionsPath)
            options = parsed.options
            groups = parsed.watershedGroups
            csv.warn(parsed.warnings)
        }
        var instance = BrokerageInstance(pollutants: pollutants, regions: regions, watershedGroups: groups, links: links,
                                         sellers: sellers, buyers: buyers, options: options, file: folder)
        for (collection, name) in [("regions", "regions.csv"), ("links", "links.csv"), ("sellers", "sellers.csv"), ("buyers", "buyers.csv"),
                                   ("pollutants", "pollutants.csv"), ("watershedGroups", "options.json")] {
            instance.sources[collection] = csv.file(name)
        }
        return BrokerageInput(instance: instance, warnings: csv.warnings)
    }

    private static func agree(_ first: Seller, _ row: Seller, table: CSVTable, record: (line: Int, cells: [String])) throws(InputError) {
        if first.name != row.name || first.region != row.region || first.kind != row.kind || first.sector != row.sector {
            throw table.error(record, "id", "rows of seller \(row.id) disagree on name, region, kind or sector (first row on line \(first.line))")
        }
    }
}
