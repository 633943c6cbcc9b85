import ArgumentParser
import Foundation
import NuanqiCore
import NuanqiIO
import Scenarios

struct WhatIfCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "whatif",
        abstract: "Solve every scenario of a scenario file against a base instance and compare them.",
        discussion: """
        SCENARIOS is a nuanqi.scenarios/1 file (YAML or JSON): named scenarios made of deltas, \
        and sweeps of one delta over a range of values. Prints a nuanqi.whatif-result/1 JSON: \
        for the base and each scenario the summary figures, and for each scenario its \
        entity-level differences from the base. Each scenario's full result is the one \
        `nuanqi match`/`broker` gives for the instance --emit-instances writes.
        """)

    @Argument(help: "The base instance: a nuanqi.match/1 or nuanqi.broker/1 file, or a CSV folder.")
    var base: String

    @Argument(help: "The scenario file (.yaml, .yml or .json).")
    var scenarios: String

    @OptionGroup var options: SolveOptions

    @OptionGroup var reports: ReportOptions

    @Option(help: ArgumentHelp("Write each scenario's full result to this folder (scenario-0007.json, …).", valueName: "FOLDER"))
    var results: String?

    @Option(help: ArgumentHelp("Write each scenario's instance to this folder (scenario-0007.json, …), for standalone runs.", valueName: "FOLDER"))
    var emitInstances: String?

    @Option(help: ArgumentHelp("Solve only slice i of n (0-based: every n-th scenario from i); `nuanqi merge` joins the slices.", valueName: "i/n"))
    var shard: String?

    @Option(help: "Scenarios solved at once (default: all cores).")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @Flag(help: "No progress bar (it is shown only when standard error is a terminal anyway).")
    var quiet = false

    @Option(help: "Matching: forcing costs per scenario, as for `match` (default there).")
    var forcingCosts: Int?

    @Option(help: "Brokerage: prices of one more tonne per scenario, as for `broker` (default there).")
    var prices: Int?

    func validate() throws {
        if let shard, Shard(shard) == nil { throw ValidationError("--shard must be i/n with 0 ≤ i < n, e.g. 0/4") }
        if jobs < 1 { throw ValidationError("--jobs must be at least 1") }
    }

    func run() throws {
        let timer = Timings()
        let whatIf = try timer.measure("read") { try WhatIf(basePath: base, scenarioPath: scenarios) }
        for warning in whatIf.warnings { FileHandle.standardError.write(Data(("nuanqi: warning: " + warning + "\n").utf8)) }
        let settings = Problem.Settings(solver: options.solver, forcingCosts: forcingCosts, prices: prices, runMonth: Match.currentMonth)
        let bar = ProgressBar(enabled: !quiet && isatty(STDERR_FILENO) == 1, noun: "scenarios")
        let report = try timer.measure("solve") {
            try whatIf.run(settings: settings, shard: shard.flatMap(Shard.init), jobs: jobs, keepInstances: emitInstances != nil, keepResults: results != nil, progress: bar.update)
        }
        bar.finish()
        try timer.measure("write") {
            let width = max(4, String(max(0, whatIf.scenarios.scenarios.count - 1)).count)
            func name(_ index: Int) -> String {
                let digits = String(index)
                return "scenario-" + String(repeating: "0", count: max(0, width - digits.count)) + digits + ".json"
            }
            for (folder, bytes) in [(emitInstances, { (outcome: WhatIf.Outcome) in outcome.instance }),
                                    (results, { (outcome: WhatIf.Outcome) in outcome.result.map { $0.serializedBytes() } ?? [] })] {
                guard let folder else { continue }
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
                for outcome in report.outcomes where !bytes(outcome).isEmpty {
                    try FileContents.writeAtomically(bytes(outcome), to: (folder as NSString).appendingPathComponent(name(outcome.scenario.index)))
                }
            }
            try WhatIfOutputs.write(report.document, out: options.out, reports: reports)
        }
        try timer.write(to: options.timings)
    }
}

/// The whatif-result document and its table, shared by `whatif` and `merge`.
enum WhatIfOutputs {
    static func write(_ document: JSONValue, out: String?, reports: ReportOptions) throws {
        let title = (document["run"]?["inputs"]?.elements ?? []).first { $0["role"]?.text == "scenarios" }?["path"]?.text ?? "scenarios"
        try Output.write(document, to: out)
        if let csv = reports.csv { try FileContents.writeAtomically(Array(ComparisonTable.csv(document, byteOrderMark: reports.bom).utf8), to: csv) }
        if let report = reports.report { try FileContents.writeAtomically(Array(ComparisonTable.markdown(document, title: title).utf8), to: report) }
    }
}

struct Merge: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Combine the outputs of `nuanqi whatif --shard i/n` into the result a single run gives.")

    @Argument(help: "The shards' nuanqi.whatif-result/1 files, in any order.")
    var shards: [String]

    @Option(help: "Write the merged result to this file (atomically) instead of standard output.")
    var out: String?

    @OptionGroup var reports: ReportOptions

    func run() throws {
        var documents: [(path: String, document: JSONValue)] = []
        for path in shards { documents.append((path, try JSONValue.parse(try FileContents.bytes(of: path), file: path))) }
        let merged = try ShardMerge.merge(documents)
        try WhatIfOutputs.write(merged, out: out, reports: reports)
    }
}
