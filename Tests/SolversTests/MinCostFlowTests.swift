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
