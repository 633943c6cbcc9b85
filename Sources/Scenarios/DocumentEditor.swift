// Edits on an instance held as its canonical JSON document (what the instance writers emit):
// collections found by key, records found by id, objects merged key by key. A scenario's
// instance is the base document with its deltas applied; the standard reader then reads it
// exactly as `match`/`broker` would read the emitted file, so both give the same bytes.

import NuanqiCore
import NuanqiIO

struct DocumentEditor {
    var document: JSONValue

    func collection(_ key: String) -> [JSONValue] { document[key]?.elements ?? [] }

    mutating func setCollection(_ key: String, _ values: [JSONValue]) {
        set(key, .array(values))
    }

    mutating func set(_ key: String, _ value: JSONValue) {
        guard case var .object(members) = document else { return }
        if let index = members.lastIndex(where: { $0.0 == key }) { members[index].1 = value } else { members.append((key, value)) }
        document = .object(members)
    }

    func index(of id: String, in key: String) -> Int? {
        collection(key).firstIndex { $0["id"]?.text == id }
    }

    /// The record's position, or the delta's error naming the unknown id at the id's line.
    func require(_ id: String, in key: String, what: String, delta: Delta, node: DocumentNode) throws(InputError) -> Int {
        guard let index = index(of: id, in: key) else { throw delta.error("unknown \(what) \"\(id)\"", field: what, at: node) }
        return index
    }

    mutating func updateElement(_ key: String, at index: Int, _ body: (inout JSONValue) throws(InputError) -> Void) throws(InputError) {
        var values = collection(key)
        try body(&values[index])
        setCollection(key, values)
    }

    /// `add: { kind: { record } }`: appended to the kind's collection; kinds in `identified`
    /// need an id not taken yet.
    mutating func addRecord(_ delta: Delta, kinds: [String], identified: Set<String>) throws(InputError) {
        let kind = try Self.kind(of: delta, among: kinds)
        let record = delta.body[kind]!
        guard record.members != nil else { throw delta.error("must be a \(kind) record (an object)", field: kind, at: record) }
        if identified.contains(kind) {
            let id = try Self.string("id", of: delta, in: record)
            guard index(of: id.text, in: kind + "s") == nil else { throw delta.error("\(kind) \"\(id.text)\" already exists", field: kind + ".id", at: id.node) }
        }
        setCollection(kind + "s", collection(kind + "s") + [record.json])
    }

    /// `base` with `overlay`'s members put over it; nested objects merged too when `deep`
    /// (policy weights, tag weights), so a delta names only what it changes.
    static func merged(_ base: JSONValue, _ overlay: JSONValue, deep: Bool) -> JSONValue {
        guard case var .object(members) = base, case let .object(changes) = overlay else { return overlay }
        for (key, value) in changes {
            if let index = members.lastIndex(where: { $0.0 == key }) {
                members[index].1 = deep ? merged(members[index].1, value, deep: true) : value
            } else {
                members.append((key, value))
            }
        }
        return .object(members)
    }

    /// A string member of the delta's body, required.
    static func string(_ key: String, of delta: Delta, in node: DocumentNode? = nil) throws(InputError) -> (text: String, node: DocumentNode) {
        let container = node ?? delta.body
        guard let member = container[key] else { throw delta.error("is required", field: key) }
        guard let text = member.string else { throw delta.error("must be text (an id)", field: key, at: member) }
        return (text, member)
    }

    /// Which one of `kinds` the delta's body names (e.g. cadre or enterprise).
    static func kind(of delta: Delta, among kinds: [String]) throws(InputError) -> String {
        guard let members = delta.body.members else { throw delta.error("must be an object naming one of \(kinds.joined(separator: ", "))") }
        let named = kinds.filter { kind in members.contains { $0.key == kind } }
        guard named.count == 1 else { throw delta.error("must name exactly one of \(kinds.joined(separator: ", "))") }
        return named[0]
    }

    /// The delta's body members other than `keys`: the fields a `set` writes.
    static func fields(of delta: Delta, excluding keys: Set<String>) throws(InputError) -> [(String, JSONValue)] {
        let fields = (delta.body.members ?? []).filter { !keys.contains($0.key) }
        guard !fields.isEmpty else { throw delta.error("names no field to change") }
        if let id = fields.first(where: { $0.key == "id" }) { throw delta.error("ids cannot be changed; remove and add instead", field: "id", at: id.node) }
        return fields.map { ($0.key, $0.node.json) }
    }

    /// value × factor, rounded half up to `decimals` places, from and to exact decimal text.
    static func scaled(_ value: JSONValue?, by factor: (mantissa: Int64, decimals: Int), decimals: Int) -> String? {
        guard let text = value?.text, let parsed = try? ExactDecimal.parse(Array(text.utf8), maxDecimals: decimals) else { return nil }
        let product = parsed.mantissa.multipliedReportingOverflow(by: factor.mantissa)
        guard !product.overflow else { return nil }
        // product has parsed.decimals + factor.decimals places; round half up to `decimals`.
        let excess = parsed.decimals + factor.decimals - decimals
        var result = product.partialValue
        if excess > 0 {
            let divisor = ExactDecimal.powerOfTen(excess)
            let (quotient, remainder) = result.quotientAndRemainder(dividingBy: divisor)
            result = quotient + (remainder.magnitude * 2 >= divisor.magnitude ? (result < 0 ? -1 : 1) : 0)
        } else if excess < 0 {
            let up = result.multipliedReportingOverflow(by: ExactDecimal.powerOfTen(-excess))
            guard !up.overflow else { return nil }
            result = up.partialValue
        }
        return ExactDecimal.format(result, decimals: decimals)
    }
}
