// A JSON reader that keeps what the model readers need and nothing more: every value's line
// (for file:line:field errors), numbers as their exact decimal text (tonnes and yuan must never
// pass through a binary double), and a flat tape instead of a tree of objects, so a
// province-size instance of half a million candidate pairs costs a few bytes per value.
//
// The tape holds one entry per value and per object key, in document order. A container's
// entry records where its last descendant ends, so a reader can skip a whole subtree in O(1).
// Parsing is one iterative pass over the bytes (no recursion, so no depth can overflow the
// stack); strings are decoded only when asked for.

import NuanqiCore

public struct JSONTape: Sendable {
    public enum Kind: UInt8, Sendable {
        case object, array, string, number, boolean, null
    }

    struct Entry: Sendable {
        var kind: Kind
        /// For `true`/`false`: 1 or 0. For containers: the number of members or elements.
        var count: Int32
        var line: Int32
        /// Scalars: the value's bytes are start ..< end (strings without their quotes).
        /// Containers: start is the opening byte, end is the tape index after the last descendant.
        var start: Int32
        var end: Int32
    }

    public let file: String
    let bytes: [UInt8]
    var entries: [Entry] = []

    /// Parses a whole document; a UTF-8 byte-order mark is skipped.
    public init(bytes: [UInt8], file: String) throws(InputError) {
        self.file = file
        self.bytes = bytes
        guard bytes.count < Int(Int32.max) else { throw .unreadable(file: file, reason: "is larger than 2 GB") }
        var parser = Parser(bytes: bytes, file: file)
        entries = try parser.parseDocument()
    }

    public var root: JSONValueReference { JSONValueReference(tape: self, index: 0) }

    func text(_ entry: Entry) -> ArraySlice<UInt8> { bytes[Int(entry.start) ..< Int(entry.end)] }
}

/// One value inside a JSONTape.
public struct JSONValueReference: Sendable {
    let tape: JSONTape
    let index: Int

    var entry: JSONTape.Entry { tape.entries[index] }
    public var kind: JSONTape.Kind { entry.kind }
    public var line: Int { Int(entry.line) }
    public var file: String { tape.file }

    /// Object members in document order; nil when this is not an object.
    public var members: [(key: String, value: JSONValueReference)]? {
        guard kind == .object else { return nil }
        var result: [(String, JSONValueReference)] = []
        result.reserveCapacity(Int(entry.count))
        var cursor = index + 1
        for _ in 0 ..< Int(entry.count) {
            let key = JSONValueReference(tape: tape, index: cursor).string ?? ""
            let value = JSONValueReference(tape: tape, index: cursor + 1)
            result.append((key, value))
            cursor = value.next
        }
        return result
    }

    /// Array elements in order; nil when this is not an array.
    public var elements: [JSONValueReference]? {
        guard kind == .array else { return nil }
        var result: [JSONValueReference] = []
        result.reserveCapacity(Int(entry.count))
        var cursor = index + 1
        for _ in 0 ..< Int(entry.count) {
            let element = JSONValueReference(tape: tape, index: cursor)
            result.append(element)
            cursor = element.next
        }
        return result
    }

    /// The member with this key (the last one if a key repeats), or nil.
    public subscript(key: String) -> JSONValueReference? {
        members?.last { $0.key == key }?.value
    }

    /// The decoded string, or nil when this is not a string.
    public var string: String? {
        guard kind == .string else { return nil }
        return JSONTape.decodeString(tape.text(entry))
    }

    /// A number's exact text as written (e.g. "7.413", "-2", "1e3"), or nil.
    public var numberText: ArraySlice<UInt8>? {
        kind == .number ? tape.text(entry) : nil
    }

    public var boolean: Bool? {
        kind == .boolean ? entry.count == 1 : nil
    }

    public var isNull: Bool { kind == .null }

    /// The tape index after this value and all it contains.
    var next: Int {
        kind == .object || kind == .array ? Int(entry.end) : index + 1
    }
}

extension JSONTape {
    /// Decodes a string body whose escapes the parser has already validated.
    static func decodeString(_ body: ArraySlice<UInt8>) -> String {
        guard body.contains(UInt8(ascii: "\\")) else { return String(decoding: body, as: UTF8.self) }
        var scalars = String.UnicodeScalarView()
        var utf8: [UInt8] = []
        var index = body.startIndex
        func flush() {
            if !utf8.isEmpty { scalars.append(contentsOf: String(decoding: utf8, as: UTF8.self).unicodeScalars); utf8.removeAll() }
        }
        while index < body.endIndex {
            let byte = body[index]
            guard byte == UInt8(ascii: "\\") else { utf8.append(byte); index += 1; continue }
            flush()
            let escape = body[index + 1]
            index += 2
            switch escape {
            case UInt8(ascii: "b"): scalars.append("\u{08}")
            case UInt8(ascii: "f"): scalars.append("\u{0C}")
            case UInt8(ascii: "n"): scalars.append("\n")
            case UInt8(ascii: "r"): scalars.append("\r")
            case UInt8(ascii: "t"): scalars.append("\t")
            case UInt8(ascii: "u"):
                var code = hexValue(body[index ..< index + 4])
                index += 4
                if (0xD800 ..< 0xDC00).contains(code), index + 6 <= body.endIndex,
                   body[index] == UInt8(ascii: "\\"), body[index + 1] == UInt8(ascii: "u") {
                    let low = hexValue(body[index + 2 ..< index + 6])
                    if (0xDC00 ..< 0xE000).contains(low) {
                        code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                        index += 6
                    }
                }
                scalars.append(Unicode.Scalar(code) ?? "\u{FFFD}")
            default: scalars.append(Unicode.Scalar(escape))
            }
        }
        flush()
        return String(scalars)
    }

    static func hexValue(_ digits: ArraySlice<UInt8>) -> UInt32 {
        digits.reduce(0) { value, byte in
            let digit: UInt8 = switch byte {
            case 0x30 ... 0x39: byte - 0x30
            case 0x41 ... 0x46: byte - 0x41 + 10
            default: byte - 0x61 + 10
            }
            return value << 4 | UInt32(digit)
        }
    }
}

/// The single pass that builds the tape.
private struct Parser {
    let bytes: [UInt8]
    let file: String
    var position = 0
    var line: Int32 = 1
    var entries: [JSONTape.Entry] = []

    init(bytes: [UInt8], file: String) {
        self.bytes = bytes
        self.file = file
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { position = 3 }
        entries.reserveCapacity(bytes.count / 8)
    }

    /// Containers not closed yet: their tape index and kind.
    private var open: [(index: Int, isObject: Bool)] = []

    mutating func parseDocument() throws(InputError) -> [JSONTape.Entry] {
        skipBlanks()
        guard position < bytes.count else { throw failure("the file is empty; expected a JSON document") }
        try parseValue()
        while let container = open.last {
            skipBlanks()
            guard position < bytes.count else {
                throw failure("the document ends inside an \(container.isObject ? "object" : "array") opened on line \(entries[container.index].line)")
            }
            let byte = bytes[position]
            let closing: UInt8 = container.isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")
            if byte == closing {
                position += 1
                entries[container.index].end = Int32(entries.count)
                open.removeLast()
                continue
            }
            if entries[container.index].count > 0 {
                guard byte == UInt8(ascii: ",") else {
                    throw failure("expected ',' or '\(Character(Unicode.Scalar(closing)))' after \(container.isObject ? "an object member" : "an array element")")
                }
                position += 1
                skipBlanks()
            }
            entries[container.index].count += 1
            if container.isObject {
                guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else { throw failure("expected a quoted key") }
                try parseString()
                skipBlanks()
                guard position < bytes.count, bytes[position] == UInt8(ascii: ":") else { throw failure("expected ':' after the key") }
                position += 1
                skipBlanks()
            }
            try parseValue()
        }
        skipBlanks()
        guard position == bytes.count else { throw failure("unexpected text after the JSON document") }
        return entries
    }

    private mutating func parseValue() throws(InputError) {
        guard position < bytes.count else { throw failure("expected a value, found the end of the file") }
        switch bytes[position] {
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            let isObject = bytes[position] == UInt8(ascii: "{")
            guard open.count < 512 else { throw failure("nesting deeper than 512 levels") }
            open.append((entries.count, isObject))
            entries.append(.init(kind: isObject ? .object : .array, count: 0, line: line, start: Int32(position), end: 0))
            position += 1
        case UInt8(ascii: "\""):
            try parseString()
        case UInt8(ascii: "t"): try parseLiteral("true", kind: .boolean, count: 1)
        case UInt8(ascii: "f"): try parseLiteral("false", kind: .boolean, count: 0)
        case UInt8(ascii: "n"): try parseLiteral("null", kind: .null, count: 0)
        case UInt8(ascii: "-"), 0x30 ... 0x39: try parseNumber()
        default:
            throw failure("unexpected character '\(Character(Unicode.Scalar(bytes[position])))'; expected a value")
        }
    }

    private mutating func parseString() throws(InputError) {
        let startLine = line
        position += 1
        let start = position
        while position < bytes.count {
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") {
                guard String(validating: bytes[start ..< position], as: UTF8.self) != nil else {
                    throw failure("a string is not valid UTF-8")
                }
                entries.append(.init(kind: .string, count: 0, line: startLine, start: Int32(start), end: Int32(position)))
                position += 1
                return
            }
            if byte == UInt8(ascii: "\\") {
                guard position + 1 < bytes.count else { break }
                let escape = bytes[position + 1]
                if escape == UInt8(ascii: "u") {
                    guard position + 6 <= bytes.count,
                          bytes[position + 2 ..< position + 6].allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || ($0 | 0x20 >= 0x61 && $0 | 0x20 <= 0x66) }) else {
                        throw failure("\\u must be followed by four hexadecimal digits")
                    }
                    position += 6
                    continue
                }
                guard "\"\\/bfnrt".utf8.contains(escape) else { throw failure("unknown escape '\\\(Character(Unicode.Scalar(escape)))' in a string") }
                position += 2
                continue
            }
            if byte < 0x20 {
                throw failure(byte == 0x0A ? "a string runs past the end of its line (missing closing quote?)" : "a control character inside a string")
            }
            position += 1
        }
        line = startLine
        throw failure("a string is not closed")
    }

    private mutating func parseLiteral(_ word: String, kind: JSONTape.Kind, count: Int32) throws(InputError) {
        let utf8 = Array(word.utf8)
        guard bytes.count - position >= utf8.count, Array(bytes[position ..< position + utf8.count]) == utf8 else {
            throw failure("unexpected text; expected \(word)")
        }
        entries.append(.init(kind: kind, count: count, line: line, start: Int32(position), end: Int32(position + utf8.count)))
        position += utf8.count
    }

    private mutating func parseNumber() throws(InputError) {
        let start = position
        func digits() -> Int {
            let from = position
            while position < bytes.count && bytes[position] >= 0x30 && bytes[position] <= 0x39 { position += 1 }
            return position - from
        }
        if bytes[position] == UInt8(ascii: "-") { position += 1 }
        let integerStart = position
        let integerDigits = digits()
        guard integerDigits > 0 else { throw failure("a '-' must be followed by digits") }
        if integerDigits > 1 && bytes[integerStart] == 0x30 { throw failure("numbers may not have leading zeros") }
        if position < bytes.count && bytes[position] == UInt8(ascii: ".") {
            position += 1
            guard digits() > 0 else { throw failure("a decimal point must be followed by digits") }
        }
        if position < bytes.count && (bytes[position] | 0x20) == UInt8(ascii: "e") {
            position += 1
            if position < bytes.count && (bytes[position] == UInt8(ascii: "+") || bytes[position] == UInt8(ascii: "-")) { position += 1 }
            guard digits() > 0 else { throw failure("an exponent must have digits") }
        }
        entries.append(.init(kind: .number, count: 0, line: line, start: Int32(start), end: Int32(position)))
    }

    private mutating func skipBlanks() {
        while position < bytes.count {
            switch bytes[position] {
            case 0x0A: line += 1; position += 1
            case 0x20, 0x09, 0x0D: position += 1
            default: return
            }
        }
    }

    private func failure(_ reason: String) -> InputError {
        .invalidValue(file: file, line: Int(line), field: "JSON", reason: reason)
    }
}
