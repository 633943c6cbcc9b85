// A parsed JSON or YAML document that remembers the line of every value, for the small
// hand-written files (scenarios, intake changes) whose mistakes must be reported as
// file:line:field. YAML goes through Yams (libyaml); JSON through the byte-level JSONTape.
// The large instance files never come here: they have their own fast readers.

import Foundation
import NuanqiCore
import Yams

public struct DocumentNode: Sendable {
    public indirect enum Value: Sendable {
        case object([(key: String, node: DocumentNode)])
        case array([DocumentNode])
        case string(String)
        /// A number as written, e.g. "0.05".
        case number(String)
        case bool(Bool)
        case null
    }

    public var value: Value
    public var line: Int
    public var file: String

    public init(value: Value, line: Int, file: String) {
        self.value = value
        self.line = line
        self.file = file
    }

    /// A `.yaml`/`.yml` file through Yams, anything else as JSON.
    public static func read(path: String) throws(InputError) -> DocumentNode {
        let bytes = try FileContents.bytes(of: path)
        let lowered = path.lowercased()
        if lowered.hasSuffix(".yaml") || lowered.hasSuffix(".yml") { return try yaml(bytes, file: path) }
        return json(try JSONTape(bytes: bytes, file: path).root)
    }

    public static func json(_ reference: JSONValueReference) -> DocumentNode {
        let value: Value
        if let members = reference.members {
            value = .object(members.map { ($0.key, json($0.value)) })
        } else if let elements = reference.elements {
            value = .array(elements.map(json))
        } else if let text = reference.string {
            value = .string(text)
        } else if let number = reference.numberText {
            value = .number(String(decoding: number, as: UTF8.self))
        } else if let flag = reference.boolean {
            value = .bool(flag)
        } else {
            value = .null
        }
        return DocumentNode(value: value, line: reference.line, file: reference.file)
    }

    public static func yaml(_ bytes: [UInt8], file: String) throws(InputError) -> DocumentNode {
        guard let text = String(validating: bytes, as: UTF8.self) else { throw .unreadable(file: file, reason: "is not UTF-8") }
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            switch error {
            case let .scanner(_, problem, mark, _), let .parser(_, problem, mark, _), let .composer(_, problem, mark, _):
                throw .invalidValue(file: file, line: mark.line, field: "(YAML)", reason: problem)
            default:
                throw .unreadable(file: file, reason: "is not valid YAML: \(error)")
            }
        } catch {
            throw .unreadable(file: file, reason: "is not valid YAML: \(error)")
        }
        guard let root else { throw .unreadable(file: file, reason: "is empty") }
        return try convert(root, file: file)
    }

    private static func convert(_ node: Node, file: String) throws(InputError) -> DocumentNode {
        let line = node.mark?.line ?? 1
        switch node {
        case let .mapping(mapping):
            var members: [(key: String, node: DocumentNode)] = []
            for (key, child) in mapping {
                guard let name = key.scalar?.string else {
                    throw .invalidValue(file: file, line: key.mark?.line ?? line, field: "(YAML)", reason: "keys must be plain text")
                }
                members.append((name, try convert(child, file: file)))
            }
            return DocumentNode(value: .object(members), line: line, file: file)
        case let .sequence(sequence):
            var elements: [DocumentNode] = []
            for child in sequence { elements.append(try convert(child, file: file)) }
            return DocumentNode(value: .array(elements), line: line, file: file)
        case let .scalar(scalar):
            // Plain scalars get YAML 1.1's implicit types (1.5 a number, true a flag, ~ null); quoted ones stay text.
            let value: Value = switch node.tag.description {
            case Tag.Name.int.rawValue, Tag.Name.float.rawValue: .number(scalar.string)
            case Tag.Name.bool.rawValue: .bool(node.bool ?? false)
            case Tag.Name.null.rawValue: .null
            default: .string(scalar.string)
            }
            return DocumentNode(value: value, line: line, file: file)
        case .alias:
            throw .invalidValue(file: file, line: line, field: "(YAML)", reason: "aliases are not supported; write the value out")
        }
    }

    /// The value without line numbers.
    public var json: JSONValue {
        switch value {
        case let .object(members): .object(members.map { ($0.key, $0.node.json) })
        case let .array(elements): .array(elements.map(\.json))
        case let .string(text): .string(text)
        case let .number(text): .number(text)
        case let .bool(flag): .bool(flag)
        case .null: .null
        }
    }

    public var members: [(key: String, node: DocumentNode)]? {
        if case let .object(values) = value { return values }
        return nil
    }

    public var elements: [DocumentNode]? {
        if case let .array(values) = value { return values }
        return nil
    }

    public var string: String? {
        if case let .string(text) = value { return text }
        return nil
    }

    /// A number or a decimal string, as written.
    public var numberText: String? {
        switch value {
        case let .number(text), let .string(text): text
        default: nil
        }
    }

    public subscript(key: String) -> DocumentNode? {
        members?.last(where: { $0.key == key })?.node
    }

    public func error(_ field: String, _ reason: String) -> InputError {
        .invalidValue(file: file, line: line, field: field, reason: reason)
    }
}

extension JSONValue {
    /// A JSON file read back (results for `merge`), numbers kept as written.
    public static func parse(_ bytes: [UInt8], file: String) throws(InputError) -> JSONValue {
        DocumentNode.json(try JSONTape(bytes: bytes, file: file).root).json
    }
}
