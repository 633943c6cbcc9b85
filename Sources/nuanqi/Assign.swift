import ArgumentParser
import Foundation
import NuanqiCore
import NuanqiIO
import Solvers

extension AssignmentFileFormat: ExpressibleByArgument {}

struct Assign: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Solve a linear assignment problem from a cost-matrix CSV or an OR-Library file.",
        discussion: """
        Prints { "objective", "solver", "assignment": [ { "row", "column", "cost" } ] } as JSON
        (rows and columns 0-based), with the status, the reason the solver was chosen and the
        independent verification. With more rows than columns every column is assigned, and
        the other way round. An empty CSV cell is a forbidden pair.
        """)

    @Argument(help: "Cost matrix: CSV (one line per row), OR-Library assign (n, then n×n costs) or assignp (n, then row column cost triples).")
    var file: String

    @OptionGroup var options: SolveOptions

    @Option(help: "Input format: auto, csv, orlib, orlib-sparse.")
    var format: AssignmentFileFormat = .auto

    @Flag(help: "Maximize the total instead of minimizing it.")
    var maximize = false

    @Option(help: "Time limit for GLPK in seconds.")
    var timeLimit: Double?

    @OptionGroup var export: ModelExport

    func validate() throws {
        if let timeLimit, !(timeLimit > 0) {
            throw ValidationError("--time-limit must be a positive number of seconds")
        }
    }

    func run() throws {
        let timer = Timings()
        let input = try timer.measure("read") { try AssignmentFileReader.read(path: file, format: format) }
        try export.write(.program(AssignmentLinearProgram.model(of: input.problem, sense: maximize ? .maximize : .minimize, decimals: input.decimals)))
        let problem = maximize ? input.problem.negated() : input.problem
        let run = try timer.measure("solve") {
            try AssignmentSolver.solve(problem, using: options.solver, glpkOptions: GLPK.Options(timeLimit: timeLimit))
        }
        let verification = timer.measure("verify") { AssignmentVerifier.verify(run.solution, for: problem) }
        guard verification.feasible, verification.optimalityProven != false else {
            Nuanqi.fail("internal error: the \(run.solver) result failed verification: " + verification.problems.joined(separator: "; "),
                        code: .solverError)
        }
        let json = AssignmentResultWriter.json(
            solution: run.solution, problem: problem, decimals: input.decimals, costSign: maximize ? -1 : 1,
            sense: maximize ? "maximize" : "minimize", solver: run.solver, reason: run.reason,
            verification: verification)
        try timer.measure("write") { try Output.write(json, to: options.out) }
        try timer.write(to: options.timings)
        if run.solution.status == .infeasible { throw ExitCode(NuanqiExitCode.infeasible.rawValue) }
    }
}
