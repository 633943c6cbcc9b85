// `nuanqi whatif`: every scenario of a scenario file solved against one base instance. The
// base is read, validated and solved once; each scenario is the base's canonical document with
// its deltas applied, read by the standard reader and solved by the same job a standalone
// `match`/`broker` runs (so its result is the same bytes), on all cores — GLPK is safe there
// because every solve creates, solves and frees its problem on one thread. Scenarios whose
// edited instance is byte-identical to one already solved reuse that result.

import Dispatch
import Foundation
import NuanqiCore
import NuanqiIO
import Solvers

public struct WhatIf: Sendable {
    public let problem: Problem
    public let basePath: String
    public let baseDigest: String
    public private(set) var scenarios: ScenarioFile
    public let scenarioDigest: String
    public let baseDocument: JSONValue
    public let warnings: [String]

    public init(basePath: String, scenarioPath: String) throws(InputError) {
        let scenarios = try ScenarioFile.read(path: scenarioPath)
        try self.init(basePath: basePath, scenarios: scenarios, scenarioDigest: InputDigest.sha256(path: scenarioPath, folderFiles: []))
    }

    public init(basePath: String, scenarios: ScenarioFile, scenarioDigest: String) throws(InputError) {
        problem = try Problem.of(path: basePath)
        self.basePath = basePath
        baseDigest = try InputDigest.sha256(path: basePath, folderFiles: problem.folderFiles)
        self.scenarios = scenarios
        self.scenarioDigest = scenarioDigest
        (baseDocument, warnings) = try problem.canonicalDocument(path: basePath)
    }

    /// The same run over only `selected` (which keep their positions in the file).
    public func restricted(to selected: [Scenario]) -> WhatIf {
        var copy = self
        copy.scenarios.scenarios = selected
        return copy
    }

    /// The scenario's instance as the bytes `--emit-instances` writes.
    public func instanceBytes(_ scenario: Scenario) throws(InputError) -> [UInt8] {
        try instanceDocument(scenario).serializedBytes()
    }

    public func instanceDocument(_ scenario: Scenario) throws(InputError) -> JSONValue {
        var editor = DocumentEditor(document: baseDocument)
        for delta in scenario.deltas { try problem.apply(delta, to: &editor) }
        return editor.document
    }

    public struct Outcome: Sendable {
        public var scenario: Scenario
        public var instance: [UInt8]
        /// The full result with its run record; nil when the solve failed or was not kept.
        public var result: JSONValue?
        /// The comparison-table entry: summary, diff against the base, or the error.
        public var entry: JSONValue
    }

    public struct Report: Sendable {
        public var document: JSONValue
        public var outcomes: [Outcome]
    }

    /// Solves the base and the scenarios in `shard` on `jobs` threads. `progress(done, total)`
    /// is called after each scenario. Bad deltas or an edited instance the reader rejects stop
    /// the run and throw (the first by scenario order); a failing solve is reported in its
    /// scenario's entry.
    public func run(settings: Problem.Settings, shard: Shard? = nil, jobs: Int = ProcessInfo.processInfo.activeProcessorCount,
                    keepInstances: Bool = false, keepResults: Bool = false, progress: (@Sendable (Int, Int) -> Void)? = nil) throws -> Report {
        let selected = scenarios.scenarios.filter { shard?.contains($0.index) ?? true }
        try checkDeltas(selected, jobs: jobs)
        let prepared = try problem.prepare(baseDocument, file: basePath, settings: settings)
        let baseResult = prepared.result
        let pollutants = problem.pollutants(of: baseDocument)

        let state = RunState(count: selected.count)
        DispatchQueue.concurrentPerform(iterations: max(1, min(jobs, selected.count))) { _ in
            while let position = state.next() {
                let scenario = selected[position]
                let outcome = Result { () throws -> Outcome in
                    let document = try instanceDocument(scenario)
                    let bytes = document.serializedBytes()
                    let digest = InputDigest.sha256(bytes)
                    // What a scenario's figures come from; a scenario whose edited instance is
                    // byte-identical to an earlier one's takes them over without solving.
                    let solved: Result<Solved, Error>
                    if let earlier = state.solved(digest) {
                        solved = earlier
                    } else {
                        solved = Result {
                            let result = try remapped(scenario) { try problem.solve(document, bytes: bytes, file: label(scenario), base: prepared, settings: settings) }
                            return Solved(summary: .object(problem.summary(of: result, pollutants: pollutants)),
                                          diff: problem.diff(from: baseResult, to: result, instance: document), result: keepResults ? result : nil)
                        }
                        state.remember(digest, solved)
                    }
                    if case let .failure(error as InputError) = solved { throw error }
                    return makeOutcome(scenario, bytes: keepInstances ? bytes : [], digest: digest, solved: solved, settings: settings)
                }
                state.finish(position, outcome, progress: progress)
            }
        }
        // After a failure no new scenario starts, but every earlier one has finished, so the
        // error thrown is the first by scenario order, whichever thread found it.
        var outcomes: [Outcome] = []
        for result in state.results { if let result { outcomes.append(try result.get()) } }
        let header = headerRecord(settings: settings, shard: shard)
        let baseEntry = JSONValue.object([("summary", .object(problem.summary(of: baseResult, pollutants: pollutants)))])
        return Report(document: Self.document(problem: problem, header: header, scenarioCount: scenarios.scenarios.count,
                                              shard: shard, base: baseEntry, entries: outcomes.map(\.entry), pollutants: pollutants),
                      outcomes: outcomes)
    }

    /// Applies every scenario's deltas once before anything is solved, so a delta naming an
    /// unknown id stops the run at once; the first such error by scenario order is thrown.
    func checkDeltas(_ selected: [Scenario], jobs: Int) throws(InputError) {
        let errors = ErrorList(count: selected.count)
        DispatchQueue.concurrentPerform(iterations: max(1, min(jobs, selected.count))) { worker in
            for position in stride(from: worker, to: selected.count, by: max(1, min(jobs, selected.count))) {
                do throws(InputError) { _ = try instanceDocument(selected[position]) } catch { errors.record(error, at: position) }
            }
        }
        if let first = errors.first { throw first }
    }

    func label(_ scenario: Scenario) -> String { "\(scenarios.path) scenario \(scenario.index) (\(scenario.name))" }

    /// Reader and model errors of an edited instance, reported at the scenario's line.
    func remapped<Value>(_ scenario: Scenario, _ body: () throws -> Value) throws -> Value {
        do { return try body() } catch let error as InputError {
            let detail = switch error {
            case let .invalidValue(_, _, field, reason): "\(field): \(reason)"
            case let .unreadable(_, reason): reason
            }
            throw InputError.invalidValue(file: scenarios.path, line: scenario.line, field: "scenario \"\(scenario.name)\"",
                                          reason: "its instance is not valid: \(detail)")
        }
    }

    func headerRecord(settings: Problem.Settings, shard: Shard?) -> RunRecord {
        var options = problem.recorded(settings)
        if let shard { options.append(("shard", .string(shard.description))) }
        return RunRecord(command: "whatif", inputs: [.init(role: "base", path: basePath, sha256: baseDigest),
                                                     .init(role: "scenarios", path: scenarios.path, sha256: scenarioDigest)], options: options)
    }

    /// A solved scenario's figures: its table row, its diff against the base, and the full
    /// result (without run record) when it is kept.
    struct Solved: Sendable {
        var summary: JSONValue
        var diff: JSONValue
        var result: JSONValue?
    }

    private func makeOutcome(_ scenario: Scenario, bytes: [UInt8], digest: String, solved: Result<Solved, Error>, settings: Problem.Settings) -> Outcome {
        var entry: [(String, JSONValue)] = [("index", .integer(scenario.index)), ("name", .string(scenario.name)), ("instanceSha256", .string(digest))]
        switch solved {
        case let .success(solved):
            var record = headerRecord(settings: settings, shard: nil)
            record.inputs.append(.init(role: "instance", path: label(scenario), sha256: digest))
            record.options.append(("scenario", .string(scenario.name)))
            entry += [("summary", solved.summary), ("diff", solved.diff)]
            return Outcome(scenario: scenario, instance: bytes, result: solved.result.map(record.attached), entry: .object(entry))
        case let .failure(error):
            entry += [("summary", .object([("status", .string("error"))])), ("error", .string(String(describing: error)))]
            return Outcome(scenario: scenario, instance: bytes, result: nil, entry: .object(entry))
        }
    }

    /// The nuanqi.whatif-result/1 document. Merging shards rebuilds it from their entries, so
    /// this is the one place its shape is decided.
    public static func document(problem: Problem, header: RunRecord, scenarioCount: Int, shard: Shard?, base: JSONValue,
                                entries: [JSONValue], pollutants: [String]) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("format", .string("nuanqi.whatif-result/1")),
            ("run", header.json(verdictOf: nil)),
            ("problem", .string(problem.rawValue)),
            ("scenarioCount", .integer(scenarioCount)),
        ]
        if let shard { members.append(("shard", .string(shard.description))) }
        members += [("pollutants", .array(pollutants.map { .string($0) })), ("base", base), ("scenarios", .array(entries))]
        return .object(members)
    }
}

/// Errors of the delta check by scenario position, filled from several threads.
private final class ErrorList: @unchecked Sendable {
    private let lock = NSLock()
    private var errors: [InputError?]

    init(count: Int) { errors = Array(repeating: nil, count: count) }

    func record(_ error: InputError, at position: Int) { lock.withLock { errors[position] = error } }

    var first: InputError? { lock.withLock { errors.lazy.compactMap { $0 }.first } }
}

/// The work queue and the results of one what-if run, shared by the worker threads.
private final class RunState: @unchecked Sendable {
    private let lock = NSLock()
    private var nextPosition = 0
    private var done = 0
    private var failed = false
    private var byDigest: [String: Result<WhatIf.Solved, Error>] = [:]
    private(set) var results: [Result<WhatIf.Outcome, Error>?]

    init(count: Int) { results = Array(repeating: nil, count: count) }

    func next() -> Int? {
        lock.withLock {
            guard nextPosition < results.count, !failed else { return nil }
            defer { nextPosition += 1 }
            return nextPosition
        }
    }

    func solved(_ digest: String) -> Result<WhatIf.Solved, Error>? { lock.withLock { byDigest[digest] } }

    func remember(_ digest: String, _ result: Result<WhatIf.Solved, Error>) { lock.withLock { byDigest[digest] = result } }

    func finish(_ position: Int, _ outcome: Result<WhatIf.Outcome, Error>, progress: (@Sendable (Int, Int) -> Void)?) {
        let count: Int = lock.withLock {
            results[position] = outcome
            if case .failure = outcome { failed = true }
            done += 1
            return done
        }
        progress?(count, results.count)
    }
}
