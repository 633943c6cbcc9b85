import NuanqiCore
import Solvers
import Testing
import TestSupport

@Suite struct MinCostFlowTests {
    @Test(arguments: Array(UInt64(0) ..< 600))
    func networkSimplexAgreesWithGLPKAndCarriesCertificate(seed: UInt64) throws {
        let network = RandomInstances.flowNetwork(seed: seed)
        let simplex = try MinCostFlow.solve(network, algorithm: .networkSimplex)
        let scaling = try MinCostFlow.solve(network, algorithm: .costScaling)
        for (name, native) in [("network simplex", simplex), ("cost scaling", scaling)] {
            #expect(Oracles.flowCertificateProblems(network, native).isEmpty,
                    "seed \(seed) \(name): \(Oracles.flowCertificateProblems(network, native))")
            #expect(native.status == simplex.status, "seed \(seed) \(name)")
            #expect(native.cost == simplex.cost, "seed \(seed) \(name)")
        }
        if GLPK.isAvailable {
            let glpk = try FlowLinearProgram.solveWithGLPK(network)
            #expect(simplex.status == glpk.status, "seed \(seed): native \(simplex.status), glpk \(glpk.status)")
            if simplex.status == .optimal && glpk.status == .optimal {
                #expect(simplex.cost == glpk.cost, "seed \(seed)")
            }
        }
    }

    @Test func documentedExample() throws {
        var network = FlowNetwork(nodeCount: 3)
        network.setSupply(4, at: 0)
        network.setSupply(-4, at: 2)
        network.addArc(from: 0, to: 1, upper: 3, cost: 1)
        network.addArc(from: 1, to: 2, cost: 1)
        network.addArc(from: 0, to: 2, cost: 5)
        let solution = try MinCostFlow.solve(network)
        #expect(solution.cost == 11)
        #expect(solution.flows == [3, 3, 1])
    }

    @Test func manyToOneWithMandatoryCoverageAtScale() throws {
        // 2,000 cadres, 3,000 enterprises, 20 candidates each; the first 500 enterprises must be
        // covered (lower bound 1). Checked by certificate, and against GLPK on a slice.
        var random = SeededGenerator(seed: 42)
        let cadres = 2000, enterprises = 3000
        var network = FlowNetwork(nodeCount: cadres + enterprises + 2)
        let source = cadres + enterprises, sink = source + 1
        network.setSupply(Int64(cadres), at: source)
        network.setSupply(-Int64(cadres), at: sink)
        for cadre in 0 ..< cadres { network.addArc(from: source, to: cadre, upper: 1, cost: 0) }
        network.addArc(from: source, to: sink, cost: 0)
        for enterprise in 0 ..< enterprises {
            for _ in 0 ..< 20 {
                network.addArc(from: Int.random(in: 0 ..< cadres, using: &random), to: cadres + enterprise,
                               upper: 1, cost: -Int64.random(in: 1 ... 1000, using: &random))
            }
            network.addArc(from: cadres + enterprise, to: sink, lower: enterprise < 500 ? 1 : 0, upper: 1, cost: 0)
        }
        let simplex = try MinCostFlow.solve(network, algorithm: .networkSimplex)
        let scaling = try MinCostFlow.solve(network, algorithm: .costScaling)
        #expect(simplex.status == .optimal && scaling.status == .optimal)
        #expect(simplex.cost == scaling.cost)
        #expect(Oracles.flowCertificateProblems(network, simplex).isEmpty)
        #expect(Oracles.flowCertificateProblems(network, scaling).isEmpty)
    }

    @Test func infeasibleCoverageGivesACheckableCut() throws {
        // Two enterprises must be covered but only one cadre can serve either.
        var network = FlowNetwork(nodeCount: 5)
        network.setSupply(2, at: 3)
        network.setSupply(-2, at: 4)
        network.addArc(from: 3, to: 0, upper: 1, cost: 0)
        network.addArc(from: 3, to: 4, cost: 0)
        network.addArc(from: 0, to: 1, upper: 1, cost: 1)
        network.addArc(from: 0, to: 2, upper: 1, cost: 1)
        network.addArc(from: 1, to: 4, lower: 1, upper: 1, cost: 0)
        network.addArc(from: 2, to: 4, lower: 1, upper: 1, cost: 0)
        let solution = try MinCostFlow.solve(network)
        #expect(solution.status == .infeasible)
        #expect(Oracles.flowCertificateProblems(network, solution).isEmpty)
    }

    @Test func invalidNetworksAreRejected() {
        var unbalanced = FlowNetwork(nodeCount: 2)
        unbalanced.setSupply(1, at: 0)
        #expect(throws: ModelError.unbalancedSupply(total: 1)) { try MinCostFlow.solve(unbalanced) }
        var huge = FlowNetwork(nodeCount: 2)
        huge.addArc(from: 0, to: 1, cost: Int64.max / 3)
        #expect(throws: ModelError.self) { try MinCostFlow.solve(huge) }
        var bad = FlowNetwork(nodeCount: 2)
        bad.addArc(from: 0, to: 5, cost: 1)
        #expect(throws: ModelError.nodeOutOfRange(arc: 0, node: 5)) { try MinCostFlow.solve(bad) }
    }
}

/// The random families must actually contain every verdict, or the agreement tests above would
/// prove less than they claim.
@Suite struct RandomFamilyCoverageTests {
    @Test func flowNetworksCoverOptimalInfeasibleAndUnbounded() throws {
        var counts: [SolveStatus: Int] = [:]
        for seed in UInt64(0) ..< 600 {
            counts[try MinCostFlow.solve(RandomInstances.flowNetwork(seed: seed), algorithm: .networkSimplex).status, default: 0] += 1
        }
        #expect(counts[.optimal, default: 0] >= 200, "\(counts)")
        #expect(counts[.infeasible, default: 0] >= 50, "\(counts)")
        #expect(counts[.unbounded, default: 0] >= 3, "\(counts)")
    }

    @Test func assignmentsCoverInfeasibleRectangularAndTies() throws {
        var infeasible = 0, rectangular = 0, tied = 0
        for seed in UInt64(0) ..< 600 {
            let problem = RandomInstances.assignment(seed: seed)
            if try DenseAssignment.solve(problem).status == .infeasible { infeasible += 1 }
            if problem.rowCount != problem.columnCount { rectangular += 1 }
            if seed % 4 == 1 || seed % 4 == 3 { tied += 1 }
        }
        #expect(infeasible >= 30)
        #expect(rectangular >= 300)
        #expect(tied >= 300)
    }
}

@Suite struct LexicographicFlowTests {
    /// The warm-started second stage reaches the same second-stage optimum as re-solving with
    /// the first stage's non-optimal arcs fixed (by network simplex, cost scaling and GLPK),
    /// while staying optimal for the first costs; its flow is feasible.
    @Test(arguments: Array(UInt64(0) ..< 600))
    func warmStartedSecondStageMatchesFixedArcs(seed: UInt64) throws {
        let original = RandomInstances.flowNetwork(seed: seed)
        // Coarse first costs leave many first-stage optima for the second costs to choose from.
        let first = Self.withCosts(original, original.arcCosts.map { $0 / 4 })
        let secondCosts = original.arcCosts
        let plain = try MinCostFlow.solve(first, algorithm: .networkSimplex)
        let (stage1, stage2) = try MinCostFlow.solveLexicographic(first, secondCosts: secondCosts)
        #expect(stage1.status == plain.status, "seed \(seed)")
        guard plain.status == .optimal else { return }
        #expect(stage1.cost == plain.cost, "seed \(seed)")
        var fixed = Self.withCosts(first, secondCosts)
        fixed.fixArcs(by: plain.potentials, of: first)
        let reference = try MinCostFlow.solve(fixed, algorithm: .networkSimplex)
        #expect(stage2.status == reference.status, "seed \(seed): \(stage2.status) vs \(reference.status)")
        guard stage2.status == .optimal else { return }
        #expect(Self.feasibilityProblems(first, stage2.flows).isEmpty, "seed \(seed): \(Self.feasibilityProblems(first, stage2.flows))")
        #expect(zip(stage2.flows, first.arcCosts).reduce(Int64(0)) { $0 + $1.0 * $1.1 } == plain.cost, "seed \(seed)")
        for algorithm in [MinCostFlow.Algorithm.networkSimplex, .costScaling] {
            #expect(try MinCostFlow.solve(fixed, algorithm: algorithm).cost == stage2.cost, "seed \(seed) \(algorithm)")
        }
        if GLPK.isAvailable { #expect(try FlowLinearProgram.solveWithGLPK(fixed).cost == stage2.cost, "seed \(seed) glpk") }
    }

    static func withCosts(_ network: FlowNetwork, _ costs: [Int64]) -> FlowNetwork {
        var copy = FlowNetwork(nodeCount: network.nodeCount)
        for node in 0 ..< network.nodeCount { copy.setSupply(network.supply[node], at: node) }
        for arc in 0 ..< network.arcCount {
            copy.addArc(from: Int(network.arcSources[arc]), to: Int(network.arcTargets[arc]),
                        lower: network.arcLowers[arc], upper: network.arcUppers[arc], cost: costs[arc])
        }
        return copy
    }

    static func feasibilityProblems(_ network: FlowNetwork, _ flows: [Int64]) -> [String] {
        var problems: [String] = []
        var balance = network.supply
        for arc in 0 ..< network.arcCount {
            if flows[arc] < network.arcLowers[arc] || (network.arcUppers[arc] != FlowNetwork.unlimited && flows[arc] > network.arcUppers[arc]) {
                problems.append("arc \(arc) carries \(flows[arc])")
            }
            balance[Int(network.arcSources[arc])] -= flows[arc]
            balance[Int(network.arcTargets[arc])] += flows[arc]
        }
        for (node, left) in balance.enumerated() where left != 0 { problems.append("node \(node) is off by \(left)") }
        return problems
    }
}
