import ArgumentParser
import Foundation
import NuanqiCore
import NuanqiIO
import Solvers

extension MinCostFlow.Algorithm: ExpressibleByArgument {}

struct Flow: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Solve a minimum-cost flow problem from a DIMACS file (p min …), e.g. one exported by match or broker.",
        discussion: """
        Prints a nuanqi.flow-result/1 JSON: status, optimal cost, the solver and, with --flows,
        every arc's flow (1-based arc numbers in file order), after the independent check of
        bounds, conservation, cost and the optimality certificate. An infeasible network exits
        1 with a cut whose supply exceeds its capacity; an unbounded one exits 1 too.
        """)

    @Argument(help: "The network in DIMACS min-cost flow format.")
    var file: String

    @OptionGroup var options: SolveOptions

    @Option(help: "Native kernel: automatic, network-simplex, cost-scaling.")
    var algorithm: MinCostFlow.Algorithm = .automatic

    @Flag(help: "Include every arc's flow in the result.")
    var flows = false

    func run() throws {
        let timer = Timings()
        let network = try timer.measure("read") { try DimacsFlowFile.read(path: file) }
        let useGLPK = options.solver == .glpk
        if useGLPK && !GLPK.isAvailable { throw SolverError.glpkUnavailable }
        let solution = try timer.measure("solve") {
            useGLPK ? try FlowLinearProgram.solveWithGLPK(network) : try MinCostFlow.solve(network, algorithm: algorithm)
        }
        let problems = timer.measure("verify") { FlowVerifier.problems(network, solution) }
        guard problems.isEmpty else {
            Nuanqi.fail("internal error: the flow failed verification: " + problems.prefix(5).joined(separator: "; "), code: .solverError)
        }
        var fields: [(String, JSONValue)] = [
            ("format", .string("nuanqi.flow-result/1")),
            ("status", .string(solution.status.rawValue)),
            ("solver", .string(useGLPK ? "glpk-simplex" : "native-min-cost-flow")),
            ("algorithm", useGLPK ? .null : .string(algorithm.rawValue)),
            ("nodes", .integer(Int64(network.nodeCount))),
            ("arcs", .integer(Int64(network.arcCount))),
            ("cost", solution.status == .optimal ? .integer(solution.cost) : .null),
        ]
        if let cut = solution.infeasibleCut { fields.append(("infeasibleCut", .array(cut.map { .integer(Int64($0 + 1)) }))) }
        if flows && solution.status == .optimal { fields.append(("flows", .array(solution.flows.map { .integer($0) }))) }
        fields.append(("verification", .object([("feasible", .bool(true)), ("certificateHolds", .bool(true))])))
        try timer.measure("write") { try Output.write(.object(fields), to: options.out) }
        try timer.write(to: options.timings)
        if solution.status != .optimal { throw ExitCode(NuanqiExitCode.infeasible.rawValue) }
    }
}
