// Mode `optimal` without side constraints: the best-scoring assignment that respects
// capacities, pins and mandatory coverage, covering as many enterprises as possible first when
// `coverageFirst` is on.
//
// Model: a min-cost flow. source → cadre (capacity), cadre → enterprise for every candidate
//   pair (0…1, lower bound 1 when pinned, cost −score), enterprise → coverage hub (0…1, lower
//   bound 1 when mandatory: "the enterprise is covered"), enterprise → sink for the rest of its
//   capacity, hub → sink, and source → sink for cadre capacity left unused.
// Lexicographic objective without a big-M (which would push costs past what cost scaling can
//   scale): phase 1 maximizes coverage (cost −1 on the covered arcs only), phase 2 fixes the hub
//   arc at that coverage K (lower = upper = K) and maximizes the score. Both phases are network
//   flows, so the native kernels (MinCostFlow) or GLPK's simplex solve them exactly.
// Infeasibility: when mandatory enterprises cannot all be covered, a zero-cost network of just
//   those enterprises and their eligible cadres is solved by the network simplex; its cut gives
//   a Hall violation (HallCertificate) that anyone can check against the input.
// Complexity: two min-cost flows on C + E + 3 nodes and P + C + 2E + 2 arcs for P candidates.

import NuanqiCore
import Solvers

/// Mandatory enterprises that cannot all be covered: every cadre eligible for any of them, and
/// those cadres' total free capacity, which is smaller than the number of enterprises.
public struct HallCertificate: Sendable, Equatable {
    public var mandatoryEnterprises: [Int]
    public var cadres: [Int]
    public var capacity: Int

    public init(mandatoryEnterprises: [Int], cadres: [Int], capacity: Int) {
        self.mandatoryEnterprises = mandatoryEnterprises
        self.cadres = cadres
        self.capacity = capacity
    }
}

public struct MatchingSolution: Sendable {
    public var status: SolveStatus
    /// Chosen candidate pairs (indices into MatchingModel.candidates), ascending.
    public var assignments: [Int]
    /// Σ score of the chosen pairs.
    public var objective: Score
    public var coveredEnterprises: Int
    /// Best proven bound on the objective (equal to it when optimal).
    public var bound: Score?
    public var solver: String
    public var reason: String
    public var infeasibility: HallCertificate?
    /// Blocking pairs found by the independent checker (stable modes only).
    public var blockingPairs: Int? = nil

    public init(status: SolveStatus, assignments: [Int], objective: Score, coveredEnterprises: Int, bound: Score?,
                solver: String, reason: String, infeasibility: HallCertificate?, blockingPairs: Int? = nil) {
        self.status = status; self.assignments = assignments; self.objective = objective
        self.coveredEnterprises = coveredEnterprises; self.bound = bound; self.solver = solver; self.reason = reason
        self.infeasibility = infeasibility; self.blockingPairs = blockingPairs
    }
}

public enum OptimalMatching {
    public static func solve(_ model: MatchingModel, using choice: SolverChoice,
                             glpkOptions: GLPK.Options = GLPK.Options()) throws -> MatchingSolution {
        try solve(model, using: choice, glpkOptions: glpkOptions, forcing: nil)
    }

    /// The best plan in which `enterprise` is covered too, or nil when covering it would leave
    /// a key project uncovered. The difference to the optimum is what forcing it costs.
    public static func forced(_ model: MatchingModel, enterprise: Int) throws -> MatchingSolution? {
        let solution = try solve(model, using: .native, glpkOptions: GLPK.Options(), forcing: enterprise)
        return solution.status == .optimal ? solution : nil
    }

    static func solve(_ model: MatchingModel, using choice: SolverChoice, glpkOptions: GLPK.Options,
                      forcing: Int?) throws -> MatchingSolution {
        if let certificate = try hallViolation(model) {
            return MatchingSolution(status: .infeasible, assignments: [], objective: 0, coveredEnterprises: 0, bound: nil,
                                    solver: "native-network-simplex",
                                    reason: "mandatory coverage is impossible; the certificate comes from a min cut",
                                    infeasibility: certificate)
        }
        let useGLPK = choice == .glpk
        if useGLPK && !GLPK.isAvailable { throw SolverError.glpkUnavailable }
        func solveNetwork(_ network: FlowNetwork) throws -> FlowSolution {
            useGLPK ? try FlowLinearProgram.solveWithGLPK(network, options: glpkOptions) : try MinCostFlow.solve(network)
        }

        var coverage: Int? = nil
        if model.instance.policy.coverageFirst {
            let first = try solveNetwork(network(model, phase: .coverage, forcing: forcing).network)
            if forcing != nil && first.status == .infeasible {
                return MatchingSolution(status: .infeasible, assignments: [], objective: 0, coveredEnterprises: 0, bound: nil,
                                        solver: "", reason: "", infeasibility: nil)
            }
            guard first.status == .optimal else {
                throw SolverError.unsupported(solver: useGLPK ? "glpk" : "native", reason: "coverage phase ended \(first.status.rawValue)")
            }
            coverage = Int(-first.cost)
        }
        let built = network(model, phase: .score(coverage: coverage), forcing: forcing)
        let second = try solveNetwork(built.network)
        if forcing != nil && second.status == .infeasible {
            return MatchingSolution(status: .infeasible, assignments: [], objective: 0, coveredEnterprises: 0, bound: nil,
                                    solver: "", reason: "", infeasibility: nil)
        }
        guard second.status == .optimal else {
            throw SolverError.unsupported(solver: useGLPK ? "glpk" : "native", reason: "score phase ended \(second.status.rawValue)")
        }
        var chosen: [Int] = []
        var objective: Score = 0
        var covered = Set<Int>()
        for (candidate, arc) in built.pairArcs.enumerated() where second.flows[arc] == 1 {
            chosen.append(candidate)
            objective += model.candidates[candidate].score
            covered.insert(model.candidates[candidate].enterprise)
        }
        let solver = useGLPK ? "glpk-simplex" : "native-min-cost-flow"
        let reason = (choice == .auto ? "no side constraints: " : "requested; ")
            + "a min-cost flow\(coverage == nil ? "" : " in two phases (coverage, then score)"), exact"
        return MatchingSolution(status: .optimal, assignments: chosen, objective: objective, coveredEnterprises: covered.count,
                                bound: objective, solver: solver, reason: reason, infeasibility: nil)
    }

    enum Phase {
        case coverage
        case score(coverage: Int?)
        /// Score only, mandatory coverage dropped: an upper bound for the stable modes.
        case relaxedScore
    }

    /// The flow network of one phase, with the arc of each candidate pair.
    static func network(_ model: MatchingModel, phase: Phase, forcing: Int? = nil) -> (network: FlowNetwork, pairArcs: [Int]) {
        let cadres = model.cadres.count, enterprises = model.enterprises.count
        let source = cadres + enterprises, hub = source + 1, sink = source + 2
        var network = FlowNetwork(nodeCount: cadres + enterprises + 3)
        network.reserveArcs(model.candidates.count + cadres + 2 * enterprises + 2)
        let totalCapacity = model.cadres.reduce(Int64(0)) { $0 + Int64($1.capacity) }
        network.setSupply(totalCapacity, at: source)
        network.setSupply(-totalCapacity, at: sink)
        for (index, cadre) in model.cadres.enumerated() {
            network.addArc(from: source, to: index, upper: Int64(cadre.capacity), cost: 0)
        }
        network.addArc(from: source, to: sink, cost: 0)
        var pairArcs: [Int] = []
        pairArcs.reserveCapacity(model.candidates.count)
        for candidate in model.candidates {
            let cost: Int64 = if case .coverage = phase { 0 } else { -candidate.score }
            pairArcs.append(network.addArc(from: candidate.cadre, to: cadres + candidate.enterprise,
                                           lower: candidate.pinned ? 1 : 0, upper: 1, cost: cost))
        }
        for (index, enterprise) in model.enterprises.enumerated() {
            let node = cadres + index
            let coveredCost: Int64 = if case .coverage = phase { -1 } else { 0 }
            let mandatory: Bool = if case .relaxedScore = phase { false } else { enterprise.mandatory || index == forcing }
            network.addArc(from: node, to: hub, lower: mandatory ? 1 : 0, upper: 1, cost: coveredCost)
            if enterprise.capacity > 1 { network.addArc(from: node, to: sink, upper: Int64(enterprise.capacity - 1), cost: 0) }
        }
        if case let .score(coverage?) = phase {
            network.addArc(from: hub, to: sink, lower: Int64(coverage), upper: Int64(coverage), cost: 0)
        } else {
            network.addArc(from: hub, to: sink, cost: 0)
        }
        return (network, pairArcs)
    }

    /// The network the score phase solves — coverage fixed at its phase-1 optimum when
    /// `coverageFirst` is on — for `--export-model` and the peer comparison: its optimal cost is
    /// minus the optimal score.
    public static func scorePhaseNetwork(_ model: MatchingModel) throws -> FlowNetwork {
        var coverage: Int? = nil
        if model.instance.policy.coverageFirst {
            let first = try MinCostFlow.solve(network(model, phase: .coverage).network)
            guard first.status == .optimal else {
                throw SolverError.unsupported(solver: "native", reason: "coverage phase ended \(first.status.rawValue)")
            }
            coverage = Int(-first.cost)
        }
        return network(model, phase: .score(coverage: coverage)).network
    }

    /// The best score any assignment respecting capacities and pins can reach, ignoring
    /// mandatory coverage and stability: an upper bound for the stable modes.
    public static func scoreBound(_ model: MatchingModel) throws -> Score {
        let solution = try MinCostFlow.solve(network(model, phase: .relaxedScore).network)
        guard solution.status == .optimal else {
            throw SolverError.unsupported(solver: "native", reason: "the relaxed score bound ended \(solution.status.rawValue)")
        }
        return -solution.cost
    }

    /// A Hall violation among the mandatory enterprises not covered by a pin, or nil when they
    /// can all be covered. Pins use up cadre capacity first.
    public static func hallViolation(_ model: MatchingModel) throws -> HallCertificate? {
        var freeCapacity = model.cadres.map(\.capacity)
        var pinnedEnterprises = Set<Int>()
        for candidate in model.candidates where candidate.pinned {
            freeCapacity[candidate.cadre] -= 1
            pinnedEnterprises.insert(candidate.enterprise)
        }
        let needy = model.enterprises.indices.filter { model.enterprises[$0].mandatory && !pinnedEnterprises.contains($0) }
        guard !needy.isEmpty else { return nil }
        let position = Dictionary(uniqueKeysWithValues: needy.enumerated().map { ($1, $0) })
        let cadreBase = needy.count, sink = needy.count + model.cadres.count
        var network = FlowNetwork(nodeCount: sink + 1)
        for node in 0 ..< needy.count { network.setSupply(1, at: node) }
        network.setSupply(-Int64(needy.count), at: sink)
        var neighbours = [[Int]](repeating: [], count: needy.count)
        for candidate in model.candidates where !candidate.pinned {
            guard let enterprise = position[candidate.enterprise] else { continue }
            network.addArc(from: enterprise, to: cadreBase + candidate.cadre, upper: 1, cost: 0)
            neighbours[enterprise].append(candidate.cadre)
        }
        for cadre in model.cadres.indices {
            network.addArc(from: cadreBase + cadre, to: sink, upper: Int64(max(0, freeCapacity[cadre])), cost: 0)
        }
        let flow = try MinCostFlow.solve(network, algorithm: .networkSimplex)
        guard flow.status == .infeasible, let cut = flow.infeasibleCut else { return nil }
        // Enterprises in the cut whose every eligible cadre is in the cut form the violation.
        let inCut = Set(cut)
        let members = cut.filter { $0 < needy.count }.filter { enterprise in
            neighbours[enterprise].allSatisfy { inCut.contains(cadreBase + $0) }
        }
        let cadres = Set(members.flatMap { neighbours[$0] }).sorted()
        return HallCertificate(mandatoryEnterprises: members.map { needy[$0] }.sorted(), cadres: cadres,
                               capacity: cadres.reduce(0) { $0 + max(0, freeCapacity[$1]) })
    }
}
