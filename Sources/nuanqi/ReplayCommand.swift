import ArgumentParser
import Foundation
import Scenarios

struct ReplayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "Re-run a match, broker or whatif result from its run record and compare the bytes.",
        discussion: """
        Checks that every input still has the SHA-256 the record names, runs the same command with \
        the recorded options and month, and compares the new result with FILE byte for byte. \
        Exit 0 when identical; 1 with the first difference (or the changed input) otherwise.
        """)

    @Argument(help: "A result written by nuanqi match, broker or whatif (or one scenario's result from --results).")
    var file: String

    func run() throws {
        let verdict = try Replay.check(file)
        print(verdict.detail)
        if !verdict.identical { throw ExitCode(NuanqiExitCode.infeasible.rawValue) }
    }
}
