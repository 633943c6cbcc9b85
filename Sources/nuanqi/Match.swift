import ArgumentParser
import Foundation
import Matching
import NuanqiCore
import NuanqiIO
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
        let policy = input.instance.policy
        let sideConstraints = policy.maxPerDepartment != nil || policy.maxPerTown != nil
        if sideConstraints && policy.mode != .optimal {
            throw SolverError.unsupported(solver: options.solver.rawValue, reason: "maxPerDepartment and maxPerTown apply to mode optimal only")
        }
        let now = Calendar(identifier: .gregorian).dateComponents(in: TimeZone(identifier: "Asia/Shanghai")!, from: Date())
        let model = try MatchingModel(input.instance, file: file, runMonth: YearMonth(year: now.year!, month: now.month!), observer: timer.record)
        if export.exportModel != nil {
            guard policy.mode == .optimal && !sideConstraints else {
                throw ValidationError("--export-model is available for mode optimal without side constraints (a min-cost flow)")
            }
            try export.write(.network(OptimalMatching.scorePhaseNetwork(model)))
        }
        let solution = try timer.measure("solve") {
            switch policy.mode {
            case .optimal: sideConstraints ? try SideConstrainedMatching.solve(model, using: options.solver)
                                           : try OptimalMatching.solve(model, using: options.solver)
            case .stable: try StableModes.solve(model, cadresPropose: policy.cadresPropose)
            case .stableOptimal: try StableModes.solveBest(model, using: options.solver)
            }
        }
        var verification: MatchingVerification? = nil
        var certificateHolds: Bool? = nil
        try timer.measure("verify") {
        if solution.status == .infeasible {
            // A Hall violation is checked; infeasibility from side constraints is GLPK's proof.
            if let certificate = solution.infeasibility {
                certificateHolds = MatchingVerifier.holds(certificate, of: model)
                guard certificateHolds == true else {
                    Nuanqi.fail("internal error: the infeasibility certificate does not hold", code: .solverError)
                }
            }
        } else {
            let check = MatchingVerifier.verify(solution, of: model, requireMandatoryCoverage: policy.mode == .optimal)
            guard check.feasible, (solution.blockingPairs ?? 0) == 0 else {
                Nuanqi.fail("internal error: the \(solution.solver) result failed verification: " + (check.problems + (solution.blockingPairs.map { $0 > 0 ? ["\($0) blocking pairs"] : [] } ?? [])).joined(separator: "; "), code: .solverError)
            }
            verification = check
        }
        }
        var forcing: [Int: MatchingSolution?] = [:]
        let forcingLimit = forcingCosts ?? (model.candidates.count < 50_000 ? 50 : 0)
        if policy.mode == .optimal && !sideConstraints && solution.status == .optimal && forcingLimit > 0 {
            try timer.measure("forcing costs") {
                let covered = Set(solution.assignments.map { model.candidates[$0].enterprise })
                let unassigned = model.enterprises.indices.filter {
                    model.enterprises[$0].optedIn && !covered.contains($0) && model.candidateStarts[$0] < model.candidateStarts[$0 + 1]
                }
                for enterprise in unassigned.prefix(forcingLimit) {
                    forcing[enterprise] = .some(try OptimalMatching.forced(model, enterprise: enterprise))
                }
            }
        }
        try timer.measure("write") {
            let json = MatchingResultWriter.json(solution, model: model, verification: verification, certificateHolds: certificateHolds, forcing: forcing)
            try Output.write(json, to: options.out)
            if let csv = reports.csv {
                try FileContents.writeAtomically(Array(MatchingReportWriter.assignmentsCSV(json, byteOrderMark: reports.bom).utf8), to: csv)
            }
            if let report = reports.report {
                try FileContents.writeAtomically(Array(MatchingReportWriter.markdown(json, title: file).utf8), to: report)
            }
        }
        try timer.write(to: options.timings)
        if solution.status == .infeasible { throw ExitCode(NuanqiExitCode.infeasible.rawValue) }
    }
}
