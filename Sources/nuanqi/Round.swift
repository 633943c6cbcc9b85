import ArgumentParser
import Foundation
import Matching
import NuanqiCore
import NuanqiIO
import Scenarios
import Solvers

struct Round: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the next intake round of 暖企专员 dispatch in a rounds folder (round-001, round-002, …).",
        discussion: """
        With --start, writes round-001 from an instance. With --changes (a nuanqi.changes/1 file: \
        arrivals, departures, ended terms, new enterprises, opt-outs, policy changes), writes the \
        next round from the latest one: its assignments become incumbents, which stay unless \
        moving them gains at least the policy's churnThreshold each. Each round folder holds \
        instance.json, result.json, changelog.json, changelog.md (and the changes file); it appears \
        complete or not at all, and is never overwritten. Prints the new folder's path. \
        An infeasible round is printed (exit 1) and not written.
        """)

    @Argument(help: "The rounds folder.")
    var folder: String

    @Option(help: ArgumentHelp("Start round 1 from this instance (a nuanqi.match/1 file or CSV folder).", valueName: "INSTANCE"))
    var start: String?

    @Option(help: ArgumentHelp("Build the next round with these changes (YAML or JSON).", valueName: "FILE"))
    var changes: String?

    @Option(help: "Which solver runs (as for match).")
    var solver: SolverChoice = .auto

    @Option(help: ArgumentHelp("Round 1: judge 回避 and age at this month when the instance names none (it is then fixed in round-001/instance.json).", valueName: "YYYY-MM"))
    var asOf: String?

    @Option(help: "Forcing costs for at most this many unassigned enterprises (as for match).")
    var forcingCosts: Int?

    @Option(help: ArgumentHelp("Write the seconds spent per phase and the peak memory to this JSON file.", valueName: "FILE"))
    var timings: String?

    func validate() throws {
        guard (start == nil) != (changes == nil) else { throw ValidationError("give either --start INSTANCE or --changes FILE") }
        if let asOf, YearMonth(asOf) == nil { throw ValidationError("--as-of must be a month written YYYY-MM") }
    }

    func run() throws {
        let timer = Timings()
        let settings = Problem.Settings(solver: solver, forcingCosts: forcingCosts, runMonth: asOf.flatMap(YearMonth.init) ?? Match.currentMonth)
        let outcome = try timer.measure("solve") {
            if let start {
                if let existing = IntakeRound.latest(in: folder) {
                    throw InputError.unreadable(file: folder, reason: "already holds \(IntakeRound.folderName(existing)); continue with --changes")
                }
                return try IntakeRound.start(instancePath: start, settings: settings)
            }
            return try IntakeRound.next(folder: folder, changesPath: changes!, settings: settings)
        }
        if outcome.infeasible {
            FileHandle.standardOutput.write(Data(outcome.result.serialized().utf8))
            FileHandle.standardError.write(Data("nuanqi: round \(outcome.round) is infeasible; nothing was written\n".utf8))
            throw ExitCode(NuanqiExitCode.infeasible.rawValue)
        }
        try timer.measure("write") { try IntakeRound.commit(outcome, to: folder) }
        print((folder as NSString).appendingPathComponent(IntakeRound.folderName(outcome.round)))
        try timer.write(to: timings)
    }
}
