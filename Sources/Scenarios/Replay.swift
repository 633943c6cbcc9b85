// `nuanqi replay`: re-runs a result from its run record — same inputs (checked by SHA-256),
// same options, same month — and compares the bytes. A result that replays identically was
// produced by this version from exactly those inputs.

import Brokerage
import Foundation
import Matching
import NuanqiCore
import NuanqiIO
import Solvers

public enum Replay {
    public struct Verdict: Sendable {
        public var identical: Bool
        /// What differs (the first differing line), or what was replayed.
        public var detail: String
    }

    public static func check(_ path: String) throws -> Verdict {
        let bytes = try FileContents.bytes(of: path)
        let document = try JSONValue.parse(bytes, file: path)
        guard let run = document["run"], let command = run["command"]?.text else {
            throw InputError.invalidValue(file: path, line: 1, field: "run", reason: "has no run record to replay")
        }
        func fail(_ field: String, _ reason: String) -> InputError { .invalidValue(file: path, line: 1, field: "run." + field, reason: reason) }
        let inputs = run["inputs"]?.elements ?? []
        func input(_ role: String) throws(InputError) -> String {
            guard let entry = inputs.first(where: { $0["role"]?.text == role }), let file = entry["path"]?.text else { throw fail("inputs", "names no \(role)") }
            return file
        }
        for entry in inputs where entry["role"]?.text != "instance" || command != "whatif" {
            guard let file = entry["path"]?.text, let digest = entry["sha256"]?.text else { throw fail("inputs", "an input lacks its path or digest") }
            let problem = entry["role"]?.text == "market" ? Problem.broker : Problem.match
            let now = try InputDigest.sha256(path: file, folderFiles: entry["role"]?.text == "scenarios" ? [] : problem.folderFiles)
            guard now == digest else { return Verdict(identical: false, detail: "\(file) has changed since the run (SHA-256 \(now), recorded \(digest))") }
        }
        let options = run["options"] ?? .object([])
        let solver = SolverChoice(rawValue: options["solver"]?.text ?? "auto") ?? .auto
        let integer = { (key: String) in options[key]?.text.flatMap { Int($0) } }
        let regenerated: JSONValue
        switch command {
        case "match":
            guard let month = document["asOf"]?.text.flatMap(YearMonth.init) else { throw fail("asOf", "the result names no month") }
            let file = try input("instance")
            var instance = try MatchingInstanceReader.read(path: file).instance
            let asOf = options["asOf"]?.text
            if let asOf { instance.policy.asOf = YearMonth(asOf) }
            let jobOptions = MatchingJob.Options(solver: solver, forcingCosts: integer("forcingCosts"), runMonth: month)
            regenerated = try MatchingJob.record(file: file, asOf: asOf, options: jobOptions).attached(to: MatchingJob.run(instance, file: file, options: jobOptions).result)
        case "broker":
            let file = try input("market")
            let jobOptions = BrokerageJob.Options(solver: solver, prices: integer("prices"))
            regenerated = try BrokerageJob.record(file: file, options: jobOptions).attached(to: BrokerageJob.run(BrokerageInstanceReader.read(path: file).instance, options: jobOptions).result)
        case "whatif":
            let month = (document["base"]?["summary"]?["asOf"] ?? document["asOf"])?.text.flatMap(YearMonth.init) ?? YearMonth(year: 2000, month: 1)
            let settings = Problem.Settings(solver: solver, forcingCosts: integer("forcingCosts"), prices: integer("prices"), runMonth: month)
            var whatIf = try WhatIf(basePath: input("base"), scenarioPath: input("scenarios"))
            if let name = options["scenario"]?.text {
                // One scenario's full result: that scenario alone, at its place in the file.
                guard let scenario = whatIf.scenarios.scenarios.first(where: { $0.name == name }) else { throw fail("options.scenario", "\"\(name)\" is not in the scenario file") }
                whatIf = whatIf.restricted(to: [scenario])
                guard let result = try whatIf.run(settings: settings, keepResults: true).outcomes.first?.result else {
                    return Verdict(identical: false, detail: "scenario \"\(name)\" no longer solves")
                }
                regenerated = result
            } else {
                regenerated = try whatIf.run(settings: settings, shard: options["shard"]?.text.flatMap(Shard.init)).document
            }
        default:
            throw fail("command", "\(command) results are not replayed here (a round replays by running its chain again)")
        }
        return compare(bytes, regenerated.serializedBytes(), path: path, command: command)
    }

    static func compare(_ original: [UInt8], _ again: [UInt8], path: String, command: String) -> Verdict {
        guard original != again else { return Verdict(identical: true, detail: "\(path): the \(command) run replays byte for byte") }
        let left = String(decoding: original, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        let right = String(decoding: again, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        let line = (0 ..< min(left.count, right.count)).first { left[$0] != right[$0] } ?? min(left.count, right.count)
        let was = line < left.count ? String(left[line]) : "(end of file)", now = line < right.count ? String(right[line]) : "(end of file)"
        return Verdict(identical: false, detail: "\(path):\(line + 1): differs on replay: was \(was.trimmingCharacters(in: .whitespaces)), now \(now.trimmingCharacters(in: .whitespaces))")
    }
}
