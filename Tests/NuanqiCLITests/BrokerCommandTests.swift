import Foundation
import Solvers
import Testing

@Suite struct BrokerCommandTests {
    static let designExample = """
    { "format": "nuanqi.broker/1",
      "pollutants": [ { "id": "NH3-N", "medium": "water" }, { "id": "NOx", "medium": "air" } ],
      "regions": [ { "id": "ningbo", "city": "宁波", "watershed": "甬江" },
                   { "id": "zhoushan-dinghai", "city": "舟山", "watershed": "舟山近岸", "nonAttainment": ["NOx"] } ],
      "watershedGroups": [ ["甬江", "舟山近岸"] ],
      "links": [ { "from": "ningbo", "to": "zhoushan-dinghai", "pollutants": ["NH3-N", "NOx"], "ratio": "1.0", "feePerTonne": "0" } ],
      "sellers": [ { "id": "S01", "name": "百威（宁波）啤酒有限公司", "region": "ningbo",
                     "offers": [ { "pollutant": "NH3-N", "tonnes": "10.000", "askPerTonne": "30000" } ] } ],
      "buyers": [ { "id": "B01", "name": "舟山华康生物科技有限公司", "region": "zhoushan-dinghai",
                    "demands": [ { "pollutant": "NH3-N", "tonnes": "7.413", "maxPerTonne": "45000", "priority": 3 },
                                 { "pollutant": "NOx", "tonnes": "1.2" } ] } ],
      "options": { "termYears": 5 } }
    """

    /// DESIGN's worked example: 7.413 t at 30,000 yuan for 5 years is 111,195,000 fen; the NOx
    /// demand finds no compatible seller; one more tonne of NH3-N costs the ask.
    @Test func designExampleToTheFen() throws {
        for solver in GLPK.isAvailable ? ["native", "glpk"] : ["native"] {
            let run = try CLI.withTemporaryFile(Self.designExample, suffix: ".json") { try CLI.run(["broker", $0, "--solver", solver]) }
            #expect(run.exitCode == 0, "\(solver): \(run.standardError)")
            let output = run.standardOutput
            #expect(output.contains("\"grams\": 7413000, \"tonnes\": \"7.413\", \"sellerGrams\": 7413000"), "\(solver)")
            #expect(output.contains("\"amountFen\": 111195000 }"), "\(solver)")
            #expect(output.contains("\"totalCostFen\": 111195000,"), "\(solver)")
            #expect(output.contains("\"weightedMetGrams\": 22239000,"), "\(solver)")
            #expect(output.contains("{ \"buyer\": \"B01\", \"pollutant\": \"NOx\", \"grams\": 1200000, \"tonnes\": \"1.2\", \"reason\": \"no compatible seller: nobody offers NOx\" }"), "\(solver)")
            #expect(output.contains("\"perTonneFen\": 3000000,"), "\(solver)")
        }
    }

    @Test func badMarketsExitTwoWithFileLineField() throws {
        let broken = Self.designExample.replacingOccurrences(of: "\"ratio\": \"1.0\"", with: "\"ratio\": \"0.9\"")
        let run = try CLI.withTemporaryFile(broken, suffix: ".json") { path in (path, try CLI.run(["broker", path])) }
        #expect(run.1.exitCode == 2)
        #expect(run.1.standardError.hasPrefix("nuanqi: \(run.0):6: links[0].ratio: 0.9 is below 1"))
    }
}

@Suite struct ExactBrokerageCommandTests {
    /// `--solver glpk` on a market too large for the exact program refuses in one line with
    /// exit 3 and writes nothing; `auto` answers it with the heuristic and says why.
    @Test func glpkRefusesWhatItCannotFinish() throws {
        try CLI.withTemporaryFolder { folder in
            let market = folder.appendingPathComponent("market.json").path, out = folder.appendingPathComponent("out.json").path
            #expect(try CLI.run(["generate", "broker", "--sellers", "3000", "--buyers", "3000", "--seed", "9", "--out", market]).exitCode == 0)
            guard GLPK.isAvailable else { return }
            let refused = try CLI.run(["broker", market, "--solver", "glpk", "--prices", "0", "--out", out])
            #expect(refused.exitCode == 3)
            #expect(refused.standardError.hasPrefix("nuanqi: solver glpk cannot solve this model: ") && refused.standardError.split(separator: "\n").count == 1, "\(refused.standardError)")
            #expect(!FileManager.default.fileExists(atPath: out))
            let auto = try CLI.run(["broker", market, "--prices", "0"])
            #expect(auto.exitCode == 0)
            #expect(auto.standardOutput.contains("\"solver\": \"native-flow-heuristic\"") && auto.standardOutput.contains("exceed the exact integer program's limit"))
        }
    }
}

@Suite struct YongzhouFixtureTests {
    /// The seeds' trades come out of the optimum: 百威 → 华康 7.413 t NH3-N (111,195,000 fen
    /// over five years), the Daishan and Shengsi reserves' 2.482 t to Dinghai, and Dinghai's
    /// 7.92 t NH3-N and 30.554 t NOx (two cross-city NOx trades, one through the ratio-1.2 link).
    @Test func seedsTradesAndExpectedResult() throws {
        let expected = try String(contentsOf: CLI.packageRoot.appendingPathComponent("fixtures/yongzhou/expected.json"), encoding: .utf8)
        for line in [
            "{ \"seller\": \"S01\", \"buyer\": \"B01\", \"pollutant\": \"NH3-N\", \"grams\": 7413000,",
            "{ \"seller\": \"R01\", \"buyer\": \"B03\", \"pollutant\": \"NH3-N\", \"grams\": 1500000,",
            "{ \"seller\": \"R02\", \"buyer\": \"B03\", \"pollutant\": \"NH3-N\", \"grams\": 982000,",
            "{ \"seller\": \"S02\", \"buyer\": \"B02\", \"pollutant\": \"NH3-N\", \"grams\": 7920000,",
            "{ \"seller\": \"S04\", \"buyer\": \"B02\", \"pollutant\": \"NOx\", \"grams\": 10554000, \"tonnes\": \"10.554\", \"sellerGrams\": 12664800,",
            "{ \"seller\": \"S05\", \"buyer\": \"B02\", \"pollutant\": \"NOx\", \"grams\": 20000000,",
        ] { #expect(expected.contains(line), "\(line)") }
        #expect(expected.contains("\"amountFen\": 111195000 }"))
        if GLPK.isAvailable {
            let run = try CLI.run(["broker", "fixtures/yongzhou/market.json"])
            #expect(run.exitCode == 0, "\(run.standardError)")
            #expect(run.standardOutput == expected)
        }
        let native = try CLI.run(["broker", "fixtures/yongzhou/market.json", "--solver", "native"])
        #expect(native.exitCode == 0)
        let tradeLines = { (text: String) in text.split(separator: "\n").filter { $0.contains("\"seller\":") } }
        #expect(tradeLines(native.standardOutput) == tradeLines(expected))
    }
}

@Suite struct BrokerReportTests {
    @Test func csvAndMarkdownCarryTheTrades() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("nuanqi-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let csv = folder.appendingPathComponent("t.csv").path, report = folder.appendingPathComponent("r.md").path
        let run = try CLI.run(["broker", "fixtures/yongzhou/market.json", "--solver", "native", "--csv", csv, "--bom", "--report", report])
        #expect(run.exitCode == 0)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: csv))
        #expect(bytes.starts(with: [0xEF, 0xBB, 0xBF]))
        let lines = String(decoding: bytes.dropFirst(3), as: UTF8.self).components(separatedBy: "\r\n").filter { !$0.isEmpty }
        #expect(lines.count == 9)
        #expect(lines.contains("S01,B01,NH3-N,7.413,7413000,1,approved link,3000000,111195000"))
        let markdown = try String(contentsOfFile: report, encoding: .utf8)
        #expect(markdown.contains("| S04 | B02 | NOx | 10.554 | 12664800 | 1.2 | approved link | 3780 | 199470.6 |"))
        #expect(markdown.contains("| taizhou → zhoushan-dinghai | NOx | 10.554 |"))
        #expect(markdown.contains("## Unmet demand (2)"))
    }
}

@Suite struct BrokerMalformedCorpusTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("BadBroker")

    /// Each file or folder holds one mistake; each gives exit 2, nothing on standard output,
    /// and one line naming the file, line and field.
    @Test func malformedMarketsGiveExitTwoAndFileLineField() throws {
        let manifest = try String(contentsOf: Self.folder.appendingPathComponent("expected.tsv"), encoding: .utf8)
        let cases = manifest.split(separator: "\n").map { $0.split(separator: "\t").map(String.init) }
        #expect(cases.count >= 30)
        for fields in cases {
            let path = Self.folder.appendingPathComponent(fields[0]).path
            let run = try CLI.run(["broker", path])
            #expect(run.exitCode == 2, "\(fields[0]) exited \(run.exitCode)")
            #expect(run.standardOutput.isEmpty)
            #expect(run.standardError.split(separator: "\n").count == 1, "\(fields[0])")
            #expect(run.standardError.hasPrefix("nuanqi: \(path)\(fields[1])"), "\(fields[0]): \(run.standardError)")
        }
    }

    @Test func csvFolderMatchesTheJSONForm() throws {
        let trades = { (text: String) in text.split(separator: "\n").filter { $0.contains("\"seller\":") } }
        let folder = try CLI.run(["broker", "fixtures/yongzhou/csv", "--solver", "native"])
        let json = try CLI.run(["broker", "fixtures/yongzhou/market.json", "--solver", "native"])
        #expect(folder.exitCode == 0 && json.exitCode == 0, "\(folder.standardError)")
        #expect(!trades(folder.standardOutput).isEmpty)
        #expect(trades(folder.standardOutput) == trades(json.standardOutput))
    }
}
