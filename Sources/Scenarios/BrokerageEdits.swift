// Deltas on a `nuanqi.broker/1` document: add/remove/set sellers, buyers, regions, links and
// single offers or demands; scale asks, tonnages, caps, ratios and fees over a selection
// (exact decimals, rounded half up to the fen, gram or ten-thousandth); option and rule changes.

import NuanqiCore
import NuanqiIO

enum BrokerageEdits {
    static let kinds = ["seller", "buyer", "region", "link"]

    /// Per record kind, the list of its per-pollutant items.
    private static let items: [String: String] = ["seller": "offers", "buyer": "demands"]

    static func apply(_ delta: Delta, to editor: inout DocumentEditor) throws(InputError) {
        switch delta.verb {
        case "add":
            try editor.addRecord(delta, kinds: kinds, identified: ["seller", "buyer", "region"])
        case "remove", "set":
            let kind = try DocumentEditor.kind(of: delta, among: kinds)
            let (collection, index) = try locate(kind, delta: delta, editor: editor)
            let pollutant = kind == "seller" || kind == "buyer" ? delta.body["pollutant"] : nil
            if delta.verb == "remove" {
                if let pollutant {
                    try editor.updateElement(collection, at: index) { record throws(InputError) in
                        let list = items[kind]!
                        let position = try item(in: record, list: list, pollutant: pollutant, delta: delta)
                        var values = record[list]?.elements ?? []
                        values.remove(at: position)
                        record = DocumentEditor.merged(record, .object([(list, .array(values))]), deep: false)
                    }
                } else {
                    var values = editor.collection(collection)
                    values.remove(at: index)
                    editor.setCollection(collection, values)
                }
                return
            }
            let fields = try DocumentEditor.fields(of: delta, excluding: [kind, "pollutant"])
            try editor.updateElement(collection, at: index) { record throws(InputError) in
                guard let pollutant else { record = DocumentEditor.merged(record, .object(fields), deep: false); return }
                let list = items[kind]!
                let position = try item(in: record, list: list, pollutant: pollutant, delta: delta)
                var values = record[list]?.elements ?? []
                values[position] = DocumentEditor.merged(values[position], .object(fields), deep: false)
                record = DocumentEditor.merged(record, .object([(list, .array(values))]), deep: false)
            }
        case "scale":
            try scale(delta, editor: &editor)
        case "options":
            guard delta.body.members != nil else { throw delta.error("must be an object of options") }
            editor.set("options", DocumentEditor.merged(editor.document["options"] ?? .object([]), delta.body.json, deep: true))
        default:
            throw delta.error("\(delta.verb) applies to matching instances, not to brokerage markets")
        }
    }

    /// The record a remove/set names: by id, or a link by { from, to }.
    private static func locate(_ kind: String, delta: Delta, editor: DocumentEditor) throws(InputError) -> (String, Int) {
        if kind == "link" {
            let node = delta.body["link"]!
            let from = try DocumentEditor.string("from", of: delta, in: node), to = try DocumentEditor.string("to", of: delta, in: node)
            guard let index = editor.collection("links").firstIndex(where: { $0["from"]?.text == from.text && $0["to"]?.text == to.text }) else {
                throw delta.error("no link from \"\(from.text)\" to \"\(to.text)\"", field: "link", at: node)
            }
            return ("links", index)
        }
        let id = try DocumentEditor.string(kind, of: delta)
        return (kind + "s", try editor.require(id.text, in: kind + "s", what: kind, delta: delta, node: id.node))
    }

    private static func item(in record: JSONValue, list: String, pollutant node: DocumentNode, delta: Delta) throws(InputError) -> Int {
        guard let pollutant = node.string else { throw delta.error("must be a pollutant id", field: "pollutant", at: node) }
        guard let index = (record[list]?.elements ?? []).firstIndex(where: { $0["pollutant"]?.text == pollutant }) else {
            throw delta.error("\(record["id"]?.text ?? "the record") has no \(list == "offers" ? "offer" : "demand") of \(pollutant)", field: "pollutant", at: node)
        }
        return index
    }

    /// `scale: { offers|demands|links: { filter }, field: factor, … }`.
    private static func scale(_ delta: Delta, editor: inout DocumentEditor) throws(InputError) {
        let selections: [String: (scalable: [String: Int], filters: Set<String>)] = [
            "offers": (["tonnes": 6, "askPerTonne": 2], ["pollutant", "seller", "region", "kind", "sector"]),
            "demands": (["tonnes": 6, "maxPerTonne": 2], ["pollutant", "buyer", "region", "sector"]),
            "links": (["ratio": 4, "feePerTonne": 2], ["from", "to", "pollutant"]),
        ]
        let selection = try DocumentEditor.kind(of: delta, among: ["offers", "demands", "links"])
        let (scalable, filterKeys) = selections[selection]!
        let filterNode = delta.body[selection]!
        var filters: [(String, String)] = []
        for member in filterNode.members ?? [] {
            guard filterKeys.contains(member.key) else { throw delta.error("cannot select \(selection) by \(member.key) (use \(filterKeys.sorted().joined(separator: ", ")))", field: selection + "." + member.key, at: member.node) }
            guard let text = member.node.string else { throw delta.error("must be text", field: selection + "." + member.key, at: member.node) }
            filters.append((member.key, text))
        }
        var factors: [(field: String, factor: (mantissa: Int64, decimals: Int), node: DocumentNode)] = []
        for member in delta.body.members ?? [] where member.key != selection {
            guard scalable[member.key] != nil else { throw delta.error("\(selection) scale \(scalable.keys.sorted().joined(separator: " or ")), not \(member.key)", field: member.key, at: member.node) }
            guard let text = member.node.numberText, let factor = try? ExactDecimal.parse(Array(text.utf8)), factor.mantissa >= 0 else {
                throw delta.error("must be a non-negative factor such as 1.2", field: member.key, at: member.node)
            }
            factors.append((member.key, factor, member.node))
        }
        guard !factors.isEmpty else { throw delta.error("names no field to scale") }
        func scaled(_ item: JSONValue) throws(InputError) -> JSONValue {
            var changes: [(String, JSONValue)] = []
            for entry in factors {
                guard let value = item[entry.field], value != .null else { continue }
                guard let text = DocumentEditor.scaled(value, by: entry.factor, decimals: scalable[entry.field]!) else {
                    throw delta.error("\(value.text ?? "?") × factor is out of range", field: entry.field, at: entry.node)
                }
                changes.append((entry.field, .string(text)))
            }
            return DocumentEditor.merged(item, .object(changes), deep: false)
        }
        if selection == "links" {
            let matches = { (link: JSONValue) in
                filters.allSatisfy { key, value in key == "pollutant" ? (link["pollutants"]?.elements ?? []).contains(.string(value)) : link[key]?.text == value }
            }
            var links: [JSONValue] = []
            for link in editor.collection("links") { links.append(matches(link) ? try scaled(link) : link) }
            editor.setCollection("links", links)
            return
        }
        let (collection, list, owner) = selection == "offers" ? ("sellers", "offers", "seller") : ("buyers", "demands", "buyer")
        var records: [JSONValue] = []
        for record in editor.collection(collection) {
            let recordMatches = filters.allSatisfy { key, value in
                switch key {
                case owner: record["id"]?.text == value
                case "pollutant": true
                case "region": record["region"]?.text == value
                default: record[key]?.text == value
                }
            }
            guard recordMatches else { records.append(record); continue }
            let pollutant = filters.first { $0.0 == "pollutant" }?.1
            var values: [JSONValue] = []
            for item in record[list]?.elements ?? [] {
                values.append(pollutant == nil || item["pollutant"]?.text == pollutant ? try scaled(item) : item)
            }
            records.append(DocumentEditor.merged(record, .object([(list, .array(values))]), deep: false))
        }
        editor.setCollection(collection, records)
    }
}
