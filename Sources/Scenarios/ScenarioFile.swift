// A scenario file (`nuanqi.scenarios/1`, JSON or YAML): named scenarios, each a list of deltas
// against a base instance, and sweeps — one delta with a `$value` placeholder and a range or
// list of values — expanded here into scenarios, in file order. Deltas keep their document
// nodes, so a delta that names an unknown id is reported at its own line.

import NuanqiCore
import NuanqiIO

public struct Delta: Sendable {
    /// add, remove, set, scale, policy, options, pin, forbid, endTerm.
    public var verb: String
    public var body: DocumentNode
    /// Where it is written, e.g. "scenarios[2].deltas[0]".
    public var path: String
    /// The planner's note (`note:` beside the verb), carried into change logs.
    public var note: String?

    public init(verb: String, body: DocumentNode, path: String, note: String? = nil) {
        self.verb = verb
        self.body = body
        self.path = path
        self.note = note
    }

    public func error(_ reason: String, field: String? = nil, at node: DocumentNode? = nil) -> InputError {
        .invalidValue(file: body.file, line: (node ?? body).line, field: path + "." + verb + (field.map { "." + $0 } ?? ""), reason: reason)
    }
}

public struct Scenario: Sendable {
    /// Position in the expanded list (0-based): what shards split on and outputs are named by.
    public var index: Int
    public var name: String
    public var deltas: [Delta]
    public var line: Int
}

public struct ScenarioFile: Sendable {
    public static let format = "nuanqi.scenarios/1"
    public static let verbs: Set<String> = ["add", "remove", "set", "scale", "policy", "options", "pin", "forbid", "endTerm"]

    public var path: String
    /// The base instance the file names (relative to the file), if any.
    public var base: String?
    public var scenarios: [Scenario]

    public static func read(path: String) throws(InputError) -> ScenarioFile {
        try parse(DocumentNode.read(path: path), path: path)
    }

    public static func parse(_ root: DocumentNode, path: String) throws(InputError) -> ScenarioFile {
        guard let members = root.members else { throw root.error("(document)", "must be an object with format, scenarios and sweeps") }
        for member in members where !["format", "base", "scenarios", "sweeps"].contains(member.key) {
            throw member.node.error(member.key, "unknown key (expected format, base, scenarios, sweeps)")
        }
        guard let format = root["format"]?.string else { throw root.error("format", "is required: \"\(Self.format)\"") }
        guard format == Self.format else { throw root["format"]!.error("format", "is \"\(format)\"; this reader takes \"\(Self.format)\"") }
        var base: String? = nil
        if let node = root["base"] {
            guard let text = node.string else { throw node.error("base", "must be a path") }
            base = text
        }
        var scenarios: [Scenario] = []
        var names: [String: Int] = [:]
        func add(_ name: String, _ deltas: [Delta], line: Int, field: String) throws(InputError) {
            if let first = names[name] {
                throw .invalidValue(file: root.file, line: line, field: field, reason: "scenario \"\(name)\" is already defined on line \(first)")
            }
            names[name] = line
            scenarios.append(Scenario(index: scenarios.count, name: name, deltas: deltas, line: line))
        }
        for (index, node) in try list(root["scenarios"], field: "scenarios").enumerated() {
            let path = "scenarios[\(index)]"
            try requireKeys(node, path: path, allowed: ["name", "deltas"])
            guard let name = node["name"]?.string, !name.isEmpty else { throw node.error(path + ".name", "is required") }
            let deltas = try list(node["deltas"], field: path + ".deltas").enumerated().map { deltaIndex, deltaNode throws(InputError) in
                try delta(deltaNode, path: "\(path).deltas[\(deltaIndex)]")
            }
            try add(name, deltas, line: node.line, field: path + ".name")
        }
        for (index, node) in try list(root["sweeps"], field: "sweeps").enumerated() {
            let path = "sweeps[\(index)]"
            try requireKeys(node, path: path, allowed: ["name", "deltas", "delta", "values", "from", "to", "step"])
            guard let name = node["name"]?.string, !name.isEmpty else { throw node.error(path + ".name", "is required") }
            let common = try list(node["deltas"], field: path + ".deltas").enumerated().map { deltaIndex, deltaNode throws(InputError) in
                try delta(deltaNode, path: "\(path).deltas[\(deltaIndex)]")
            }
            guard let template = node["delta"] else { throw node.error(path + ".delta", "is required: the delta to sweep, with $value where the value goes") }
            guard contains(placeholder: template) else { throw template.error(path + ".delta", "has no $value placeholder") }
            for value in try values(of: node, path: path) {
                let swept = try delta(substitute(template, value: value), path: path + ".delta")
                try add("\(name) = \(value)", common + [swept], line: node.line, field: path + ".name")
            }
        }
        return ScenarioFile(path: path, base: base, scenarios: scenarios)
    }

    static func requireKeys(_ node: DocumentNode, path: String, allowed: Set<String>) throws(InputError) {
        guard let members = node.members else { throw node.error(path, "must be an object") }
        for member in members where !allowed.contains(member.key) {
            throw member.node.error(path + "." + member.key, "unknown key (expected \(allowed.sorted().joined(separator: ", ")))")
        }
    }

    public static func list(_ node: DocumentNode?, field: String) throws(InputError) -> [DocumentNode] {
        guard let node else { return [] }
        if case .null = node.value { return [] }
        guard let elements = node.elements else { throw node.error(field, "must be a list") }
        return elements
    }

    public static func delta(_ node: DocumentNode, path: String) throws(InputError) -> Delta {
        let note = node["note"]
        if let note, note.string == nil { throw note.error(path + ".note", "must be text") }
        guard let members = node.members?.filter({ $0.key != "note" }), members.count == 1, let verb = members.first else {
            throw node.error(path, "a delta is an object with exactly one of \(verbs.sorted().joined(separator: ", "))")
        }
        guard verbs.contains(verb.key) else {
            throw node.error(path + "." + verb.key, "unknown delta (expected one of \(verbs.sorted().joined(separator: ", ")))")
        }
        return Delta(verb: verb.key, body: verb.node, path: path, note: note?.string)
    }

    /// The sweep's values as decimal text: a `values` list, or `from`/`to`/`step` (exact
    /// decimals, both ends included when the steps land on `to`).
    static func values(of node: DocumentNode, path: String) throws(InputError) -> [String] {
        if let list = node["values"] {
            guard let elements = list.elements, !elements.isEmpty else { throw list.error(path + ".values", "must be a non-empty list") }
            return try elements.enumerated().map { index, element throws(InputError) in
                switch element.value {
                case let .number(text), let .string(text): return text
                case let .bool(flag): return flag ? "true" : "false"
                default: throw element.error("\(path).values[\(index)]", "must be a number, text or true/false")
                }
            }
        }
        func decimal(_ key: String) throws(InputError) -> (mantissa: Int64, decimals: Int) {
            guard let item = node[key], let text = item.numberText else { throw node.error(path + "." + key, "is required (or give values)") }
            do { return try ExactDecimal.parse(Array(text.utf8)) } catch { throw item.error(path + "." + key, error.description) }
        }
        let from = try decimal("from"), to = try decimal("to"), step = try decimal("step")
        let decimals = max(from.decimals, to.decimals, step.decimals)
        func scaled(_ value: (mantissa: Int64, decimals: Int)) -> Int64 { value.mantissa * ExactDecimal.powerOfTen(decimals - value.decimals) }
        let first = scaled(from), last = scaled(to), increment = scaled(step)
        guard increment > 0 else { throw node["step"]!.error(path + ".step", "must be positive") }
        guard last >= first else { throw node["to"]!.error(path + ".to", "must not be below from") }
        guard (last - first) / increment < 100_000 else { throw node["step"]!.error(path + ".step", "gives more than 100,000 values") }
        return stride(from: first, through: last, by: Int(increment)).map { value in ExactDecimal.format(value, decimals: decimals) }
    }

    static func contains(placeholder node: DocumentNode) -> Bool {
        switch node.value {
        case let .string(text): text == "$value"
        case let .object(members): members.contains { contains(placeholder: $0.node) }
        case let .array(elements): elements.contains { contains(placeholder: $0) }
        default: false
        }
    }

    /// The template with every "$value" replaced by the value (a number when it reads as one).
    static func substitute(_ node: DocumentNode, value: String) -> DocumentNode {
        var copy = node
        switch node.value {
        case let .string(text) where text == "$value":
            if value == "true" || value == "false" {
                copy.value = .bool(value == "true")
            } else {
                copy.value = (try? ExactDecimal.parse(Array(value.utf8))) != nil ? .number(value) : .string(value)
            }
        case let .object(members): copy.value = .object(members.map { ($0.key, substitute($0.node, value: value)) })
        case let .array(elements): copy.value = .array(elements.map { substitute($0, value: value) })
        default: break
        }
        return copy
    }
}
