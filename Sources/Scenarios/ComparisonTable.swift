// The what-if comparison as planners read it: one row per scenario (base first) with the
// summary figures and how many entities changed, as CSV for Excel/WPS and as Markdown with the
// entity-level changes of each scenario under the table. Built from the whatif-result document
// only, so a merged document prints the same table as a single run.

import NuanqiIO

public enum ComparisonTable {
    public static func rows(_ document: JSONValue) -> (header: [String], rows: [[String]]) {
        let problem = Problem(rawValue: document["problem"]?.text ?? "") ?? .match
        let summaryKeys = (document["base"]?["summary"]?.members ?? []).map(\.0)
        let changeKeys = problem == .match ? ["movedCadres", "enterprisesGained", "enterprisesLost"] : ["tradesAppeared", "tradesVanished", "tradesChanged"]
        let header = ["index", "scenario"] + summaryKeys + changeKeys
        func cell(_ value: JSONValue?) -> String { value?.text ?? "" }
        var rows = [["", "(base)"] + summaryKeys.map { cell(document["base"]?["summary"]?[$0]) } + changeKeys.map { _ in "" }]
        for entry in document["scenarios"]?.elements ?? [] {
            rows.append([cell(entry["index"]), cell(entry["name"])] + summaryKeys.map { cell(entry["summary"]?[$0]) }
                        + changeKeys.map { key in entry["diff"].map { String($0[key]?.elements?.count ?? 0) } ?? "" })
        }
        return (header, rows)
    }

    public static func csv(_ document: JSONValue, byteOrderMark: Bool) -> String {
        let table = rows(document)
        return CSVWriter.text(header: table.header, rows: table.rows, byteOrderMark: byteOrderMark)
    }

    public static func markdown(_ document: JSONValue, title: String, changesPerScenario: Int = 20) -> String {
        let table = rows(document)
        func escape(_ text: String) -> String { text.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ") }
        var lines = ["# What-if: \(title)", "", "| " + table.header.joined(separator: " | ") + " |", "|" + table.header.map { _ in "---" }.joined(separator: "|") + "|"]
        lines += table.rows.map { "| " + $0.map(escape).joined(separator: " | ") + " |" }
        for entry in document["scenarios"]?.elements ?? [] {
            lines += ["", "## \(escape(entry["name"]?.text ?? ""))", ""]
            if let error = entry["error"]?.text { lines.append("Not solved: \(escape(error))"); continue }
            var changes: [String] = []
            let diff = entry["diff"] ?? .null
            if let infeasibility = diff["infeasibility"], infeasibility != .null {
                lines.append("Infeasible: \(escape(infeasibility["explanation"]?.text ?? "see the JSON"))")
                continue
            }
            for moved in diff["movedCadres"]?.elements ?? [] {
                let from = (moved["from"]?.elements ?? []).compactMap(\.text).joined(separator: ", ")
                let to = (moved["to"]?.elements ?? []).compactMap(\.text).joined(separator: ", ")
                changes.append("- \(moved["cadre"]?.text ?? ""): \(from.isEmpty ? "—" : from) → \(to.isEmpty ? "—" : to) (\(escape(moved["why"]?.text ?? "")))")
            }
            for lost in diff["enterprisesLost"]?.elements ?? [] {
                changes.append("- \(lost["enterprise"]?.text ?? "") loses its cadre: \(escape(lost["reason"]?.text ?? ""))")
            }
            for (key, verb) in [("tradesAppeared", "new trade"), ("tradesVanished", "trade gone"), ("tradesChanged", "trade changed")] {
                for trade in diff[key]?.elements ?? [] {
                    let amount = trade["grams"].map { "\($0.text ?? "") g" } ?? "\(trade["from"]?.text ?? "") g → \(trade["to"]?.text ?? "") g"
                    changes.append("- \(verb): \(trade["seller"]?.text ?? "") → \(trade["buyer"]?.text ?? "") \(trade["pollutant"]?.text ?? ""), \(amount)")
                }
            }
            for unmet in diff["unmetChanged"]?.elements ?? [] {
                changes.append("- unmet, \(unmet["buyer"]?.text ?? "") \(unmet["pollutant"]?.text ?? ""): \(unmet["from"]?.text ?? "0") g → \(unmet["to"]?.text ?? "0") g")
            }
            for price in diff["priceChanges"]?.elements ?? [] {
                let text = { (value: JSONValue?) in value?.text.map { $0 + " fen" } ?? "none" }
                changes.append("- price of one more tonne, \(price["buyer"]?.text ?? "") \(price["pollutant"]?.text ?? ""): \(text(price["from"])) → \(text(price["to"]))")
            }
            if changes.isEmpty { lines.append("No entity changes against the base.") }
            lines += changes.prefix(changesPerScenario)
            if changes.count > changesPerScenario { lines.append("- … and \(changes.count - changesPerScenario) more (see the JSON)") }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
