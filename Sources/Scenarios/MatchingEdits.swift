// Deltas on a `nuanqi.match/1` document: add/remove/set cadres and enterprises, policy
// changes, pins, forbidden pairs, ended terms. Removing a cadre or an enterprise also removes
// every mention of it (rankings, exclusions, pins, incumbents, scores), as a planner means by
// "夏芬芳 retires".

import NuanqiCore
import NuanqiIO

enum MatchingEdits {
    static let kinds = ["cadre", "enterprise"]

    static func apply(_ delta: Delta, to editor: inout DocumentEditor) throws(InputError) {
        switch delta.verb {
        case "add":
            try editor.addRecord(delta, kinds: kinds, identified: Set(kinds))
        case "remove":
            let kind = try DocumentEditor.kind(of: delta, among: kinds)
            let id = try DocumentEditor.string(kind, of: delta)
            _ = try editor.require(id.text, in: kind + "s", what: kind, delta: delta, node: id.node)
            remove(kind, id.text, from: &editor)
        case "set":
            let kind = try DocumentEditor.kind(of: delta, among: kinds)
            let id = try DocumentEditor.string(kind, of: delta)
            let index = try editor.require(id.text, in: kind + "s", what: kind, delta: delta, node: id.node)
            let fields = try DocumentEditor.fields(of: delta, excluding: [kind])
            try editor.updateElement(kind + "s", at: index) { record throws(InputError) in record = DocumentEditor.merged(record, .object(fields), deep: false) }
        case "policy":
            guard delta.body.members != nil else { throw delta.error("must be an object of policy fields") }
            editor.set("policy", DocumentEditor.merged(editor.document["policy"] ?? .object([]), delta.body.json, deep: true))
        case "pin", "forbid", "endTerm":
            let cadre = try DocumentEditor.string("cadre", of: delta), enterprise = try DocumentEditor.string("enterprise", of: delta)
            _ = try editor.require(cadre.text, in: "cadres", what: "cadre", delta: delta, node: cadre.node)
            _ = try editor.require(enterprise.text, in: "enterprises", what: "enterprise", delta: delta, node: enterprise.node)
            let pair = JSONValue.object([("cadre", .string(cadre.text)), ("enterprise", .string(enterprise.text))])
            if delta.verb == "endTerm" {
                let incumbents = editor.collection("incumbents")
                guard incumbents.contains(pair) else { throw delta.error("\(cadre.text)–\(enterprise.text) is not an incumbent pair") }
                editor.setCollection("incumbents", incumbents.filter { $0 != pair })
            }
            let key = delta.verb == "pin" ? "pinned" : "forbidden"
            if !editor.collection(key).contains(pair) { editor.setCollection(key, editor.collection(key) + [pair]) }
        default:
            throw delta.error("\(delta.verb) applies to brokerage markets, not to matching instances")
        }
    }

    static func remove(_ kind: String, _ id: String, from editor: inout DocumentEditor) {
        editor.setCollection(kind + "s", editor.collection(kind + "s").filter { $0["id"]?.text != id })
        let otherSide = kind == "cadre" ? "enterprises" : "cadres"
        editor.setCollection(otherSide, editor.collection(otherSide).map { record in
            var result = record
            for list in ["ranking", "excludes"] {
                if let values = record[list]?.elements, values.contains(.string(id)) {
                    result = DocumentEditor.merged(result, .object([(list, .array(values.filter { $0 != .string(id) }))]), deep: false)
                }
            }
            return result
        })
        for key in ["scores", "pinned", "forbidden", "incumbents"] where editor.document[key] != nil {
            editor.setCollection(key, editor.collection(key).filter { $0[kind]?.text != id })
        }
    }
}
