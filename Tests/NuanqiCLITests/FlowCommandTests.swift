import Foundation
import Testing

@Suite struct FlowCommandTests {
    static func field(_ name: String, in json: String) -> String? {
        guard let range = json.range(of: "\"\(name)\": ") else { return nil }
        return String(json[range.upperBound...].prefix { $0 != "," && $0 != "\n" })
    }

    /// The networks match and broker export are the ones they solve: `nuanqi flow` on the
    /// DIMACS file reaches minus the optimal score, and the brokerage cost Σ price × grams.
    @Test func exportedNetworksSolveToTheCommandsOptimum() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("nuanqi-flow-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let matchNetwork = folder.appendingPathComponent("dinghai.min").path
        let match = try CLI.run(["match", "fixtures/dinghai/instance.json", "--export-model", matchNetwork])
        #expect(match.exitCode == 0, "\(match.standardError)")
        let flow = try CLI.run(["flow", matchNetwork])
        #expect(flow.exitCode == 0 && Self.field("cost", in: flow.standardOutput) == "-47200000", "\(flow.standardOutput)")
        #expect(Self.field("objective", in: match.standardOutput) == "47.2")

        for seed in 1 ... 5 {
            let market = folder.appendingPathComponent("market\(seed).json").path
            #expect(try CLI.run(["generate", "broker", "--sellers", "40", "--buyers", "40", "--regions", "6", "--seed", "\(seed)", "--pure", "--out", market]).exitCode == 0)
            let network = folder.appendingPathComponent("market\(seed).min").path
            let broker = try CLI.run(["broker", market, "--export-model", network, "--csv", folder.appendingPathComponent("t.csv").path])
            #expect(broker.exitCode == 0, "\(broker.standardError)")
            // Σ perTonneYearFen × grams over the trades (ratio 1: seller grams = grams received) is the flow's cost.
            let rows = try String(contentsOfFile: folder.appendingPathComponent("t.csv").path, encoding: .utf8).split(whereSeparator: \.isNewline).map { $0.split(separator: ",", omittingEmptySubsequences: false) }
            let header = rows[0].map(String.init)
            let grams = header.firstIndex(of: "sellerGrams")!, price = header.firstIndex(of: "perTonneYearFen")!
            let cost = rows.dropFirst().reduce(Int64(0)) { $0 + Int64($1[grams])! * Int64($1[price])! }
            for solver in ["native", "glpk"] {
                let solved = try CLI.run(["flow", network, "--solver", solver])
                if solver == "glpk" && solved.exitCode == 3 { continue } // built without GLPK
                #expect(solved.exitCode == 0 && Self.field("cost", in: solved.standardOutput) == "\(cost)", "seed \(seed) \(solver): \(cost) vs \(solved.standardOutput)")
            }
        }
    }

    @Test func malformedNetworksNameTheLine() throws {
        let cases: [(String, String)] = [
            ("p min 2 1\na 1 3 0 1 1\n", ":2: to: node 3 is outside 1…2"),
            ("p min 2 1\nn 1 4\nn 2 -4\na 1 2 5 1 1\n", ":4: low: bounds 5…1 are empty or negative"),
            ("p min 2 2\na 1 2 0 1 1\n", ": p: declares 2 arcs, the file has 1"),
            ("a 1 2 0 1 1\n", ":1: a: comes before the problem line"),
            ("p max 2 1\n", ":1: p: expected \"p min NODES ARCS\""),
            ("p min 2 1\nn 1 x\n", ":2: supply: \"x\" is not an integer"),
            ("p min 2 1\nn 1 3\na 1 2 0 5 1\n", ":1: p: supplies sum to 3, not 0"),
            ("c nothing\n", "no problem line"),
        ]
        for (text, expected) in cases {
            try CLI.withTemporaryFile(text, suffix: ".min") { path in
                let run = try CLI.run(["flow", path])
                #expect(run.exitCode == 2 && run.standardError.contains(expected) && run.standardOutput.isEmpty, "\(text): \(run.standardError)")
            }
        }
    }

    @Test func infeasibleNetworkExitsOneWithItsCut() throws {
        try CLI.withTemporaryFile("p min 3 2\nn 1 4\nn 3 -4\na 1 2 0 3 1\na 2 3 0 9 1\n", suffix: ".min") { path in
            let run = try CLI.run(["flow", path])
            #expect(run.exitCode == 1 && run.standardOutput.contains("\"infeasibleCut\""), "\(run.standardOutput)")
        }
    }
}
