// Planner-facing forms of a brokerage result, built from the result JSON so they never
// disagree with it: the trades as CSV (optional BOM for Excel/WPS) and a Markdown report with
// the summary, trades, unmet demand, the price table and the flows between regions.

import Brokerage
import NuanqiCore

public enum BrokerageReportWriter {
    static let tradeColumns = ["seller", "buyer", "pollutant", "tonnes", "sellerGrams", "ratio", "scope", "perTonneYearFen", "amountFen"]

    public static func tradesCSV(_ result: JSONValue, byteOrderMark: Bool) -> String {
        let rows = JSONReading.list(result, "trades").map { trade in tradeColumns.map { JSONReading.text(trade, $0) } }
        return CSVWriter.text(header: tradeColumns, rows: rows, byteOrderMark: byteOrderMark)
    }

    public static func markdown(_ result: JSONValue, model: BrokerageModel, title: String) -> String {
        var lines = ["# 排污权 brokerage: \(title)", "", "| | |", "|---|---|"]
        for key in ["status", "solver", "metGrams", "weightedMetGrams", "weightedMetBound", "totalCostFen", "termYears"] {
            lines.append("| \(key) | \(JSONReading.text(result, key)) |")
        }
        lines += ["", "Solver choice: \(JSONReading.text(result, "reason")).", ""]
        let trades = JSONReading.list(result, "trades")
        lines += ["## Trades (\(trades.count))", "", "| seller | buyer | pollutant | tonnes | seller gives (g) | ratio | terms | yuan per tonne-year | amount (yuan) |",
                  "|---|---|---|---:|---:|---:|---|---:|---:|"]
        for trade in trades {
            let price = Money(fen: Int64(JSONReading.text(trade, "perTonneYearFen")) ?? 0)
            let amount = Money(fen: Int64(JSONReading.text(trade, "amountFen")) ?? 0)
            lines.append("| \(JSONReading.text(trade, "seller")) | \(JSONReading.text(trade, "buyer")) | \(JSONReading.text(trade, "pollutant")) | \(JSONReading.text(trade, "tonnes")) | \(JSONReading.text(trade, "sellerGrams")) | \(JSONReading.text(trade, "ratio")) | \(JSONReading.text(trade, "scope")) | \(price) | \(amount) |")
        }
        let unmet = JSONReading.list(result, "unmet")
        if !unmet.isEmpty {
            lines += ["", "## Unmet demand (\(unmet.count))", "", "| buyer | pollutant | tonnes | why |", "|---|---|---:|---|"]
            for item in unmet {
                lines.append("| \(JSONReading.text(item, "buyer")) | \(JSONReading.text(item, "pollutant")) | \(JSONReading.text(item, "tonnes")) | \(JSONReading.text(item, "reason").replacingOccurrences(of: "|", with: "\\|")) |")
            }
        }
        let prices = JSONReading.list(result, "shadowPrices")
        if !prices.isEmpty {
            lines += ["", "## Prices of one more tonne", "", "| buyer | pollutant | yuan per tonne-year |", "|---|---|---:|"]
            for price in prices {
                let fen = Int64(JSONReading.text(price, "perTonneFen"))
                lines.append("| \(JSONReading.text(price, "buyer")) | \(JSONReading.text(price, "pollutant")) | \(fen.map { Money(fen: $0).description } ?? "not suppliable") |")
            }
        }
        // Flows between regions: received tonnes per (from, to, pollutant).
        var flows: [String: Int64] = [:]
        let sellerRegion = Dictionary(uniqueKeysWithValues: model.instance.sellers.map { ($0.id, $0.region) })
        let buyerRegion = Dictionary(uniqueKeysWithValues: model.instance.buyers.map { ($0.id, $0.region) })
        for trade in trades {
            let key = "\(sellerRegion[JSONReading.text(trade, "seller")] ?? "?") → \(buyerRegion[JSONReading.text(trade, "buyer")] ?? "?") | \(JSONReading.text(trade, "pollutant"))"
            flows[key, default: 0] += Int64(JSONReading.text(trade, "grams")) ?? 0
        }
        if !flows.isEmpty {
            lines += ["", "## Flows between regions", "", "| from → to | pollutant | tonnes |", "|---|---|---:|"]
            for (key, grams) in flows.sorted(by: { $0.key < $1.key }) { lines.append("| \(key) | \(Tonnage(grams: grams)) |") }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

/// Reading back the JSONValue results the writers build.
enum JSONReading {
    static func member(_ value: JSONValue, _ key: String) -> JSONValue? {
        guard case let .object(members) = value else { return nil }
        return members.last { $0.0 == key }?.1
    }

    static func list(_ value: JSONValue, _ key: String) -> [JSONValue] {
        if case let .array(elements)? = member(value, key) { return elements }
        return []
    }

    static func text(_ value: JSONValue, _ key: String) -> String {
        switch member(value, key) {
        case let .string(text)?: text
        case let .number(text)?: text
        case let .bool(flag)?: flag ? "true" : "false"
        case .null?, nil: "—"
        default: "…"
        }
    }
}
