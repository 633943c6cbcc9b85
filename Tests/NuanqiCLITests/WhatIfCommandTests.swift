import Foundation
import NuanqiCore
import Testing

/// What-if runs checked against what they claim to be: each scenario's result is the result of
/// a standalone run on the instance it emits, shards merge into the single run, bad deltas are
/// reported at their line.
@Suite struct WhatIfCommandTests {
    static func temporaryFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("nuanqi-whatif-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    /// The result text without its run record (the lines from `"run": {` to its closing brace).
    static func withoutRunRecord(_ text: String) -> String {
        var lines: [Substring] = [], skipping = false
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line == "  \"run\": {" { skipping = true; continue }
            if skipping { if line == "  }," { skipping = false }; continue }
            lines.append(line)
        }
        return lines.joined(separator: "\n")
    }

    static func json(_ value: Any) -> String {
        String(decoding: try! JSONSerialization.data(withJSONObject: value, options: [.sortedKeys]), as: UTF8.self)
    }

    /// Random Dinghai scenarios: removals, arrivals, field changes, policy and weight changes,
    /// side constraints, modes, pins and forbidden pairs.
    static func dinghaiScenarios(count: Int, seed: UInt64) -> [[String: Any]] {
        var random = SeededGenerator(seed: seed)
        let cadres = (1 ... 14).map { String(format: "C%02d", $0) }, enterprises = (1 ... 16).map { String(format: "E%02d", $0) }
        return (0 ..< count).map { index in
            var deltas: [[String: Any]] = []
            var policyTouched = false, pinAllowed = true
            // Deltas name only entities still there: naming a removed one is an error (tested apart).
            var cadres = cadres, enterprises = enterprises
            for _ in 0 ..< Int.random(in: 1 ... 4, using: &random) {
                switch Int.random(in: 0 ..< 12, using: &random) {
                case 0: deltas.append(["remove": ["cadre": cadres.remove(at: Int.random(in: 0 ..< cadres.count, using: &random))]]); pinAllowed = false
                case 1: deltas.append(["remove": ["enterprise": enterprises.remove(at: Int.random(in: 0 ..< enterprises.count, using: &random))]]); pinAllowed = false
                case 2: deltas.append(["set": ["cadre": cadres.randomElement(using: &random)!, "capacity": Int.random(in: 1 ... 2, using: &random)]])
                case 3: deltas.append(["set": ["enterprise": enterprises.randomElement(using: &random)!, "mandatory": Bool.random(using: &random)]])
                case 4: deltas.append(["set": ["enterprise": enterprises.randomElement(using: &random)!, "optedIn": false]]); pinAllowed = false
                case 5: deltas.append(["set": ["cadre": cadres.randomElement(using: &random)!, "skills": ["environment": Int.random(in: 0 ... 3, using: &random), "finance": Int.random(in: 0 ... 3, using: &random)]]])
                case 6: deltas.append(["policy": ["weights": ["sameTown": "\(Int.random(in: 0 ... 20, using: &random) / 10).\(Int.random(in: 0 ... 9, using: &random))", "tags": ["environment": "1.5"]]]])
                case 7 where !policyTouched:
                    policyTouched = true
                    deltas.append(["policy": ["maxPerDepartment": Int.random(in: 1 ... 3, using: &random)]])
                case 8 where !policyTouched:
                    policyTouched = true
                    deltas.append(["policy": ["mode": ["stable", "stable-optimal"].randomElement(using: &random)!, "proposing": ["cadres", "enterprises"].randomElement(using: &random)!]])
                case 9: deltas.append(["forbid": ["cadre": cadres.randomElement(using: &random)!, "enterprise": enterprises.randomElement(using: &random)!]])
                case 10 where pinAllowed:
                    pinAllowed = false
                    let pair = [("C01", "E01"), ("C02", "E02"), ("C03", "E03")].randomElement(using: &random)!
                    deltas.append(["pin": ["cadre": pair.0, "enterprise": pair.1]])
                default:
                    deltas.append(["add": ["cadre": ["id": "C9\(deltas.count)", "name": "新专员", "department": "区科技局", "town": "白泉",
                                                     "skills": ["environment": Int.random(in: 1 ... 3, using: &random), "technology": 2]]]])
                }
            }
            return ["name": "random \(index)", "deltas": deltas]
        }
    }

    /// Random Yongzhou market scenarios: scaled asks, demands, ratios; removed traders; new
    /// buyers; option and rule changes; a region's attainment status.
    static func yongzhouScenarios(count: Int, seed: UInt64) -> [[String: Any]] {
        var random = SeededGenerator(seed: seed)
        func factor() -> String { let hundredths = Int.random(in: 50 ... 150, using: &random); return String(format: "%d.%02d", hundredths / 100, hundredths % 100) }
        return (0 ..< count).map { index in
            var deltas: [[String: Any]] = []
            for _ in 0 ..< Int.random(in: 1 ... 3, using: &random) {
                switch Int.random(in: 0 ..< 9, using: &random) {
                case 0: deltas.append(["scale": ["offers": ["pollutant": ["NH3-N", "NOx"].randomElement(using: &random)!], "askPerTonne": factor()]])
                case 1: deltas.append(["scale": ["demands": ["buyer": "B0\(Int.random(in: 1 ... 6, using: &random))"], "tonnes": factor()]])
                case 2: deltas.append(["scale": ["links": ["from": "taizhou"], "ratio": String(format: "1.%02d", Int.random(in: 0 ... 40, using: &random))]])
                case 3: deltas.append(["remove": ["seller": ["S01", "S02", "S03", "S04", "S05", "R01", "R02"].randomElement(using: &random)!]])
                case 4: deltas.append(["remove": ["buyer": "B0\(Int.random(in: 1 ... 6, using: &random))"]])
                case 5: deltas.append(["options": ["termYears": Int.random(in: 1 ... 8, using: &random), "sectorRules": Bool.random(using: &random)]])
                case 6: deltas.append(["set": ["region": "zhoushan-dinghai", "nonAttainment": Bool.random(using: &random) ? ["NOx"] : []]])
                case 7: deltas.append(["options": ["sameWatershedTrades": Bool.random(using: &random), "minLotTonnes": "0.5"]])
                default:
                    deltas.append(["add": ["buyer": ["id": "B9\(deltas.count)", "region": ["ningbo", "zhoushan-dinghai", "taizhou"].randomElement(using: &random)!,
                                                     "demands": [["pollutant": "NH3-N", "tonnes": factor(), "maxPerTonne": "40000", "priority": Int.random(in: 1 ... 3, using: &random)]]]]])
                }
            }
            return ["name": "random \(index)", "deltas": deltas]
        }
    }

    /// ≥ 200 random scenarios: each scenario's result equals, byte for byte once the run
    /// records are set aside, the standalone run on the instance --emit-instances wrote.
    @Test(arguments: [("fixtures/dinghai/instance.json", "match", 130), ("fixtures/yongzhou/market.json", "broker", 100)])
    func scenarioResultsEqualStandaloneRuns(base: String, command: String, count: Int) throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let scenarios = command == "match" ? Self.dinghaiScenarios(count: count, seed: 11) : Self.yongzhouScenarios(count: count, seed: 12)
        let file = folder.appendingPathComponent("scenarios.json")
        try Self.json(["format": "nuanqi.scenarios/1", "scenarios": scenarios]).write(to: file, atomically: true, encoding: .utf8)
        let instances = folder.appendingPathComponent("instances").path, results = folder.appendingPathComponent("results").path
        let run = try CLI.run(["whatif", base, file.path, "--emit-instances", instances, "--results", results, "--quiet"])
        #expect(run.exitCode == 0, "\(run.standardError)")
        let summary = try JSONSerialization.jsonObject(with: Data(run.standardOutput.utf8)) as! [String: Any]
        let entries = summary["scenarios"] as! [[String: Any]]
        #expect(entries.count == count)
        var statuses: [String: Int] = [:]
        for index in 0 ..< count {
            let name = String(format: "scenario-%04d.json", index)
            let standalone = try CLI.run([command, instances + "/" + name])
            let status = (entries[index]["summary"] as! [String: Any])["status"] as! String
            statuses[status, default: 0] += 1
            if status == "error" {
                #expect(standalone.exitCode == 3, "scenario \(index): \(standalone.standardError)")
                continue
            }
            #expect(standalone.exitCode == (status == "infeasible" ? 1 : 0), "scenario \(index): \(standalone.standardError)")
            let whatIf = try String(contentsOfFile: results + "/" + name, encoding: .utf8)
            #expect(Self.withoutRunRecord(whatIf) == Self.withoutRunRecord(standalone.standardOutput), "scenario \(index) differs")
            #expect(!Self.withoutRunRecord(whatIf).contains("\"run\""))
        }
        // The family is not degenerate: most scenarios solve, and some change the answer.
        #expect(statuses["optimal", default: 0] + statuses["feasible", default: 0] >= count / 2, "\(statuses)")
        let changed = entries.filter { entry in
            guard let diff = entry["diff"] as? [String: Any] else { return false }
            return ["movedCadres", "tradesAppeared", "tradesVanished", "tradesChanged"].contains { !(diff[$0] as? [Any] ?? []).isEmpty }
        }
        #expect(changed.count >= count / 4)
    }

    static let dinghaiSweep = """
    format: nuanqi.scenarios/1
    scenarios:
      - name: 夏芬芳 retires
        deltas:
          - remove: { cadre: C01 }
      - name: a new technical cadre
        deltas:
          - add: { cadre: { id: C99, name: 新专员, department: 区科技局, town: 白泉, skills: { environment: 3, technology: 3 } } }
    sweeps:
      - name: same-town weight
        delta: { policy: { weights: { sameTown: $value } } }
        from: 0
        to: 2
        step: 0.25
      - name: max per department
        delta: { policy: { maxPerDepartment: $value } }
        values: [1, 2, 3]
    """

    /// Shards in any order merge into the single run's document, table and report; reruns and
    /// one thread versus all give the same bytes.
    @Test func shardsMergeIntoTheSingleRun() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let scenarios = folder.appendingPathComponent("sweep.yaml")
        try Self.dinghaiSweep.write(to: scenarios, atomically: true, encoding: .utf8)
        func outputs(_ prefix: String) -> [String] { ["json", "csv", "md"].map { folder.appendingPathComponent("\(prefix).\($0)").path } }
        let single = outputs("single")
        let run = try CLI.run(["whatif", "fixtures/dinghai/instance.json", scenarios.path, "--out", single[0], "--csv", single[1], "--report", single[2]])
        #expect(run.exitCode == 0, "\(run.standardError)")
        let serial = try CLI.run(["whatif", "fixtures/dinghai/instance.json", scenarios.path, "--jobs", "1"])
        #expect(serial.standardOutput == (try String(contentsOfFile: single[0], encoding: .utf8)))
        var shardFiles: [String] = []
        for index in [2, 0, 1] {
            let path = folder.appendingPathComponent("shard-\(index).json").path
            let shard = try CLI.run(["whatif", "fixtures/dinghai/instance.json", scenarios.path, "--shard", "\(index)/3", "--out", path])
            #expect(shard.exitCode == 0, "\(shard.standardError)")
            shardFiles.append(path)
        }
        let merged = outputs("merged")
        let merge = try CLI.run(["merge"] + shardFiles + ["--out", merged[0], "--csv", merged[1], "--report", merged[2]])
        #expect(merge.exitCode == 0, "\(merge.standardError)")
        for (one, other) in zip(single, merged) {
            #expect(try Data(contentsOf: URL(fileURLWithPath: one)) == (try Data(contentsOf: URL(fileURLWithPath: other))), "\(one) ≠ \(other)")
        }
        let table = try String(contentsOfFile: single[1], encoding: .utf8)
        #expect(table.split(separator: "\r\n").count == 1 + 1 + 2 + 9 + 3)
        // A missing shard is refused, naming what is missing.
        let partial = try CLI.run(["merge", shardFiles[0], shardFiles[1]])
        #expect(partial.exitCode == 2 && partial.standardError.contains("scenarios are in no shard"), "\(partial.standardError)")
    }

    /// Mistakes in a scenario file: exit 2, one line with the file, the line and the field.
    @Test(arguments: [
        ("scenarios:\n  - name: x\n    deltas:\n      - remove: { cadre: C77 }\n", ":5: scenarios[0].deltas[0].remove.cadre: unknown cadre \"C77\""),
        ("scenarios:\n  - name: x\n    deltas:\n      - set: { enterprise: E99, mandatory: true }\n", ":5: scenarios[0].deltas[0].set.enterprise: unknown enterprise \"E99\""),
        ("scenarios:\n  - name: x\n    deltas:\n      - pin: { cadre: C01, enterprise: E77 }\n", ":5: scenarios[0].deltas[0].pin.enterprise: unknown enterprise \"E77\""),
        ("scenarios:\n  - name: x\n    deltas:\n      - retire: { cadre: C01 }\n", ":5: scenarios[0].deltas[0].retire: unknown delta"),
        ("scenarios:\n  - name: x\n    deltas:\n      - scale: { offers: {}, askPerTonne: 1.2 }\n", ":5: scenarios[0].deltas[0].scale: scale applies to brokerage markets"),
        ("scenarios:\n  - name: x\n    deltas:\n      - set: { cadre: C01, capacity: 0 }\n", ":3: scenario \"x\": its instance is not valid: cadres[0].capacity: 0 must be at least 1"),
        ("sweeps:\n  - name: w\n    delta: { policy: { maxPerTown: 2 } }\n    values: [1]\n", ":4: sweeps[0].delta: has no $value placeholder"),
        ("sweeps:\n  - name: w\n    delta: { policy: { maxPerTown: $value } }\n    from: 3\n    to: 1\n    step: 1\n", ":6: sweeps[0].to: must not be below from"),
        ("sweeps:\n  - name: w\n    delta: { remove: { cadre: $value } }\n    values: [C01, C77]\n", ":4: sweeps[0].delta.remove.cadre: unknown cadre \"C77\""),
        ("scenarios:\n  - name: x\n  - name: x\n", ":4: scenarios[1].name: scenario \"x\" is already defined on line 3"),
        ("scenarios:\n  - name: x\n    deltas: [ { remove: { cadre: C01 } }\n", ":5: (YAML): did not find expected ',' or ']'"),
    ])
    func badScenarioFilesNameFileLineAndField(body: String, expected: String) throws {
        try CLI.withTemporaryFile("format: nuanqi.scenarios/1\n" + body, suffix: ".yaml") { path in
            let run = try CLI.run(["whatif", "fixtures/dinghai/instance.json", path])
            #expect(run.exitCode == 2)
            #expect(run.standardOutput.isEmpty)
            #expect(run.standardError.split(separator: "\n").count == 1)
            #expect(run.standardError.hasPrefix("nuanqi: \(path)\(expected)"), "\(run.standardError)")
        }
    }

    /// The brokerage deltas a planner asks for: as NH3-N asks go × 0.8…1.2, weighted met
    /// demand never rises (caps start to bind), cost rises while met demand stays, and the
    /// unchanged value gives the base's figures.
    @Test func askSweepMovesCostMonotonically() throws {
        let sweep = """
        {"format": "nuanqi.scenarios/1", "sweeps": [ {"name": "NH3-N asks", "delta": {"scale": {"offers": {"pollutant": "NH3-N"}, "askPerTonne": "$value"}},
          "from": 0.8, "to": 1.2, "step": 0.05 } ] }
        """
        try CLI.withTemporaryFile(sweep, suffix: ".json") { path in
            let run = try CLI.run(["whatif", "fixtures/yongzhou/market.json", path])
            #expect(run.exitCode == 0, "\(run.standardError)")
            let document = try JSONSerialization.jsonObject(with: Data(run.standardOutput.utf8)) as! [String: Any]
            let entries = document["scenarios"] as! [[String: Any]]
            #expect(entries.map { $0["name"] as! String }.first == "NH3-N asks = 0.8" && entries.count == 9)
            let figure = { (entry: [String: Any], key: String) in ((entry["summary"] as! [String: Any])[key] as! NSNumber).int64Value }
            let met = entries.map { figure($0, "weightedMetGrams") }, costs = entries.map { figure($0, "totalCostFen") }
            #expect(met == met.sorted(by: >) && met.first! > met.last!, "\(met)")
            for index in entries.indices.dropFirst() where met[index] == met[index - 1] { #expect(costs[index] > costs[index - 1], "\(costs)") }
            let base = ((document["base"] as! [String: Any])["summary"] as! [String: Any])["totalCostFen"] as! NSNumber
            let unchanged = entries.first { $0["name"] as! String == "NH3-N asks = 1" }!
            #expect(((unchanged["summary"] as! [String: Any])["totalCostFen"] as! NSNumber) == base)
        }
    }
}
