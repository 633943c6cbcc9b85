import ArgumentParser
import NuanqiCore
import NuanqiIO
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
    @Option(help: ArgumentHelp("Also write the table as CSV to this file: the assignments, the trades, or the scenario comparison.", valueName: "FILE"))
    var csv: String?

    @Flag(help: "Start the CSV with a UTF-8 byte-order mark, so Excel and WPS show Chinese text correctly.")
    var bom = false

    @Option(help: ArgumentHelp("Also write a Markdown report to this file.", valueName: "FILE"))
    var report: String?
}

/// `--export-model FILE`: the model the solver works on, for inspection or for other solvers.
struct ModelExport: ParsableArguments {
    @Option(help: ArgumentHelp("Also write the model solved: CPLEX-LP (.lp) or free MPS (.mps) through GLPK, or DIMACS min-cost flow (.min) when it is a network.", valueName: "FILE"))
    var exportModel: String?

    func validate() throws {
        if let exportModel, !["lp", "mps", "min"].contains(Self.suffix(exportModel)) {
            throw ValidationError("--export-model needs a file name ending in .lp, .mps or .min")
        }
    }

    func write(_ model: @autoclosure () throws -> OptimizationModel) throws {
        guard let exportModel else { return }
        let built = try model()
        if Self.suffix(exportModel) == "min" {
            guard case let .network(network) = built else {
                throw ValidationError("this model is not a network; export it as .lp or .mps")
            }
            try FileContents.writeAtomically(Array(DimacsFlowFile.text(network, comments: ["nuanqi \(NuanqiVersion.string) export"]).utf8), to: exportModel)
            return
        }
        let program: LinearProgram = switch built {
        case let .network(network): FlowLinearProgram.model(of: network)
        case let .program(program): program
        }
        try GLPK.export(program, format: Self.suffix(exportModel) == "lp" ? .cplexLP : .mps, to: exportModel)
    }

    private static func suffix(_ path: String) -> String {
        String(path.lowercased().split(separator: ".").last ?? "")
    }
}
