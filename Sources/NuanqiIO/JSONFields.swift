// Typed access to JSONTape values for the model readers: each accessor names the field it
// reads, so every mistake becomes `file:line: field: what is wrong`.

import NuanqiCore

struct JSONFields {
    let value: JSONValueReference
    /// The dotted path of this value, e.g. "cadres[3]".
    let path: String
    /// Keys this reader understands; others are reported as warnings.
    private(set) var unknownKeys: [String] = []
    /// The object's members, decoded once (objects are small, so a scan beats hashing).
    private let members: [(key: String, value: JSONValueReference)]

    init(_ value: JSONValueReference, path: String, known: Set<String>) throws(InputError) {
        guard let members = value.members else {
            throw .invalidValue(file: value.file, line: value.line, field: path.isEmpty ? "(document)" : path, reason: "must be an object")
        }
        self.value = value
        self.path = path
        self.members = members
        unknownKeys = members.map(\.key).filter { !known.contains($0) }
    }

    /// The top-level object of a document in `format` (e.g. "nuanqi.match/1").
    static func document(_ bytes: [UInt8], file: String, format: String, known: Set<String>) throws(InputError) -> JSONFields {
        let tape = try JSONTape(bytes: bytes, file: file)
        let document = try JSONFields(tape.root, path: "", known: known.union(["format"]))
        let written = try document.requiredString("format")
        guard written == format else {
            throw document.error("format", "is \"\(written)\"; this reader takes \"\(format)\"", at: document.member("format"))
        }
        return document
    }

    /// "file:line: field: unknown key, ignored" for each key this reader does not know.
    var unknownKeyWarnings: [String] {
        unknownKeys.map { "\(value.file):\(value.line): \(field($0)): unknown key, ignored" }
    }

    func field(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    func error(_ key: String, _ reason: String, at node: JSONValueReference? = nil) -> InputError {
        .invalidValue(file: value.file, line: (node ?? value).line, field: field(key), reason: reason)
    }

    /// The member, or nil when absent or null.
    func member(_ key: String) -> JSONValueReference? {
        guard let node = members.last(where: { $0.key == key })?.value, !node.isNull else { return nil }
        return node
    }

    func requiredString(_ key: String) throws(InputError) -> String {
        guard let node = member(key) else { throw error(key, "is required") }
        guard let text = node.string else { throw error(key, "must be a string", at: node) }
        return text
    }

    func string(_ key: String, default fallback: String = "") throws(InputError) -> String {
        guard let node = member(key) else { return fallback }
        guard let text = node.string else { throw error(key, "must be a string", at: node) }
        return text
    }

    func bool(_ key: String, default fallback: Bool) throws(InputError) -> Bool {
        guard let node = member(key) else { return fallback }
        guard let flag = node.boolean else { throw error(key, "must be true or false", at: node) }
        return flag
    }

    func integer(_ key: String) throws(InputError) -> Int? {
        guard let node = member(key) else { return nil }
        guard let text = node.numberText else { throw error(key, "must be a whole number", at: node) }
        do { return Int(try ExactDecimal.parseInteger(text)) }
        catch { throw self.error(key, error.description, at: node) }
    }

    /// A decimal given as a JSON number or a string, as an integer scaled by 10^decimals.
    func decimal(_ key: String, decimals: Int) throws(InputError) -> Int64? {
        guard let node = member(key) else { return nil }
        return try Self.decimal(node, decimals: decimals, field: field(key))
    }

    static func decimal(_ node: JSONValueReference, decimals: Int, field: String) throws(InputError) -> Int64 {
        let bytes: [UInt8]
        if let text = node.numberText { bytes = Array(text) } else if let text = node.string { bytes = Array(text.utf8) } else {
            throw .invalidValue(file: node.file, line: node.line, field: field, reason: "must be a number or a decimal string")
        }
        do {
            let (mantissa, written) = try ExactDecimal.parse(bytes, maxDecimals: decimals)
            return mantissa * ExactDecimal.powerOfTen(decimals - written)
        } catch {
            throw .invalidValue(file: node.file, line: node.line, field: field, reason: error.description)
        }
    }

    func stringList(_ key: String) throws(InputError) -> [String]? {
        guard let node = member(key) else { return nil }
        guard let elements = node.elements else { throw error(key, "must be a list of strings", at: node) }
        var result: [String] = []
        for (index, element) in elements.enumerated() {
            guard let text = element.string else { throw error("\(key)[\(index)]", "must be a string", at: element) }
            result.append(text)
        }
        return result
    }

    /// An object of tag → level, e.g. { "environment": 3 }.
    func levels(_ key: String) throws(InputError) -> [String: Int] {
        guard let node = member(key) else { return [:] }
        guard let members = node.members else { throw error(key, "must be an object of tag: level", at: node) }
        var result: [String: Int] = [:]
        for (tag, level) in members {
            guard let text = level.numberText, let value = try? ExactDecimal.parseInteger(text) else {
                throw error("\(key).\(tag)", "must be a whole number 0…3", at: level)
            }
            result[tag] = Int(value)
        }
        return result
    }

    func list(_ key: String) throws(InputError) -> [JSONValueReference] {
        guard let node = member(key) else { return [] }
        guard let elements = node.elements else { throw error(key, "must be a list", at: node) }
        return elements
    }
}
