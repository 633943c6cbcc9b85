import Foundation
import Testing

/// Intake rounds: chains replay byte for byte, incumbents stay unless moving pays the churn
/// threshold, key projects stay covered, and a kill during the write leaves earlier rounds intact.
@Suite struct RoundCommandTests {
    static let changes = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Rounds")
    static let changeFiles = ["changes-2.yaml", "changes-3.yaml", "changes-4.yaml", "changes-5.json"].map { changes.appendingPathComponent($0).path }

    static func files(of folder: URL) throws -> [String: Data] {
        var contents: [String: Data] = [:]
        for round in try FileManager.default.contentsOfDirectory(atPath: folder.path) where !round.hasPrefix(".") {
            for name in try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent(round).path) {
                contents[round + "/" + name] = try Data(contentsOf: folder.appendingPathComponent(round).appendingPathComponent(name))
            }
        }
        return contents
    }

    static func chain(in folder: URL) throws {
        let start = try CLI.run(["round", folder.path, "--start", "fixtures/dinghai/instance.json"])
        #expect(start.exitCode == 0, "\(start.standardError)")
        for file in changeFiles {
            let run = try CLI.run(["round", folder.path, "--changes", file])
            #expect(run.exitCode == 0, "\(file): \(run.standardError)")
        }
    }

    static func object(_ data: Data) throws -> [String: Any] { try JSONSerialization.jsonObject(with: data) as! [String: Any] }

    @Test func fiveChainedRoundsReplayByteIdentically() throws {
        let root = try WhatIfCommandTests.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let first = root.appendingPathComponent("a"), second = root.appendingPathComponent("b")
        try Self.chain(in: first)
        try Self.chain(in: second)
        let files = try Self.files(of: first)
        #expect(files.count == 5 * 4 + 4)
        #expect(files == (try Self.files(of: second)))
        for round in 1 ... 5 {
            let name = String(format: "round-%03d", round)
            let result = try Self.object(files[name + "/result.json"]!)
            let log = try Self.object(files[name + "/changelog.json"]!)
            // Key projects stay covered, round after round.
            let mandatory = (result["mandatoryCovered"] as! String).split(separator: " ")
            #expect(result["status"] as? String == "optimal" && mandatory.first == mandatory.last, "\(name): \(result["mandatoryCovered"]!)")
            // The round's result is what `match` gives on the round's instance.
            let standalone = try CLI.run(["match", first.appendingPathComponent(name).appendingPathComponent("instance.json").path])
            #expect(WhatIfCommandTests.withoutRunRecord(standalone.standardOutput) == WhatIfCommandTests.withoutRunRecord(String(decoding: files[name + "/result.json"]!, as: UTF8.self)))
            // Every moved incumbent is paid for: the plan beats keeping them all by ≥ threshold each.
            let churn = log["churn"] as! [String: Any]
            if let gain = churn["gain"] as? NSNumber, let keeping = churn["keepingAll"] as? [String: Any],
               (keeping["coveredEnterprises"] as! NSNumber) == (result["coveredEnterprises"] as! NSNumber) {
                #expect(gain.doubleValue >= (churn["required"] as! NSNumber).doubleValue - 1e-9, "\(name): \(churn)")
            }
            // Every cadre whose placement changed has an entry with a reason.
            for entry in log["assignments"] as! [[String: Any]] { #expect(!(entry["reason"] as! String).isEmpty) }
            if round > 1 { #expect(!(log["changes"] as! [Any]).isEmpty && files[name + "/changelog.md"] != nil) }
        }
        // The ended term is logged with the change that ended it.
        let third = try Self.object(files["round-003/changelog.json"]!)
        let ended = (third["assignments"] as! [[String: Any]]).first { $0["cadre"] as? String == "C01" }!
        #expect((ended["to"] as! [String]).contains("E01") == false)
        #expect((ended["causedBy"] as! [String]).contains { $0.contains("term at 华康 ends") })
        // Rounds are never overwritten, and a round needs its predecessor.
        let again = try CLI.run(["round", first.path, "--start", "fixtures/dinghai/instance.json"])
        #expect(again.exitCode == 2 && again.standardError.contains("already holds round-005"))
    }

    /// A large churn threshold keeps every incumbent that coverage allows; none moves more
    /// than with no threshold at all.
    @Test func churnThresholdKeepsIncumbents() throws {
        let root = try WhatIfCommandTests.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let instance = root.appendingPathComponent("district.json").path
        #expect(try CLI.run(["generate", "match", "--cadres", "120", "--enterprises", "200", "--seed", "4", "--out", instance]).exitCode == 0)
        var moved: [Int] = []
        for threshold in ["0", "1000"] {
            let folder = root.appendingPathComponent("t" + threshold).path
            #expect(try CLI.run(["round", folder, "--start", instance, "--as-of", "2025-01", "--forcing-costs", "0"]).exitCode == 0)
            let changes = root.appendingPathComponent("c\(threshold).yaml")
            try """
            format: nuanqi.changes/1
            changes:
              - remove: { cadre: C00003 }
              - remove: { cadre: C00017 }
              - add: { cadre: { id: C09001, name: 新, department: 区科技局, town: 白泉, skills: { technology: 3, environment: 3, finance: 3 } } }
              - policy: { churnThreshold: \(threshold), weights: { sameTown: 1.5 } }
            """.write(to: changes, atomically: true, encoding: .utf8)
            let run = try CLI.run(["round", folder, "--changes", changes.path, "--forcing-costs", "0"])
            #expect(run.exitCode == 0, "\(run.standardError)")
            let log = try Self.object(try Data(contentsOf: URL(fileURLWithPath: folder + "/round-002/changelog.json")))
            let churn = log["churn"] as! [String: Any]
            moved.append((churn["moved"] as! NSNumber).intValue)
            if threshold == "1000", moved.last! > 0 {
                // Only coverage can force a move past such a threshold.
                let keeping = churn["keepingAll"]
                #expect(!(keeping is [String: Any]) || ((keeping as! [String: Any])["coveredEnterprises"] as! NSNumber).intValue < (log["coveredEnterprises"] as! NSNumber).intValue)
            }
        }
        #expect(moved[1] <= moved[0], "\(moved)")
        #expect(moved[0] > 0, "the weight change should move someone without a threshold: \(moved)")
    }

    /// SIGKILL while round 2 is being written: round 1 stays byte for byte and readable, no
    /// round 2 appears, and the next run completes as if nothing had happened.
    @Test func killDuringTheWriteLeavesThePreviousRoundIntact() throws {
        let root = try WhatIfCommandTests.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let folder = root.appendingPathComponent("rounds"), reference = root.appendingPathComponent("reference")
        #expect(try CLI.run(["round", folder.path, "--start", "fixtures/dinghai/instance.json"]).exitCode == 0)
        #expect(try CLI.run(["round", reference.path, "--start", "fixtures/dinghai/instance.json"]).exitCode == 0)
        let before = try Self.files(of: folder)

        let process = Process()
        process.executableURL = CLI.executable
        process.arguments = ["round", folder.path, "--changes", Self.changeFiles[0]]
        process.currentDirectoryURL = CLI.packageRoot
        process.environment = ProcessInfo.processInfo.environment.merging(["NUANQI_WRITE_PAUSE_MS": "400"]) { $1 }
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Wait until the staging folder holds at least one file: the write has begun.
        var staged: String? = nil
        for _ in 0 ..< 3000 where staged == nil {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
            if let partial = names.first(where: { $0.hasPrefix(".round-002.partial-") }),
               !((try? FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent(partial).path)) ?? []).isEmpty {
                staged = partial
            } else {
                usleep(2000)
            }
        }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(staged != nil, "the write never started")
        #expect(process.terminationReason == .uncaughtSignal)
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("round-002").path))
        let after = try Self.files(of: folder)
        #expect(after == before)
        // What the kill left behind is only the hidden staging folder.
        #expect(staged.map { FileManager.default.fileExists(atPath: folder.appendingPathComponent($0).path) } == true)
        for (name, data) in after where name.hasSuffix(".json") { #expect((try? JSONSerialization.jsonObject(with: data)) != nil, "\(name)") }
        #expect(try Self.object(after["round-001/result.json"]!)["status"] as? String == "optimal")

        // The next run finishes the round, clears the abandoned folder, and equals an uninterrupted run.
        #expect(try CLI.run(["round", folder.path, "--changes", Self.changeFiles[0]]).exitCode == 0)
        #expect(try CLI.run(["round", reference.path, "--changes", Self.changeFiles[0]]).exitCode == 0)
        #expect(try Self.files(of: folder) == (try Self.files(of: reference)))
        #expect(!((try FileManager.default.contentsOfDirectory(atPath: folder.path)).contains { $0.hasPrefix(".") }))
    }
}
