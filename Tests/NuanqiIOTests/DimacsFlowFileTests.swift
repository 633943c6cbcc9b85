import NuanqiCore
import NuanqiIO
import Solvers
import Testing
import TestSupport

@Suite struct DimacsFlowFileTests {
    /// Written and read back, a network keeps its nodes, supplies, arcs and bounds (an unlimited
    /// arc gets a capacity no optimal flow needs), so both have the same optimum or verdict.
    @Test(arguments: Array(UInt64(0) ..< 300))
    func roundTripKeepsTheOptimum(seed: UInt64) throws {
        let network = RandomInstances.flowNetwork(seed: seed)
        let text = DimacsFlowFile.text(network, comments: ["seed \(seed)"])
        let read = try DimacsFlowFile.parse(Array(text.utf8), file: "random.min")
        #expect(read.nodeCount == network.nodeCount && read.arcCount == network.arcCount && read.supply == network.supply)
        #expect(read.arcSources == network.arcSources && read.arcTargets == network.arcTargets)
        #expect(read.arcLowers == network.arcLowers && read.arcCosts == network.arcCosts)
        let original = try MinCostFlow.solve(network, algorithm: .networkSimplex)
        let reread = try MinCostFlow.solve(read, algorithm: .networkSimplex)
        // An unlimited negative cycle is unbounded; with a finite capacity it is bounded but
        // not optimal for the original, so only optimal and infeasible verdicts must match.
        if original.status != .unbounded {
            #expect(reread.status == original.status, "seed \(seed)")
            if original.status == .optimal { #expect(reread.cost == original.cost, "seed \(seed)") }
        }
    }
}

@Suite struct LinearProgramMinimizationTests {
    /// The minimization MPS files carry has the same optimal point and the negated optimum.
    @Test func maximizationBecomesMinimizationOfTheNegation() throws {
        var program = LinearProgram(sense: .maximize)
        let x = program.addColumn(upper: 4, objective: 3)
        let y = program.addColumn(upper: 6, objective: 2)
        program.objectiveConstant = 5
        program.addRow([(x, 1), (y, 1)], upper: 8)
        let flipped = program.asMinimization()
        #expect(flipped.sense == .minimize && flipped.objectiveConstant == -5)
        #expect(flipped.columns.map(\.objective) == [-3, -2])
        guard GLPK.isAvailable else { return }
        let maximum = try GLPK.solve(program), minimum = try GLPK.solve(flipped)
        #expect(maximum.objective == 25 && minimum.objective == -25)
        #expect(maximum.columnValues == minimum.columnValues)
    }
}
