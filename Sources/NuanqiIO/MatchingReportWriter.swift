// The planner-facing forms of a matching result: the assignments as CSV (for Excel/WPS) and a
// Markdown report (summary, assignments, enterprises left without a cadre, infeasibility).
// Both are built from the same JSON the result file holds, so they can never disagree with it.

import Matching
import NuanqiCore

public enum MatchingReportWriter {
    public static func assignmentsCSV(_ result: JSONValue, byteOrderMark: Bool) -> String {
        let rows = Self.list(result, "assignments").map { assignment in
            ["cadre", "cadreName", "enterprise", "enterpriseName", "score", "why"].map { Self.text(assignment, $0) }
        }
        return CSVWriter.text(header: ["cadre", "cadre name", "enterprise", "enterprise name", "score", "why"],
                              rows: rows, byteOrderMark: byteOrderMark)
    }

    public static func markdown(_ result: JSONValue, title: String) -> String {
        var lines = ["# 暖企专员 dispatch: \(title)", ""]
        lines.append("| | |")
        lines.append("|---|---|")
        for key in ["status", "mode", "solver", "asOf", "objective", "bound", "coveredEnterprises", "mandatoryCovered", "candidatePairs", "blockingPairs"] {
            lines.append("| \(key) | \(escape(text(result, key))) |")
        }
        lines.append("")
        lines.append("Solver choice: \(text(result, "reason")).")
        if case let .object(members)? = member(result, "infeasibility") {
            lines += ["", "## Infeasible", ""]
            for (key, value) in members { lines.append("- **\(key)**: \(escape(scalar(value)))") }
        }
        let assignments = list(result, "assignments")
        lines += ["", "## Assignments (\(assignments.count))", "", "| cadre | enterprise | score | why |", "|---|---|---:|---|"]
        for assignment in assignments {
            lines.append("| \(escape(text(assignment, "cadre"))) \(escape(text(assignment, "cadreName"))) | \(escape(text(assignment, "enterprise"))) \(escape(text(assignment, "enterpriseName"))) | \(text(assignment, "score")) | \(escape(text(assignment, "why"))) |")
        }
        let unassigned = list(result, "unassignedEnterprises")
        if !unassigned.isEmpty {
            lines += ["", "## Enterprises without a cadre (\(unassigned.count))", "", "| enterprise | key project | why |", "|---|---|---|"]
            for enterprise in unassigned {
                lines.append("| \(escape(text(enterprise, "id"))) \(escape(text(enterprise, "name"))) | \(text(enterprise, "mandatory") == "true" ? "yes" : "") | \(escape(text(enterprise, "reason"))) |")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func member(_ value: JSONValue, _ key: String) -> JSONValue? { JSONReading.member(value, key) }
    private static func list(_ value: JSONValue, _ key: String) -> [JSONValue] { JSONReading.list(value, key) }

    private static func text(_ value: JSONValue, _ key: String) -> String {
        member(value, key).map(scalar) ?? ""
    }

    private static func scalar(_ value: JSONValue) -> String {
        switch value {
        case let .string(text): text
        case let .number(text): text
        case let .bool(flag): flag ? "true" : "false"
        case .null: "—"
        case let .array(elements): elements.map(scalar).joined(separator: ", ")
        case .object: "…"
        }
    }

    private static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
    }
}
