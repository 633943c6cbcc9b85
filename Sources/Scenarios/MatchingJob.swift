// One `nuanqi match` run as a library call: model, solve by the policy's mode, independent
// verification, forcing costs, result JSON. The CLI, what-if scenarios and intake rounds all
// go through here, so a scenario's result is the same bytes a standalone run writes.

import Matching
import NuanqiCore
import NuanqiIO
import Solvers

public enum MatchingJob {
    public struct Options: Sendable {
        public var solver: SolverChoice
        /// Forcing costs for at most this many unassigned enterprises; nil: 50 below 50,000
        /// candidate pairs, else none.
        public var forcingCosts: Int?
        /// The month 回避 and age are judged at when the policy gives no asOf.
        public var runMonth: YearMonth

        public init(solver: SolverChoice = .auto, forcingCosts: Int? = nil, runMonth: YearMonth) {
            self.solver = solver
            self.forcingCosts = forcingCosts
            self.runMonth = runMonth
        }

        /// The options as a run record lists them.
        public var recorded: [(String, JSONValue)] {
            [("solver", .string(solver.rawValue)), ("forcingCosts", forcingCosts.map { .integer($0) } ?? .null)]
        }
    }

    public struct Outcome: Sendable {
        /// The nuanqi.match-result/1 document, without its run record.
        public var result: JSONValue
        public var model: MatchingModel
        public var solution: MatchingSolution
        public var infeasible: Bool { solution.status == .infeasible }
    }

    /// The run record `nuanqi match FILE [--as-of asOf]` attaches to its result.
    public static func record(file: String, asOf: String?, options: Options) throws(InputError) -> RunRecord {
        RunRecord(command: "match", inputs: [.init(role: "instance", path: file, sha256: try InputDigest.sha256(path: file, folderFiles: MatchingFolderReader.fileNames))],
                  options: [("asOf", asOf.map { .string($0) } ?? .null)] + options.recorded)
    }

    public static func run(_ instance: MatchingInstance, file: String, options: Options, observer: PhaseObserver? = nil) throws -> Outcome {
        let model = try MatchingModel(instance, file: file, runMonth: options.runMonth, observer: observer)
        return try run(model, options: options, observer: observer)
    }

    public static func run(_ model: MatchingModel, options: Options, observer: PhaseObserver? = nil) throws -> Outcome {
        let policy = model.instance.policy
        let sideConstraints = policy.maxPerDepartment != nil || policy.maxPerTown != nil
        if sideConstraints && policy.mode != .optimal {
            throw SolverError.unsupported(solver: options.solver.rawValue, reason: "maxPerDepartment and maxPerTown apply to mode optimal only")
        }
        let solution = try observe("solve", by: observer) { () throws -> MatchingSolution in
            switch policy.mode {
            case .optimal: sideConstraints ? try SideConstrainedMatching.solve(model, using: options.solver)
                                           : try OptimalMatching.solve(model, using: options.solver)
            case .stable: try StableModes.solve(model, cadresPropose: policy.cadresPropose)
            case .stableOptimal: try StableModes.solveBest(model, using: options.solver)
            }
        }
        var verification: MatchingVerification? = nil
        var certificateHolds: Bool? = nil
        try observe("verify", by: observer) { () throws(JobFailure) in
            if solution.status == .infeasible {
                // A Hall violation is checked; infeasibility from side constraints is GLPK's proof.
                if let certificate = solution.infeasibility {
                    certificateHolds = MatchingVerifier.holds(certificate, of: model)
                    guard certificateHolds == true else { throw .verificationFailed(solver: solution.solver, problems: ["the infeasibility certificate does not hold"]) }
                }
            } else {
                let check = MatchingVerifier.verify(solution, of: model, requireMandatoryCoverage: policy.mode == .optimal)
                let blocking = solution.blockingPairs ?? 0
                guard check.feasible, blocking == 0 else {
                    throw .verificationFailed(solver: solution.solver, problems: check.problems + (blocking > 0 ? ["\(blocking) blocking pairs"] : []))
                }
                verification = check
            }
        }
        var forcing: [Int: MatchingSolution?] = [:]
        let forcingLimit = options.forcingCosts ?? (model.candidates.count < 50_000 ? 50 : 0)
        if policy.mode == .optimal && !sideConstraints && solution.status == .optimal && forcingLimit > 0 {
            try observe("forcing costs", by: observer) {
                let covered = Set(solution.assignments.map { model.candidates[$0].enterprise })
                let unassigned = model.enterprises.indices.filter {
                    model.enterprises[$0].optedIn && !covered.contains($0) && model.candidateStarts[$0] < model.candidateStarts[$0 + 1]
                }
                for enterprise in unassigned.prefix(forcingLimit) {
                    forcing[enterprise] = .some(try OptimalMatching.forced(model, enterprise: enterprise))
                }
            }
        }
        let result = observe("explain", by: observer) {
            MatchingResultWriter.json(solution, model: model, verification: verification, certificateHolds: certificateHolds, forcing: forcing)
        }
        return Outcome(result: result, model: model, solution: solution)
    }
}
