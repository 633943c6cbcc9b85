import NuanqiCore
import Solvers
import Testing
import TestSupport

/// The dense kernel, the sparse (heap) kernel and GLPK must reach the same optimum and
/// the same infeasibility verdict, and every native answer must carry a certificate that holds.
@Suite struct AssignmentAgreementTests {
    static let seeds = Array(UInt64(0) ..< 600)

    @Test(arguments: seeds)
    func kernelsAgreeWithBruteForceAndGLPK(seed: UInt64) throws {
        let problem = RandomInstances.assignment(seed: seed)
        let expected = Oracles.bruteForceAssignment(problem)
        let dense = try DenseAssignment.solve(problem)
        let sparse = try SparseShortestAugmentingPath.solve(RandomInstances.sparse(problem))
        for (name, solution) in [("dense", dense), ("sparse", sparse)] {
            let check = AssignmentVerifier.verify(solution, for: problem)
            #expect(check.problems.isEmpty, "\(name) seed \(seed): \(check.problems)")
            if let expected {
                #expect(solution.status == .optimal, "\(name) seed \(seed)")
                #expect(solution.objective == expected, "\(name) seed \(seed)")
                #expect(check.optimalityProven == true, "\(name) seed \(seed) certificate")
            } else {
                #expect(solution.status == .infeasible, "\(name) seed \(seed)")
                #expect(solution.hallViolation != nil, "\(name) seed \(seed) has no Hall violation")
            }
        }
        if GLPK.isAvailable {
            let glpk = try GLPKAssignment.solve(problem)
            #expect(glpk.status == (expected == nil ? .infeasible : .optimal), "glpk seed \(seed)")
            if let expected {
                #expect(glpk.objective == expected, "glpk seed \(seed)")
                #expect(AssignmentVerifier.verify(glpk, for: problem).optimalityProven == true, "glpk duals seed \(seed): \(AssignmentVerifier.verify(glpk, for: problem).problems)")
            }
        }
    }

    @Test func largerRandomInstancesAgreeAcrossKernels() throws {
        for seed in UInt64(0) ..< 200 {
            var random = SeededGenerator(seed: seed)
            // Even seeds are square (the Jonker–Volgenant start); some have heavy ties.
            let rows = Int.random(in: 1 ... 60, using: &random)
            let columns = seed % 2 == 0 ? rows : Int.random(in: 1 ... 60, using: &random)
            let range: Int64 = seed % 4 == 0 ? 3 : 1000
            let costs = (0 ..< rows * columns).map { _ in Int64.random(in: -range ... range, using: &random) }
            let problem = try AssignmentProblem(rows: rows, columns: columns, denseCosts: costs)
            let dense = try DenseAssignment.solve(problem)
            let sparse = try SparseShortestAugmentingPath.solve(RandomInstances.sparse(problem))
            #expect(dense.objective == sparse.objective)
            #expect(AssignmentVerifier.verify(dense, for: problem).optimalityProven == true)
            #expect(AssignmentVerifier.verify(sparse, for: problem).optimalityProven == true)
            if GLPK.isAvailable {
                #expect(try GLPKAssignment.solve(problem).objective == dense.objective)
            }
        }
    }

    @Test func verifierRejectsWrongAnswers() throws {
        let problem = try AssignmentProblem(rows: 2, columns: 3, denseCosts: [4, 2, 3, 2, 0, 5])
        let right = try DenseAssignment.solve(problem)
        #expect(right.objective == 3)
        var wrongObjective = right
        wrongObjective.objective = 2
        #expect(!AssignmentVerifier.verify(wrongObjective, for: problem).problems.isEmpty)
        let suboptimal = AssignmentSolution(status: .optimal, pairs: [(0, 1), (1, 0)], objective: 4,
                                            rowPotentials: right.rowPotentials, columnPotentials: right.columnPotentials)
        #expect(AssignmentVerifier.verify(suboptimal, for: problem).optimalityProven == false)
        let clash = AssignmentSolution(status: .optimal, pairs: [(0, 1), (1, 1)], objective: 2)
        #expect(AssignmentVerifier.verify(clash, for: problem).feasible == false)
    }

    @Test func hallViolationNamesTheBottleneck() throws {
        let f = AssignmentProblem.forbidden
        // Rows 0, 1 and 2 can only use columns 0 and 1.
        let problem = try AssignmentProblem(rows: 3, columns: 4, denseCosts: [1, 2, f, f,
                                                                              3, f, f, f,
                                                                              f, 4, f, f])
        for solution in [try DenseAssignment.solve(problem), try SparseShortestAugmentingPath.solve(RandomInstances.sparse(problem))] {
            #expect(solution.status == .infeasible)
            #expect(solution.hallViolation?.members == [0, 1, 2])
            #expect(solution.hallViolation?.neighbours == [0, 1])
            #expect(AssignmentVerifier.verify(solution, for: problem).feasible)
        }
    }

    @Test func overflowingCostsAreRejected() throws {
        let problem = try AssignmentProblem(rows: 2, columns: 2, denseCosts: [Int64.max / 2, 0, 0, 0])
        #expect(throws: ModelError.self) { try DenseAssignment.solve(problem) }
    }
}
