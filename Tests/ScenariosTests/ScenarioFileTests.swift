import NuanqiCore
import NuanqiIO
@testable import Scenarios
import Testing

@Suite struct ScenarioFileTests {
    static func parse(_ text: String, yaml: Bool) throws -> ScenarioFile {
        let file = yaml ? "s.yaml" : "s.json"
        let root = yaml ? try DocumentNode.yaml(Array(text.utf8), file: file) : DocumentNode.json(try JSONTape(bytes: Array(text.utf8), file: file).root)
        return try ScenarioFile.parse(root, path: file)
    }

    /// The same scenarios written in YAML and JSON read to the same deltas; plain YAML numbers
    /// and flags get their types, quoted ones stay text.
    @Test func yamlAndJSONReadAlike() throws {
        let yaml = """
        format: nuanqi.scenarios/1
        scenarios:
          - name: 夏芬芳 retires
            deltas:
              - remove: { cadre: C01 }
                note: retires
              - set: { enterprise: E01, mandatory: true, capacity: 2, name: "007" }
        """
        let json = """
        {"format": "nuanqi.scenarios/1", "scenarios": [ {"name": "夏芬芳 retires", "deltas": [
          {"remove": {"cadre": "C01"}, "note": "retires"}, {"set": {"enterprise": "E01", "mandatory": true, "capacity": 2, "name": "007"}} ] } ] }
        """
        let fromYAML = try Self.parse(yaml, yaml: true), fromJSON = try Self.parse(json, yaml: false)
        #expect(fromYAML.scenarios.count == 1 && fromJSON.scenarios.count == 1)
        for (left, right) in zip(fromYAML.scenarios[0].deltas, fromJSON.scenarios[0].deltas) {
            #expect(left.verb == right.verb && left.body.json == right.body.json && left.note == right.note)
        }
        #expect(fromYAML.scenarios[0].deltas[1].body.json["name"] == .string("007"))
        #expect(fromYAML.scenarios[0].deltas[1].body.json["capacity"] == .number("2"))
        #expect(fromYAML.scenarios[0].deltas[1].body.line == 7)
    }

    /// Ranges expand with exact decimals, both ends included, into "name = value" scenarios
    /// after the plain ones; the placeholder becomes a number.
    @Test func sweepsExpandExactly() throws {
        let file = try Self.parse("""
        format: nuanqi.scenarios/1
        scenarios: [ { name: base case, deltas: [] } ]
        sweeps:
          - name: asks
            deltas: [ { options: { termYears: 3 } } ]
            delta: { scale: { offers: { pollutant: NH3-N }, askPerTonne: $value } }
            from: 0.8
            to: 1.2
            step: 0.05
          - name: cap
            delta: { policy: { maxPerDepartment: $value } }
            values: [1, 2, 3, 4]
        """, yaml: true)
        let names = file.scenarios.map(\.name)
        #expect(names.count == 1 + 9 + 4)
        #expect(names[1] == "asks = 0.8" && names[2] == "asks = 0.85" && names[9] == "asks = 1.2" && names[13] == "cap = 4")
        #expect(file.scenarios.map(\.index) == Array(0 ..< 14))
        let swept = file.scenarios[2].deltas
        #expect(swept.count == 2 && swept[0].verb == "options")
        #expect(swept[1].body.json["askPerTonne"] == .number("0.85"))
    }

    @Test func scalingRoundsHalfUpToTheField() {
        let factor = { (text: String) in try! ExactDecimal.parse(Array(text.utf8)) }
        #expect(DocumentEditor.scaled(.string("30000"), by: factor("1.05"), decimals: 2) == "31500")
        #expect(DocumentEditor.scaled(.string("0.35"), by: factor("0.5"), decimals: 2) == "0.18")
        #expect(DocumentEditor.scaled(.string("0.34"), by: factor("0.5"), decimals: 2) == "0.17")
        #expect(DocumentEditor.scaled(.string("7.413"), by: factor("0.333333"), decimals: 6) == "2.470998")
        #expect(DocumentEditor.scaled(.string("1.2"), by: factor("1.25"), decimals: 4) == "1.5")
        #expect(DocumentEditor.scaled(.string("0.000001"), by: factor("0.5"), decimals: 6) == "0.000001")
        #expect(DocumentEditor.scaled(.string("9000000000000"), by: factor("1000000"), decimals: 2) == nil)
    }

    /// Removing a cadre removes every mention of it, so the edited instance still reads.
    @Test func removalCascades() throws {
        let document = try JSONValue.parse(Array("""
        {"format": "nuanqi.match/1", "cadres": [ {"id": "C1"}, {"id": "C2"} ],
         "enterprises": [ {"id": "E1", "ranking": ["C1", "C2"], "excludes": ["C1"]} ],
         "pinned": [ {"cadre": "C1", "enterprise": "E1"} ], "incumbents": [ {"cadre": "C2", "enterprise": "E1"} ] }
        """.utf8), file: "i.json")
        var editor = DocumentEditor(document: document)
        let delta = Delta(verb: "remove", body: DocumentNode(value: .object([(key: "cadre", node: DocumentNode(value: .string("C1"), line: 3, file: "s.yaml"))]), line: 3, file: "s.yaml"), path: "scenarios[0].deltas[0]")
        try MatchingEdits.apply(delta, to: &editor)
        let edited = editor.document
        #expect(edited["cadres"]?.elements?.count == 1)
        #expect(edited["enterprises"]?.elements?[0]["ranking"] == .array([.string("C2")]))
        #expect(edited["enterprises"]?.elements?[0]["excludes"] == .array([]))
        #expect(edited["pinned"] == .array([]) && edited["incumbents"]?.elements?.count == 1)
        _ = try MatchingInstanceReader.parse(Array(edited.serialized().utf8), file: "edited.json")
        #expect(throws: InputError.invalidValue(file: "s.yaml", line: 3, field: "scenarios[0].deltas[0].remove.cadre", reason: "unknown cadre \"C1\"")) {
            try MatchingEdits.apply(delta, to: &editor)
        }
    }

    @Test func runRecordGap() {
        let verdict = { (objective: String, bound: String) in
            RunRecord.verdict(of: .object([("objective", .number(objective)), ("bound", .number(bound))])).gap
        }
        #expect(verdict("99", "100") == .number("0.01"))
        #expect(verdict("47.2", "47.2") == .number("0"))
        #expect(verdict("0", "0") == .number("0"))
        #expect(RunRecord.verdict(of: .object([("weightedMetGrams", .number("750")), ("weightedMetBound", .number("1000"))])).gap == .number("0.25"))
    }

    @Test func shardsSplitEvenlyAndCoverEverything() {
        for count in 1 ... 7 {
            let shards = (0 ..< count).map { Shard("\($0)/\(count)")! }
            for index in 0 ..< 50 { #expect(shards.filter { $0.contains(index) }.count == 1) }
        }
        #expect(Shard("3/3") == nil && Shard("-1/2") == nil && Shard("1") == nil && Shard("0/0") == nil)
    }
}
