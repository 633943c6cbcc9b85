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
        String(decoding: serializedBytes(), as: UTF8.self)
    }

    /// The same text as UTF-8 bytes, written straight into one buffer (what files get).
    public func serializedBytes() -> [UInt8] {
        var output: [UInt8] = []
        write(to: &output, indent: 0)
        output.append(0x0A)
        return output
    }

    private var isScalar: Bool {
        switch self {
        case .object, .array: false
        default: true
        }
    }

    private static func pad(_ output: inout [UInt8], _ levels: Int) {
        for _ in 0 ..< levels * 2 { output.append(0x20) }
    }

    private func write(to output: inout [UInt8], indent: Int) {
        switch self {
        case let .object(members):
            if members.isEmpty { output += "{}".utf8; return }
            if members.allSatisfy({ $0.1.isScalar }) {
                output += "{ ".utf8
                for (index, member) in members.enumerated() {
                    if index > 0 { output += ", ".utf8 }
                    Self.writeQuoted(member.0, to: &output)
                    output += ": ".utf8
                    member.1.writeScalar(to: &output)
                }
                output += " }".utf8
                return
            }
            output += "{\n".utf8
            for (index, member) in members.enumerated() {
                Self.pad(&output, indent + 1)
                Self.writeQuoted(member.0, to: &output)
                output += ": ".utf8
                member.1.write(to: &output, indent: indent + 1)
                output += (index + 1 < members.count ? ",\n" : "\n").utf8
            }
            Self.pad(&output, indent)
            output.append(UInt8(ascii: "}"))
        case let .array(elements):
            if elements.isEmpty { output += "[]".utf8; return }
            if elements.allSatisfy(\.isScalar) {
                output.append(UInt8(ascii: "["))
                for (index, element) in elements.enumerated() {
                    if index > 0 { output += ", ".utf8 }
                    element.writeScalar(to: &output)
                }
                output.append(UInt8(ascii: "]"))
                return
            }
            output += "[\n".utf8
            for (index, element) in elements.enumerated() {
                Self.pad(&output, indent + 1)
                element.write(to: &output, indent: indent + 1)
                output += (index + 1 < elements.count ? ",\n" : "\n").utf8
            }
            Self.pad(&output, indent)
            output.append(UInt8(ascii: "]"))
        default:
            writeScalar(to: &output)
        }
    }

    private func writeScalar(to output: inout [UInt8]) {
        switch self {
        case let .string(text): Self.writeQuoted(text, to: &output)
        case let .number(text): output += text.utf8
        case let .bool(value): output += (value ? "true" : "false").utf8
        case .null: output += "null".utf8
        default: break
        }
    }

    /// JSON string escapes on the UTF-8 bytes: quote, backslash and control characters; all
    /// other bytes (Chinese text included) pass through unchanged.
    static func writeQuoted(_ text: String, to output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): output += "\\\"".utf8
            case UInt8(ascii: "\\"): output += "\\\\".utf8
            case 0x0A: output += "\\n".utf8
            case 0x0D: output += "\\r".utf8
            case 0x09: output += "\\t".utf8
            case 0 ..< 0x20:
                let hex = String(byte, radix: 16)
                output += ("\\u" + String(repeating: "0", count: 4 - hex.count) + hex).utf8
            default: output.append(byte)
            }
        }
        output.append(UInt8(ascii: "\""))
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
