import NuanqiCore
import NuanqiIO
import Testing

@Suite struct JSONTapeTests {
    static func parse(_ text: String) throws(InputError) -> JSONTape {
        try JSONTape(bytes: Array(text.utf8), file: "in.json")
    }

    @Test func readsNestedValuesWithLinesAndExactNumbers() throws {
        let tape = try Self.parse("""
        \u{FEFF}{ "format": "nuanqi.broker/1",
          "sellers": [ { "id": "S01", "tonnes": 7.413, "name": "百威（宁波）啤酒\\u0020\\"A\\"" },
                       { "id": "S02", "tonnes": "10.000", "ok": true, "note": null } ],
          "empty": {}, "none": [] }
        """)
        let root = tape.root
        #expect(root.kind == .object)
        #expect(root["format"]?.string == "nuanqi.broker/1")
        let sellers = try #require(root["sellers"]?.elements)
        #expect(sellers.count == 2)
        #expect(sellers[0].line == 2 && sellers[1].line == 3)
        #expect(sellers[0]["tonnes"]?.numberText.map { String(decoding: $0, as: UTF8.self) } == "7.413")
        #expect(sellers[0]["name"]?.string == "百威（宁波）啤酒 \"A\"")
        #expect(sellers[1]["ok"]?.boolean == true)
        #expect(sellers[1]["note"]?.isNull == true)
        #expect(root["empty"]?.members?.isEmpty == true)
        #expect(root["none"]?.elements?.isEmpty == true)
        #expect(root.members?.map(\.key) == ["format", "sellers", "empty", "none"])
    }

    @Test func surrogatePairsDecode() throws {
        #expect(try Self.parse(#"["\ud83d\ude00x"]"#).root.elements?.first?.string == "😀x")
    }

    @Test func malformedDocumentsNameTheLine() {
        let cases: [(String, Int, String)] = [
            ("", 1, "the file is empty"),
            ("{\n\"a\": 1,\n}", 3, "expected a quoted key"),
            ("[1,\n2\n", 3, "the document ends inside an array"),
            ("{\"a\" 1}", 1, "expected ':'"),
            ("[01]", 1, "leading zeros"),
            ("[1.]", 1, "decimal point"),
            ("[\"abc]", 1, "not closed"),
            ("[\"a\nb\"]", 1, "runs past the end of its line"),
            ("[tru]", 1, "expected true"),
            ("[1] x", 1, "unexpected text after"),
            ("[\"\\x\"]", 1, "unknown escape"),
            ("{\"a\": 1 \"b\": 2}", 1, "expected ',' or '}'"),
            ("[1,]", 1, "unexpected character ']'"),
            ("[NaN]", 1, "unexpected character 'N'"),
        ]
        for (text, line, reason) in cases {
            do {
                _ = try Self.parse(text)
                Issue.record("accepted \(text.debugDescription)")
            } catch {
                guard case let .invalidValue(file, errorLine, field, message) = error else {
                    if case .unreadable = error { continue }
                    Issue.record("\(error)"); continue
                }
                #expect(file == "in.json" && field == "JSON")
                #expect(errorLine == line, "\(text.debugDescription): \(message)")
                #expect(message.contains(reason), "\(text.debugDescription): \(message)")
            }
        }
    }

    @Test func deepNestingIsRejectedNotCrashed() {
        #expect(throws: InputError.self) { try Self.parse(String(repeating: "[", count: 100_000)) }
    }
}
