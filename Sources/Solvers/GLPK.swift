// The GLPK backend: LinearProgram → glp_prob → simplex or branch-and-cut → LinearProgramSolution.
//
// Threads: GLPK keeps its environment per thread (Debian's build), and a glp_prob must be
// created, solved, read and deleted on one thread. Every entry point here is synchronous and
// does all of that before it returns, so concurrent calls from any threads or tasks are safe;
// never hold a GLPKProblem across an `await`.
// Safety: models are validated in Swift first (LinearProgram.validate), and the calls that can
// still raise a GLPK fatal error go through the guarded C entry points of CGLPK/shim.h.
// Status: LPs run the primal simplex without presolve, so GLPK's verdict (optimal, no primal
// feasible point, unbounded) is read directly; MIPs run that LP first, then glp_intopt from
// its optimal basis, tracking the best open-node bound through the callback.

import NuanqiCore
#if GLPK
import CGLPK
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
#endif

public enum GLPK {
    public struct Options: Sendable {
        /// Wall-clock limit in seconds (nil: none).
        public var timeLimit: Double?
        /// Relative MIP gap at which branch-and-cut may stop (reported as `feasible`).
        public var relativeGap: Double
        /// How much better than the incumbent a node's bound must be to be explored, relative
        /// to the incumbent (GLPK's `tol_obj`, default 10⁻⁷). Exact models with integer
        /// objectives in the billions set it far lower: 10⁻⁷ of 2 × 10¹⁰ weighted grams would
        /// let 2,000 grams be pruned away.
        public var objectiveTolerance: Double?
        /// How far from an integer a value may be and still count as one (GLPK's `tol_int`,
        /// default 10⁻⁵). Big-M rows g ≤ M y with M in the millions need far less: y = 10⁻⁵
        /// would let 10 grams through a "no trade".
        public var integerTolerance: Double?
        /// Gomory, mixed-integer-rounding and cover cuts in branch-and-cut.
        public var cuts: Bool
        /// A feasible point (one value per column) handed to branch-and-cut as its first
        /// incumbent; GLPK checks it and ignores it when it is not feasible.
        public var incumbent: [Double]?

        public init(timeLimit: Double? = nil, relativeGap: Double = 0, objectiveTolerance: Double? = nil,
                    integerTolerance: Double? = nil, cuts: Bool = false, incumbent: [Double]? = nil) {
            self.timeLimit = timeLimit
            self.relativeGap = relativeGap
            self.objectiveTolerance = objectiveTolerance
            self.integerTolerance = integerTolerance
            self.cuts = cuts
            self.incumbent = incumbent
        }
    }

    #if GLPK
    public static let isAvailable = true
    public static var version: String? { String(cString: glp_version()) }

    public static func solve(_ model: LinearProgram, options: Options = Options()) throws -> LinearProgramSolution {
        try model.validate()
        glp_term_out(GLP_OFF)
        let problem = try GLPKProblem(model)
        let started = ContinuousClock.now
        var simplexParameters = glp_smcp()
        glp_init_smcp(&simplexParameters)
        simplexParameters.msg_lev = GLP_MSG_OFF
        simplexParameters.presolve = GLP_OFF
        if let limit = options.timeLimit { simplexParameters.tm_lim = milliseconds(limit) }
        // Geometric and equilibration scaling, as glpsol does: rows mixing 1-gram and 10⁶-gram
        // coefficients otherwise mislead the node LPs of branch-and-cut.
        glp_scale_prob(problem.pointer, GLP_SF_AUTO)
        let code = nuanqi_simplex(problem.pointer, &simplexParameters)
        try problem.check(code, call: "glp_simplex", allowed: [GLP_ETMLIM, GLP_EITLIM])
        let lpStatus = glp_get_status(problem.pointer)
        let columnCount = model.columns.count

        func lpPoint() -> [Double] { (0 ..< columnCount).map { glp_get_col_prim(problem.pointer, Int32($0 + 1)) } }

        if !model.isMixedInteger || lpStatus != GLP_OPT {
            let status = lpVerdict(code: code, status: lpStatus)
            let hasPoint = status == .optimal || status == .feasible
            let objective = hasPoint ? glp_get_obj_val(problem.pointer) : nil
            let isLP = !model.isMixedInteger
            return LinearProgramSolution(
                status: model.isMixedInteger && status == .optimal ? .feasible : status,
                objective: isLP ? objective : nil,
                bound: status == .optimal ? objective : nil,
                columnValues: isLP && hasPoint ? lpPoint() : [],
                rowDuals: isLP && status == .optimal ? (0 ..< model.rows.count).map { glp_get_row_dual(problem.pointer, Int32($0 + 1)) } : nil,
                reducedCosts: isLP && status == .optimal ? (0 ..< columnCount).map { glp_get_col_dual(problem.pointer, Int32($0 + 1)) } : nil,
                solver: "glpk-simplex")
        }

        let relaxation = glp_get_obj_val(problem.pointer)
        let tracker = BoundTracker(bound: relaxation, incumbent: options.incumbent.map { [0] + $0 })
        var integerParameters = glp_iocp()
        glp_init_iocp(&integerParameters)
        integerParameters.msg_lev = GLP_MSG_OFF
        integerParameters.presolve = GLP_OFF
        integerParameters.mip_gap = options.relativeGap
        if let tolerance = options.objectiveTolerance { integerParameters.tol_obj = tolerance }
        if let tolerance = options.integerTolerance { integerParameters.tol_int = tolerance }
        if options.cuts {
            integerParameters.gmi_cuts = GLP_ON
            integerParameters.mir_cuts = GLP_ON
            integerParameters.cov_cuts = GLP_ON
        }
        if let limit = options.timeLimit {
            integerParameters.tm_lim = milliseconds(max(0.001, limit - (ContinuousClock.now - started).seconds))
        }
        integerParameters.cb_func = { tree, info in
            guard let tree, let info else { return }
            let tracker = Unmanaged<BoundTracker>.fromOpaque(info).takeUnretainedValue()
            if glp_ios_reason(tree) == GLP_IHEUR, let incumbent = tracker.incumbent {
                tracker.incumbent = nil
                _ = glp_ios_heur_sol(tree, incumbent)
            }
            let best = glp_ios_best_node(tree)
            if best != 0 {
                tracker.bound = glp_ios_node_bound(tree, best)
            }
        }
        let integerCode = withExtendedLifetime(tracker) {
            integerParameters.cb_info = Unmanaged.passUnretained(tracker).toOpaque()
            return nuanqi_intopt(problem.pointer, &integerParameters)
        }
        try problem.check(integerCode, call: "glp_intopt", allowed: [GLP_ETMLIM, GLP_EMIPGAP, GLP_ESTOP])
        let mipStatus = glp_mip_status(problem.pointer)
        let status: SolveStatus
        switch mipStatus {
        case GLP_OPT: status = integerCode == 0 ? .optimal : .feasible
        case GLP_FEAS: status = .feasible
        case GLP_NOFEAS: status = .infeasible
        default: status = .timeLimit
        }
        let hasPoint = status == .optimal || status == .feasible
        let objective = hasPoint ? glp_mip_obj_val(problem.pointer) : nil
        var solution = LinearProgramSolution(
            status: status, objective: objective,
            bound: status == .optimal ? objective : (status == .infeasible ? nil : tracker.bound),
            columnValues: hasPoint ? (0 ..< columnCount).map { glp_mip_col_val(problem.pointer, Int32($0 + 1)) } : [],
            rowDuals: nil, reducedCosts: nil, solver: "glpk-branch-and-cut")
        solution.relaxation = relaxation
        return solution
    }

    /// Writes the model in CPLEX-LP or free MPS form, atomically (temporary file, then rename).
    /// MPS readers assume minimization, so a maximization goes into MPS with its objective
    /// negated (the optimum's sign flips; the optimal point is the same).
    public static func export(_ model: LinearProgram, format: ModelFileFormat, to path: String) throws {
        try model.validate()
        glp_term_out(GLP_OFF)
        let problem = try GLPKProblem(format == .mps ? model.asMinimization() : model)
        let temporary = path + ".tmp-\(getpid())"
        let code = switch format {
        case .cplexLP: nuanqi_write_lp(problem.pointer, temporary)
        case .mps: nuanqi_write_mps(problem.pointer, temporary)
        }
        if code == NUANQI_GLPK_FATAL { problem.forget(); throw SolverError.glpkFatal(call: "write") }
        guard code == 0, rename(temporary, path) == 0 else {
            unlink(temporary)
            throw SolverError.exportFailed(path: path)
        }
    }

    /// Proves the fatal-error guard works: provokes a GLPK fatal error and survives it.
    public static func survivesFatalError() -> Bool {
        glp_term_out(GLP_OFF)
        return nuanqi_trigger_fatal_error() == NUANQI_GLPK_FATAL
    }

    private static func lpVerdict(code: Int32, status: Int32) -> SolveStatus {
        switch status {
        case GLP_OPT: code == 0 ? .optimal : .feasible
        case GLP_FEAS: .feasible
        case GLP_NOFEAS: .infeasible
        case GLP_UNBND: .unbounded
        default: .timeLimit
        }
    }

    private static func milliseconds(_ seconds: Double) -> Int32 {
        Int32(clamping: Int((seconds * 1000).rounded(.up)))
    }
    #else
    public static let isAvailable = false
    public static var version: String? { nil }

    public static func solve(_ model: LinearProgram, options: Options = Options()) throws -> LinearProgramSolution {
        throw SolverError.glpkUnavailable
    }

    public static func export(_ model: LinearProgram, format: ModelFileFormat, to path: String) throws {
        throw SolverError.glpkUnavailable
    }

    /// Without GLPK there is no fatal error to survive.
    public static func survivesFatalError() -> Bool { false }
    #endif
}

#if GLPK
/// The best open-node bound seen by the branch-and-cut callback, and the starting incumbent
/// it hands over once (1-based, as GLPK reads it).
private final class BoundTracker {
    var bound: Double
    var incumbent: [Double]?
    init(bound: Double, incumbent: [Double]?) { self.bound = bound; self.incumbent = incumbent }
}
#endif

extension Duration {
    /// The duration in seconds as a Double.
    var seconds: Double {
        Double(components.seconds) + Double(components.attoseconds) * 1e-18
    }
}
