import ArgumentParser
import Foundation
import Matching
import NuanqiCore
import NuanqiIO
import Scenarios
import Solvers

struct Match: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Dispatch cadres (暖企专员) to enterprises from a nuanqi.match/1 file.",
        discussion: """
        Prints a nuanqi.match-result/1 JSON: the assignments with their score breakdown, the
        opted-in enterprises left without a cadre and why, and the independent verification.
        When mandatory enterprises cannot all be covered, exits 1 and names a set of them whose
        eligible cadres have too little capacity (a Hall violation anyone can check).
        """)

    @Argument(help: "The instance: a nuanqi.match/1 JSON file.")
    var file: String

    @OptionGroup var options: SolveOptions

    @Option(help: ArgumentHelp("Judge 回避 and age at this month (YYYY-MM) instead of the policy's asOf or the current month.", valueName: "YYYY-MM"))
    var asOf: String?

    @OptionGroup var reports: ReportOptions

    @OptionGroup var export: ModelExport

    @Option(help: "Compute what covering each unassigned enterprise would cost for at most this many of them (mode optimal without side constraints; each is a full re-solve). Default: 50 below 50,000 candidate pairs, else 0.")
    var forcingCosts: Int?

    func validate() throws {
        if let asOf, YearMonth(asOf) == nil { throw ValidationError("--as-of must be a month written YYYY-MM") }
    }

    func run() throws {
        let timer = Timings()
        var input = try timer.measure("read") { try MatchingInstanceReader.read(path: file) }
        for warning in input.warnings { FileHandle.standardError.write(Data(("nuanqi: warning: " + warning + "\n").utf8)) }
        if let asOf { input.instance.policy.asOf = YearMonth(asOf) }
        let jobOptions = MatchingJob.Options(solver: options.solver, forcingCosts: forcingCosts, runMonth: Self.currentMonth)
        let model = try MatchingModel(input.instance, file: file, runMonth: jobOptions.runMonth, observer: timer.record)
        if export.exportModel != nil {
            let policy = input.instance.policy
            guard policy.mode == .optimal && policy.maxPerDepartment == nil && policy.maxPerTown == nil else {
                throw ValidationError("--export-model is available for mode optimal without side constraints (a min-cost flow)")
            }
            try export.write(.network(OptimalMatching.scorePhaseNetwork(model)))
        }
        let outcome = try MatchingJob.run(model, options: jobOptions, observer: timer.record)
        let record = try MatchingJob.record(file: file, asOf: asOf, options: jobOptions)
        try timer.measure("write") {
            let json = record.attached(to: outcome.result)
            try Output.write(json, to: options.out)
            if let csv = reports.csv {
                try FileContents.writeAtomically(Array(MatchingReportWriter.assignmentsCSV(json, byteOrderMark: reports.bom).utf8), to: csv)
            }
            if let report = reports.report {
                try FileContents.writeAtomically(Array(MatchingReportWriter.markdown(json, title: file).utf8), to: report)
            }
        }
        try timer.write(to: options.timings)
        if outcome.infeasible { throw ExitCode(NuanqiExitCode.infeasible.rawValue) }
    }

    /// The month in Zhejiang now: what 回避 and age are judged at when neither the policy nor
    /// --as-of names one (the result's asOf says which month was used).
    static var currentMonth: YearMonth {
        let now = Calendar(identifier: .gregorian).dateComponents(in: TimeZone(identifier: "Asia/Shanghai")!, from: Date())
        return YearMonth(year: now.year!, month: now.month!)
    }
}
