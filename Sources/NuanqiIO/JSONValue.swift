// JSON with keys in the order they were written and numbers kept as exact decimal text, so a
// result serializes to the same bytes every time (Foundation's encoders either sort keys
// alphabetically or follow hash order, and print doubles in binary).

public indirect enum JSONValue: Sendable, Equatable {
    case object([(String, JSONValue)])
    case array([JSONValue])
    case string(String)
    /// A number as exact decimal text, e.g. "305" or "-12.5".
    case number(String)
    case bool(Bool)
    case null

    public static func integer<Value: BinaryInteger>(_ value: Value) -> JSONValue { .number(String(value)) }

    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case let (.object(left), .object(right)):
            left.count == right.count && zip(left, right).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        case let (.array(left), .array(right)): left == right
        case let (.string(left), .string(right)): left == right
        case let (.number(left), .number(right)): left == right
        case let (.bool(left), .bool(right)): left == right
        case (.null, .null): true
        default: false
        }
    }

    /// Pretty text: objects and arrays of containers one member per line, flat objects and
    /// arrays (only scalars) on one line, so a long list of assignments stays one line per pair.
    public func serialized() -> String {
        var output = ""
        write(to: &output, indent: 0)
        output += "\n"
        return output
    }

    private var isScalar: Bool {
        switch self {
        case .object, .array: false
        default: true
        }
    }

    private func write(to output: inout String, indent: Int) {
        let padding = String(repeating: "  ", count: indent + 1)
        let closing = String(repeating: "  ", count: indent)
        switch self {
        case let .object(members):
            if members.isEmpty { output += "{}"; return }
            if members.allSatisfy({ $0.1.isScalar }) {
                output += "{ " + members.map { Self.quoted($0.0) + ": " + $0.1.scalarText }.joined(separator: ", ") + " }"
                return
            }
            output += "{\n"
            for (index, member) in members.enumerated() {
                output += padding + Self.quoted(member.0) + ": "
                member.1.write(to: &output, indent: indent + 1)
                output += index + 1 < members.count ? ",\n" : "\n"
            }
            output += closing + "}"
        case let .array(elements):
            if elements.isEmpty { output += "[]"; return }
            if elements.allSatisfy(\.isScalar) {
                output += "[" + elements.map(\.scalarText).joined(separator: ", ") + "]"
                return
            }
            output += "[\n"
            for (index, element) in elements.enumerated() {
                output += padding
                element.write(to: &output, indent: indent + 1)
                output += index + 1 < elements.count ? ",\n" : "\n"
            }
            output += closing + "]"
        default:
            output += scalarText
        }
    }

    private var scalarText: String {
        switch self {
        case let .string(text): Self.quoted(text)
        case let .number(text): text
        case let .bool(value): value ? "true" : "false"
        case .null: "null"
        default: ""
        }
    }

    static func quoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result + "\""
    }
}

/// Reading results back (diffs, merges, run records): plain lookups, nil when absent.
extension JSONValue {
    /// The member named `key` of an object (the last one when repeated), nil otherwise.
    public subscript(key: String) -> JSONValue? {
        guard case let .object(members) = self else { return nil }
        return members.last(where: { $0.0 == key })?.1
    }

    public var elements: [JSONValue]? {
        if case let .array(values) = self { return values }
        return nil
    }

    public var members: [(String, JSONValue)]? {
        if case let .object(values) = self { return values }
        return nil
    }

    public var text: String? {
        switch self {
        case let .string(value), let .number(value): value
        case let .bool(value): value ? "true" : "false"
        default: nil
        }
    }

    /// An object without the members named in `keys`.
    public func removing(_ keys: Set<String>) -> JSONValue {
        guard case let .object(members) = self else { return self }
        return .object(members.filter { !keys.contains($0.0) })
    }
}

extension JSONValue {
    /// An object with one more member at the end.
    public func adding(_ key: String, _ value: JSONValue) -> JSONValue {
        guard case let .object(members) = self else { return self }
        return .object(members + [(key, value)])
    }
}
