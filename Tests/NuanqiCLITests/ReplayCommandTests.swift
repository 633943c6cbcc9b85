import Foundation
import Testing

/// Run records are enough to replay: match, broker, whatif and single-scenario results re-run
/// from their records to the same bytes; an edited result or a changed input is caught.
@Suite struct ReplayCommandTests {
    @Test func resultsReplayFromTheirRunRecords() throws {
        let folder = try WhatIfCommandTests.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let scenarios = folder.appendingPathComponent("sweep.yaml")
        try WhatIfCommandTests.dinghaiSweep.write(to: scenarios, atomically: true, encoding: .utf8)
        let path = { (name: String) in folder.appendingPathComponent(name).path }
        let runs: [[String]] = [
            ["match", "fixtures/dinghai/instance.json", "--out", path("match.json")],
            ["match", "fixtures/wenling", "--as-of", "2024-05", "--forcing-costs", "3", "--out", path("wenling.json")],
            ["broker", "fixtures/yongzhou/market.json", "--prices", "2", "--out", path("broker.json")],
            ["whatif", "fixtures/dinghai/instance.json", scenarios.path, "--shard", "1/2", "--results", path("results"), "--out", path("whatif.json")],
        ]
        for arguments in runs { #expect(try CLI.run(arguments).exitCode == 0, "\(arguments)") }
        for name in ["match.json", "wenling.json", "broker.json", "whatif.json", "results/scenario-0001.json"] {
            let replay = try CLI.run(["replay", path(name)])
            #expect(replay.exitCode == 0 && replay.standardOutput.contains("replays byte for byte"), "\(name): \(replay.standardOutput)\(replay.standardError)")
        }
        // An edited result is caught at its line.
        var text = try String(contentsOfFile: path("broker.json"), encoding: .utf8)
        text = text.replacingOccurrences(of: "\"grams\": 7413000,", with: "\"grams\": 7413001,")
        try text.write(toFile: path("broker.json"), atomically: true, encoding: .utf8)
        let edited = try CLI.run(["replay", path("broker.json")])
        #expect(edited.exitCode == 1 && edited.standardOutput.contains("differs on replay"), "\(edited.standardOutput)")
        // So is an input that changed since the run.
        let copy = path("instance.json")
        try FileManager.default.copyItem(atPath: CLI.packageRoot.appendingPathComponent("fixtures/dinghai/instance.json").path, toPath: copy)
        #expect(try CLI.run(["match", copy, "--out", path("copy.json")]).exitCode == 0)
        try (try String(contentsOfFile: copy, encoding: .utf8)).replacingOccurrences(of: "夏芬芳", with: "夏芬").write(toFile: copy, atomically: true, encoding: .utf8)
        let changed = try CLI.run(["replay", path("copy.json")])
        #expect(changed.exitCode == 1 && changed.standardOutput.contains("has changed since the run"), "\(changed.standardOutput)")
    }
}
