import Foundation
import Solvers
import Testing

@Suite struct MatchCommandTests {
    static let badMatch = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("BadMatch")

    @Test func dinghaiFixtureMatchesExpectedAndReruns() throws {
        let expected = try String(contentsOf: CLI.packageRoot.appendingPathComponent("fixtures/dinghai/expected.json"), encoding: .utf8)
        let first = try CLI.run(["match", "fixtures/dinghai/instance.json"])
        #expect(first.exitCode == 0, "\(first.standardError)")
        #expect(first.standardOutput == expected)
        #expect(try CLI.run(["match", "fixtures/dinghai/instance.json"]).standardOutput == first.standardOutput)
        // The seeds' pairs: 夏芬芳→舟山华康生物, 夏高方→舟山长宏, 王家通→浙江聚泰.
        for pair in [("C01", "E01"), ("C02", "E02"), ("C03", "E03")] {
            #expect(expected.contains("\"cadre\": \"\(pair.0)\", \"cadreName\"") && expected.contains("\"enterprise\": \"\(pair.1)\""))
        }
        if GLPK.isAvailable {
            let glpk = try CLI.run(["match", "fixtures/dinghai/instance.json", "--solver", "glpk"])
            #expect(glpk.exitCode == 0)
            #expect(glpk.standardOutput.contains("\"objective\": 47.2,") && glpk.standardOutput.contains("\"coveredEnterprises\": 14,"))
        }
    }

    @Test func infeasibleMandatoryCoverageExitsOneWithCertificate() throws {
        let run = try CLI.withTemporaryFile("""
        { "format": "nuanqi.match/1", "policy": { "asOf": "2026-11" },
          "cadres": [ { "id": "C1" }, { "id": "C2", "excludes": ["E1", "E2"] } ],
          "enterprises": [ { "id": "E1", "mandatory": true }, { "id": "E2", "mandatory": true }, { "id": "E3" } ] }
        """, suffix: ".json") { try CLI.run(["match", $0]) }
        #expect(run.exitCode == 1)
        #expect(run.standardOutput.contains("\"mandatoryEnterprises\": [\"E1\", \"E2\"],"))
        #expect(run.standardOutput.contains("\"cadres\": [\"C1\"],"))
        #expect(run.standardOutput.contains("\"certificateHolds\": true"))
    }

    @Test func malformedInstancesGiveExitTwoAndFileLineField() throws {
        let manifest = try String(contentsOf: Self.badMatch.appendingPathComponent("expected.tsv"), encoding: .utf8)
        #expect(manifest.split(separator: "\n").count >= 30)
        for fields in manifest.split(separator: "\n").map({ $0.split(separator: "\t").map(String.init) }) {
            let path = Self.badMatch.appendingPathComponent(fields[0]).path
            let run = try CLI.run(["match", path])
            #expect(run.exitCode == 2, "\(fields[0]) exited \(run.exitCode)")
            #expect(run.standardOutput.isEmpty)
            #expect(run.standardError.hasPrefix("nuanqi: \(path)\(fields[1])"), "\(fields[0]): \(run.standardError)")
        }
    }

    @Test func sideConstraintsSolveInModeOptimalOnly() throws {
        let fixture = try String(contentsOf: CLI.packageRoot.appendingPathComponent("fixtures/dinghai/instance.json"), encoding: .utf8)
        let limited = fixture.replacingOccurrences(of: "\"mode\": \"optimal\",", with: "\"mode\": \"optimal\", \"maxPerTown\": 2,")
        for solver in GLPK.isAvailable ? ["glpk", "native"] : ["native"] {
            let run = try CLI.withTemporaryFile(limited, suffix: ".json") { try CLI.run(["match", $0, "--solver", solver]) }
            #expect(run.exitCode == 0, "\(solver): \(run.standardError)")
            #expect(run.standardOutput.contains("\"feasible\": true"), "\(solver)")
        }
        if GLPK.isAvailable {
            // Two key projects in 白泉 and two in 岑港: one per town cannot cover them.
            let tight = limited.replacingOccurrences(of: "\"maxPerTown\": 2", with: "\"maxPerTown\": 1")
            let run = try CLI.withTemporaryFile(tight, suffix: ".json") { try CLI.run(["match", $0, "--solver", "glpk"]) }
            #expect(run.exitCode == 1, "\(run.standardError)")
            #expect(run.standardOutput.contains("\"status\": \"infeasible\""))
        }
        let stable = limited.replacingOccurrences(of: "\"mode\": \"optimal\"", with: "\"mode\": \"stable\"")
        let run = try CLI.withTemporaryFile(stable, suffix: ".json") { try CLI.run(["match", $0]) }
        #expect(run.exitCode == 3)
        #expect(run.standardError.contains("apply to mode optimal only"))
    }
}

@Suite struct GenerateCommandTests {
    @Test func sameSeedSameBytesAndTheInstanceSolves() throws {
        let arguments = ["generate", "match", "--cadres", "60", "--enterprises", "120", "--candidates", "8", "--seed", "3"]
        let first = try CLI.run(arguments), second = try CLI.run(arguments)
        #expect(first.exitCode == 0)
        #expect(first.standardOutput == second.standardOutput)
        #expect(try CLI.run(arguments.dropLast() + ["4"]).standardOutput != first.standardOutput)
        for mode in ["optimal", "stable", "stable-optimal"] {
            let text = first.standardOutput.replacingOccurrences(of: "\"mode\": \"optimal\"", with: "\"mode\": \"\(mode)\"")
            let run = try CLI.withTemporaryFile(text, suffix: ".json") { try CLI.run(["match", $0]) }
            #expect(run.exitCode == 0, "\(mode): \(run.standardError)")
            // Without GLPK, stable-optimal is the native fallback: feasible with a bound (optimal
            // only when it meets the bound).
            let statuses = mode == "stable-optimal" && !GLPK.isAvailable ? ["feasible", "optimal"] : ["optimal"]
            #expect(statuses.contains { run.standardOutput.contains("\"status\": \"\($0)\"") }, "\(mode)")
            if mode != "optimal" { #expect(run.standardOutput.contains("\"blockingPairs\": 0,"), "\(mode)") }
        }
    }
}

@Suite struct MatchReportTests {
    @Test func csvAndMarkdownCarryTheSameAssignments() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("nuanqi-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let csv = folder.appendingPathComponent("a.csv").path, report = folder.appendingPathComponent("r.md").path
        let run = try CLI.run(["match", "fixtures/dinghai/instance.json", "--csv", csv, "--bom", "--report", report])
        #expect(run.exitCode == 0)
        let csvBytes = try Data(contentsOf: URL(fileURLWithPath: csv))
        #expect(csvBytes.starts(with: [0xEF, 0xBB, 0xBF]))
        let csvText = String(decoding: csvBytes.dropFirst(3), as: UTF8.self)
        let lines = csvText.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        #expect(lines.count == 15)
        #expect(lines[1].hasPrefix("C01,夏芬芳,E01,舟山华康生物科技有限公司,6,\"fit 5 (approval 2, environment 3)"))
        let markdown = try String(contentsOfFile: report, encoding: .utf8)
        #expect(markdown.contains("| objective | 47.2 |"))
        #expect(markdown.contains("## Assignments (14)"))
        #expect(markdown.contains("## Enterprises without a cadre (2)"))
    }
}

@Suite struct WenlingFixtureTests {
    /// The CSV folder form: GLPK reproduces the checked-in result byte for byte; the native
    /// repair heuristic (the fallback without GLPK) is verified and stays below it.
    @Test func csvFolderSolvesAndMatchesExpected() throws {
        let expected = try String(contentsOf: CLI.packageRoot.appendingPathComponent("fixtures/wenling/expected.json"), encoding: .utf8)
        #expect(expected.contains("\"coveredEnterprises\": 36,") && expected.contains("\"mandatoryCovered\": \"6 of 6\","))
        if GLPK.isAvailable {
            let run = try CLI.run(["match", "fixtures/wenling", "--solver", "glpk"])
            #expect(run.exitCode == 0, "\(run.standardError)")
            #expect(run.standardOutput == expected)
        }
        let native = try CLI.run(["match", "fixtures/wenling", "--solver", "native"])
        #expect(native.exitCode == 0, "\(native.standardError)")
        #expect(native.standardOutput.contains("\"feasible\": true"))
        #expect(native.standardOutput.contains("\"solver\": \"native-repair-heuristic\""))
    }
}
