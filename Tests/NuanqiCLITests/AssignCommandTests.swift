import Foundation
import Solvers
import Testing

@Suite struct AssignCommandTests {
    static let knownOptima: [(file: String, optimum: Int)] = [
        ("assign100", 305), ("assign200", 475), ("assign300", 626), ("assign400", 804),
        ("assign500", 991), ("assign600", 1176), ("assign700", 1362), ("assign800", 1552),
        ("assignp800", 2239), ("assignp1500", 5839), ("assignp3000", 18696), ("assignp5000", 48533),
    ]

    static var orlibPresent: Bool { FileManager.default.fileExists(atPath: CLI.orlib.appendingPathComponent("assign100.txt").path) }

    /// Beasley's OR-Library instances reach their published optima with the native path, and
    /// the dense ones (assign100–800) with GLPK too.
    @Test(.enabled(if: orlibPresent), arguments: knownOptima)
    func orLibraryOptima(file: String, optimum: Int) throws {
        let path = CLI.orlib.appendingPathComponent("\(file).txt").path
        var solvers = ["native", "auto"]
        if GLPK.isAvailable && !file.hasPrefix("assignp") { solvers.append("glpk") }
        for solver in solvers {
            let run = try CLI.run(["assign", path, "--solver", solver])
            #expect(run.exitCode == 0, "\(file) \(solver): \(run.standardError)")
            #expect(run.standardOutput.contains("\n  \"objective\": \(optimum),\n"), "\(file) \(solver)")
            #expect(run.standardOutput.contains("\"optimalityProven\": true"), "\(file) \(solver)")
        }
    }

    @Test func badInputCorpusGivesExitTwoAndFileLineField() throws {
        let manifest = try String(contentsOf: CLI.badInput.appendingPathComponent("expected.tsv"), encoding: .utf8)
        let cases = manifest.split(separator: "\n").map { $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) }
        #expect(cases.count >= 30)
        for fields in cases {
            let path = CLI.badInput.appendingPathComponent(fields[0]).path
            let extra = fields.count > 2 ? fields[2].split(separator: " ").map(String.init) : []
            let run = try CLI.run(["assign", path] + extra)
            #expect(run.exitCode == 2, "\(fields[0]) exited \(run.exitCode)")
            #expect(run.standardOutput.isEmpty, "\(fields[0]) printed a result")
            let lines = run.standardError.split(separator: "\n")
            #expect(lines.count == 1, "\(fields[0]): \(run.standardError)")
            #expect(run.standardError.hasPrefix("nuanqi: \(path)\(fields[1])"), "\(fields[0]): \(run.standardError)")
        }
    }

    @Test func missingFileFolderAndBadOptionsAreBadInput() throws {
        #expect(try CLI.run(["assign", "no-such-file.csv"]).exitCode == 2)
        #expect(try CLI.run(["assign", CLI.badInput.path]).exitCode == 2)
        #expect(try CLI.run(["assign", "fixtures/assign/dinghai-14.csv", "--solver", "cplex"]).exitCode == 2)
        #expect(try CLI.run(["assign", "fixtures/assign/dinghai-14.csv", "--time-limit", "-1"]).exitCode == 2)
        #expect(try CLI.run(["frobnicate"]).exitCode == 2)
        #expect(try CLI.run(["--help"]).exitCode == 0)
    }

    @Test func sameInputSameBytesAndAtomicOut() throws {
        let first = try CLI.run(["assign", "fixtures/assign/dinghai-14.csv"])
        let second = try CLI.run(["assign", "fixtures/assign/dinghai-14.csv"])
        #expect(first.exitCode == 0)
        #expect(first.standardOutput == second.standardOutput)
        let target = FileManager.default.temporaryDirectory.appendingPathComponent("nuanqi-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: target) }
        #expect(try CLI.run(["assign", "fixtures/assign/dinghai-14.csv", "--out", target.path]).exitCode == 0)
        #expect(try String(contentsOf: target, encoding: .utf8) == first.standardOutput)
        // A failing run leaves an existing output untouched.
        #expect(try CLI.run(["assign", CLI.badInput.appendingPathComponent("nan.csv").path, "--out", target.path]).exitCode == 2)
        #expect(try String(contentsOf: target, encoding: .utf8) == first.standardOutput)
    }

    @Test func fixtureMatchesCheckedInExpectedResult() throws {
        let expected = try String(contentsOf: CLI.packageRoot.appendingPathComponent("fixtures/assign/dinghai-14.expected.json"), encoding: .utf8)
        for solver in GLPK.isAvailable ? ["auto", "glpk"] : ["auto"] {
            let run = try CLI.run(["assign", "fixtures/assign/dinghai-14.csv", "--maximize", "--solver", solver])
            #expect(run.exitCode == 0)
            let normalize = { (text: String) in
                text.split(separator: "\n").filter { !$0.contains("\"solver\"") && !$0.contains("\"reason\"") }.joined(separator: "\n")
            }
            #expect(normalize(run.standardOutput) == normalize(expected), "solver \(solver)")
        }
    }

    @Test func infeasibleExitsOneWithHallCertificate() throws {
        let run = try CLI.withTemporaryFile("1,,\n2,,\n3,4,5\n", suffix: ".csv") { try CLI.run(["assign", $0]) }
        #expect(run.exitCode == 1)
        #expect(run.standardOutput.contains("\"status\": \"infeasible\""))
        #expect(run.standardOutput.contains("\"rows\": [0, 1],"))
        #expect(run.standardOutput.contains("\"columns\": [0]"))
    }

    @Test func decimalsAndMaximizeAreExact() throws {
        let (minimum, maximum) = try CLI.withTemporaryFile("\u{FEFF}0.1,0.2\n0.3,0.25\n", suffix: ".csv") { path in
            (try CLI.run(["assign", path]), try CLI.run(["assign", path, "--maximize"]))
        }
        #expect(minimum.standardOutput.contains("\"objective\": 0.35,"))
        #expect(maximum.standardOutput.contains("\"objective\": 0.5,"))
    }

    @Test(.enabled(if: GLPK.isAvailable)) func exportsTheModelWithFileValues() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("nuanqi-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        for name in ["model.lp", "model.mps"] {
            let path = folder.appendingPathComponent(name).path
            let run = try CLI.run(["assign", "fixtures/assign/dinghai-14.csv", "--maximize", "--export-model", path])
            #expect(run.exitCode == 0)
            let text = try String(contentsOfFile: path, encoding: .utf8)
            #expect(text.contains("x13_13") && text.contains("row0") && text.contains("col13"))
            #expect(text.contains("9.5"), "costs are written as in the file, not scaled")
        }
        #expect(try CLI.run(["assign", "fixtures/assign/dinghai-14.csv", "--export-model", folder.appendingPathComponent("m.txt").path]).exitCode == 2)
    }
}
