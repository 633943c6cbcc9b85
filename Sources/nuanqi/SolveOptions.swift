import ArgumentParser
import Solvers

/// The options every solving command shares.
struct SolveOptions: ParsableArguments {
    @Option(help: "Which solver runs: native kernels, GLPK, or auto (the fastest exact path; the result says which ran and why).")
    var solver: SolverChoice = .auto

    @Option(help: "Write the result to this file (atomically) instead of standard output.")
    var out: String?

    @Option(help: ArgumentHelp("Write the seconds spent per phase and the peak memory to this JSON file (never into the result).", valueName: "FILE"))
    var timings: String?
}

/// The planner-facing extra outputs of `match` and `broker`.
struct ReportOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Also write the assignments or trades as CSV to this file.", valueName: "FILE"))
    var csv: String?

    @Flag(help: "Start the CSV with a UTF-8 byte-order mark, so Excel and WPS show Chinese text correctly.")
    var bom = false

    @Option(help: ArgumentHelp("Also write a Markdown report to this file.", valueName: "FILE"))
    var report: String?
}
