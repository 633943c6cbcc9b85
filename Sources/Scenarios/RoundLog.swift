// The change log of an intake round: every change applied (with the planner's note), the
// churn check, and for every cadre whose placement changed — or stayed as an incumbent — what
// happened and why: kept, moved, new, ended, each tied to the changes that name it.

import Foundation
import NuanqiIO

struct RoundLog {
    let round: Int
    let previous: (name: String, result: JSONValue)?
    let changes: [Delta]
    let instance: JSONValue
    let result: JSONValue
    let churn: JSONValue

    /// Each change as the log lists it, and the ids it names.
    private var describedChanges: [(text: String, ids: Set<String>, json: JSONValue)] {
        changes.enumerated().map { index, delta in
            var ids = Set<String>()
            func collect(_ value: JSONValue) {
                switch value {
                case let .string(text): ids.insert(text)
                case let .object(members): members.forEach { collect($0.1) }
                case let .array(values): values.forEach(collect)
                default: break
                }
            }
            collect(delta.body.json)
            let body = delta.body.json.serialized().split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
            let text = "change \(index + 1): \(delta.verb) \(body)" + (delta.note.map { " — \($0)" } ?? "")
            return (text, ids, .object([("verb", .string(delta.verb)), ("what", delta.body.json), ("note", delta.note.map { .string($0) } ?? .null)]))
        }
    }

    var entries: [JSONValue] {
        let described = describedChanges
        func causes(_ ids: [String]) -> [String] { described.filter { !$0.ids.isDisjoint(with: ids) }.map(\.text) }
        let before = ScenarioDiff.placements(previous?.result), after = ScenarioDiff.placements(result)
        let incumbents = Set((instance["incumbents"]?.elements ?? []).map { "\($0["cadre"]?.text ?? "")\u{1F}\($0["enterprise"]?.text ?? "")" })
        var entries: [JSONValue] = []
        for cadre in Set(before.keys).union(after.keys).sorted() {
            let from = before[cadre] ?? [], to = after[cadre] ?? []
            let kind: String, reason: String
            let newWhy = to.filter { !from.map(\.enterprise).contains($0.enterprise) }.map { "\($0.enterprise): \($0.why)" }.joined(separator: "; ")
            if previous == nil {
                kind = "new"; reason = newWhy
            } else if from.map(\.enterprise) == to.map(\.enterprise) {
                guard to.contains(where: { incumbents.contains("\(cadre)\u{1F}\($0.enterprise)") }) else { continue }
                kind = "kept"; reason = "incumbent stays"
            } else if from.isEmpty {
                kind = "new"; reason = newWhy
            } else if to.isEmpty {
                kind = "ended"
                reason = "no longer placed"
            } else {
                kind = "moved"
                reason = "moved: " + newWhy + (churn["gain"].map { "; the plan gains \($0.text ?? "") over keeping every incumbent (at least \(churn["required"]?.text ?? "") required)" } ?? "")
            }
            let named = causes([cadre] + from.map(\.enterprise) + to.map(\.enterprise))
            entries.append(.object([
                ("cadre", .string(cadre)), ("change", .string(kind)),
                ("from", .array(from.map { .string($0.enterprise) })), ("to", .array(to.map { .string($0.enterprise) })),
                ("reason", .string(reason)), ("causedBy", .array(named.map { .string($0) })),
            ]))
        }
        return entries
    }

    var json: JSONValue {
        let present = Set(["cadres", "enterprises"].flatMap { (instance[$0]?.elements ?? []).compactMap { $0["id"]?.text } })
        let coverage: JSONValue? = previous.map { ScenarioDiff.matching(from: $0.result, to: result, present: present) }
        let previousName: JSONValue = previous.map { .string($0.name) } ?? .null
        var members: [(String, JSONValue)] = [("format", .string("nuanqi.round-log/1")), ("round", .integer(round)), ("previous", previousName)]
        for key in ["status", "objective", "coveredEnterprises", "mandatoryCovered"] { members.append((key, result[key] ?? .null)) }
        members.append(("changes", .array(describedChanges.map(\.json))))
        members.append(("churn", churn))
        members.append(("assignments", .array(entries)))
        for key in ["enterprisesGained", "enterprisesLost"] { members.append((key, coverage?[key] ?? .array([]))) }
        return .object(members)
    }

    var markdown: String {
        var lines = ["# Intake round \(round)" + (previous.map { " (after \($0.name))" } ?? ""), ""]
        lines.append("Status \(result["status"]?.text ?? ""), objective \(result["objective"]?.text ?? "—"), \(result["coveredEnterprises"]?.text ?? "0") enterprises covered, key projects \(result["mandatoryCovered"]?.text ?? "").")
        if !changes.isEmpty { lines += ["", "## Changes", ""] + describedChanges.map { "- " + $0.text } }
        lines += ["", "## Incumbents", ""]
        lines.append("Churn threshold \(churn["threshold"]?.text ?? "0"): \(churn["kept"]?.text ?? "0") of \(churn["stillEligible"]?.text ?? "0") eligible incumbents kept, \(churn["moved"]?.text ?? "0") moved."
                     + (churn["gain"].map { " Moving them gains \($0.text ?? "") over keeping everyone (at least \(churn["required"]?.text ?? "") required)." } ?? ""))
        lines += ["", "## Placements", "", "| cadre | change | from | to | reason |", "|---|---|---|---|---|"]
        for entry in entries {
            let list = { (key: String) in (entry[key]?.elements ?? []).compactMap(\.text).joined(separator: ", ") }
            let cause = (entry["causedBy"]?.elements ?? []).compactMap(\.text).joined(separator: "; ")
            let reason = (entry["reason"]?.text ?? "") + (cause.isEmpty ? "" : " (" + cause + ")")
            lines.append("| \(entry["cadre"]?.text ?? "") | \(entry["change"]?.text ?? "") | \(list("from")) | \(list("to")) | \(reason.replacingOccurrences(of: "|", with: "\\|")) |")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
