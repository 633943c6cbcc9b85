import Dispatch
import Foundation
import NuanqiCore
import Solvers
import Testing
import TestSupport

/// Named tolerance for comparing GLPK's floating-point answers with exact values.
let glpkTolerance = 1e-7

@Suite(.enabled(if: GLPK.isAvailable)) struct GLPKTests {
    /// max 3x + 2y s.t. x + y ≤ 4, x + 3y ≤ 9, x ≤ 3: optimum (3, 1) = 11, duals (2, 0) on the
    /// first two rows, reduced cost 1 on x.
    static func textbookLP() -> LinearProgram {
        var program = LinearProgram(sense: .maximize)
        let x = program.addColumn(name: "x", lower: 0, upper: 3, objective: 3)
        let y = program.addColumn(name: "y", lower: 0, objective: 2)
        program.addRow(name: "capacity", [(x, 1), (y, 1)], upper: 4)
        program.addRow(name: "labour", [(x, 1), (y, 3)], upper: 9)
        return program
    }

    @Test func linearProgramWithDuals() throws {
        let solution = try GLPK.solve(Self.textbookLP())
        #expect(solution.status == .optimal)
        #expect(abs(solution.objective! - 11) < glpkTolerance)
        #expect(abs(solution.columnValues[0] - 3) < glpkTolerance && abs(solution.columnValues[1] - 1) < glpkTolerance)
        #expect(abs(solution.rowDuals![0] - 2) < glpkTolerance && abs(solution.rowDuals![1]) < glpkTolerance)
        #expect(abs(solution.reducedCosts![0] - 1) < glpkTolerance)
        #expect(solution.solver == "glpk-simplex")
    }

    @Test func mixedIntegerProgram() throws {
        // max 5a + 4b + 3c s.t. 2a + 3b + c ≤ 5, 4a + b + 2c ≤ 11, 3a + 4b + 2c ≤ 8, integers:
        // optimum a = 2, b = 0, c = 1 → 13.
        var program = LinearProgram(sense: .maximize)
        let a = program.addColumn(objective: 5, isInteger: true)
        let b = program.addColumn(objective: 4, isInteger: true)
        let c = program.addColumn(objective: 3, isInteger: true)
        program.addRow([(a, 2), (b, 3), (c, 1)], upper: 5)
        program.addRow([(a, 4), (b, 1), (c, 2)], upper: 11)
        program.addRow([(a, 3), (b, 4), (c, 2)], upper: 8)
        let solution = try GLPK.solve(program)
        #expect(solution.status == .optimal)
        #expect(abs(solution.objective! - 13) < glpkTolerance)
        #expect(solution.bound == solution.objective)
        #expect(solution.rowDuals == nil)
        #expect(solution.solver == "glpk-branch-and-cut")
    }

    @Test func infeasibleAndUnbounded() throws {
        var infeasible = LinearProgram(sense: .minimize)
        let x = infeasible.addColumn(lower: 0, objective: 1)
        infeasible.addRow([(x, 1)], lower: 5)
        infeasible.addRow([(x, 1)], upper: 3)
        #expect(try GLPK.solve(infeasible).status == .infeasible)

        var unbounded = LinearProgram(sense: .maximize)
        let y = unbounded.addColumn(lower: 0, objective: 1)
        unbounded.addRow([(y, 1)], lower: 1)
        #expect(try GLPK.solve(unbounded).status == .unbounded)

        var infeasibleMIP = LinearProgram(sense: .minimize)
        let z = infeasibleMIP.addColumn(lower: 0, upper: 10, objective: 1, isInteger: true)
        infeasibleMIP.addRow([(z, 2)], lower: 3, upper: 3)
        #expect(try GLPK.solve(infeasibleMIP).status == .infeasible)
    }

    @Test func timeLimitStopsAHardMIPWithABound() throws {
        // A market-split-like knapsack family that branch-and-bound cannot finish quickly.
        var random = SeededGenerator(seed: 5)
        var program = LinearProgram(sense: .maximize)
        let items = (0 ..< 60).map { _ in program.addColumn(lower: 0, upper: 1, objective: Double(Int.random(in: 1000 ... 2000, using: &random)), isInteger: true) }
        for _ in 0 ..< 6 {
            let weights = items.map { ($0, Double(Int.random(in: 1000 ... 2000, using: &random))) }
            program.addRow(weights, upper: weights.reduce(0) { $0 + $1.1 } / 2 + 0.5)
        }
        let solution = try GLPK.solve(program, options: GLPK.Options(timeLimit: 0.3))
        #expect([.feasible, .optimal, .timeLimit].contains(solution.status))
        if solution.status == .feasible {
            #expect(solution.bound! >= solution.objective! - glpkTolerance)
        }
    }

    @Test func invalidModelsNeverReachGLPK() {
        var duplicate = LinearProgram(sense: .minimize)
        let x = duplicate.addColumn()
        duplicate.addRow([(x, 1), (x, 2)], upper: 1)
        #expect(throws: ModelError.self) { try GLPK.solve(duplicate) }
        var outOfRange = LinearProgram(sense: .minimize)
        outOfRange.addRow([(column: 3, value: 1)], upper: 1)
        #expect(throws: ModelError.self) { try GLPK.solve(outOfRange) }
        var notANumber = LinearProgram(sense: .minimize)
        notANumber.addColumn(objective: .nan)
        #expect(throws: ModelError.self) { try GLPK.solve(notANumber) }
        var crossed = LinearProgram(sense: .minimize)
        crossed.addColumn(lower: 2, upper: 1)
        #expect(throws: ModelError.self) { try GLPK.solve(crossed) }
    }

    @Test func fatalErrorIsSurvivedAndGLPKStillWorks() throws {
        #expect(GLPK.survivesFatalError())
        #expect(try GLPK.solve(Self.textbookLP()).status == .optimal)
    }

    @Test func exportsCPLEXLPAndMPS() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("nuanqi-export-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let lpPath = directory.appendingPathComponent("model.lp").path
        let mpsPath = directory.appendingPathComponent("model.mps").path
        try GLPK.export(Self.textbookLP(), format: .cplexLP, to: lpPath)
        try GLPK.export(Self.textbookLP(), format: .mps, to: mpsPath)
        let lpText = try String(contentsOfFile: lpPath, encoding: .utf8)
        let mpsText = try String(contentsOfFile: mpsPath, encoding: .utf8)
        #expect(lpText.contains("Maximize") && lpText.contains("capacity:") && lpText.contains("labour:"))
        #expect(mpsText.contains("ROWS") && mpsText.contains("COLUMNS") && mpsText.contains("capacity"))
        #expect(throws: SolverError.exportFailed(path: "/nonexistent-dir/model.lp")) {
            try GLPK.export(Self.textbookLP(), format: .cplexLP, to: "/nonexistent-dir/model.lp")
        }
    }

    /// 160 LPs and MIPs solved at once from many threads and from Swift tasks give exactly the
    /// serial answers.
    @Test func concurrentSolvesMatchSerialResults() async throws {
        let models = (0 ..< 80).map { seed in
            FlowLinearProgram.model(of: RandomInstances.flowNetwork(seed: UInt64(seed) * 13 + 1))
        } + (0 ..< 80).map { seed -> LinearProgram in
            var random = SeededGenerator(seed: UInt64(seed))
            var program = LinearProgram(sense: .maximize)
            let items = (0 ..< 15).map { _ in program.addColumn(lower: 0, upper: 1, objective: Double(Int.random(in: 1 ... 50, using: &random)), isInteger: true) }
            program.addRow(items.map { ($0, Double(Int.random(in: 1 ... 30, using: &random))) }, upper: 100)
            return program
        }
        let serial = try models.map { try GLPK.solve($0) }
        let threaded = ConcurrentResults(count: models.count)
        DispatchQueue.concurrentPerform(iterations: models.count) { index in
            threaded.store(index, try? GLPK.solve(models[index]))
        }
        let tasks = try await withThrowingTaskGroup(of: (Int, LinearProgramSolution).self) { group in
            for (index, model) in models.enumerated() { group.addTask { (index, try GLPK.solve(model)) } }
            var results = [LinearProgramSolution?](repeating: nil, count: models.count)
            for try await (index, solution) in group { results[index] = solution }
            return results
        }
        for index in models.indices {
            for other in [threaded.value(index), tasks[index]] {
                #expect(other?.status == serial[index].status, "model \(index)")
                #expect(other?.objective == serial[index].objective, "model \(index)")
                #expect(other?.columnValues == serial[index].columnValues, "model \(index)")
            }
        }
    }
}

/// Results written from many threads at once.
final class ConcurrentResults: @unchecked Sendable {
    private var results: [LinearProgramSolution?]
    private let lock = NSLock()

    init(count: Int) { results = Array(repeating: nil, count: count) }

    func store(_ index: Int, _ value: LinearProgramSolution?) {
        lock.withLock { results[index] = value }
    }

    func value(_ index: Int) -> LinearProgramSolution? {
        lock.withLock { results[index] }
    }
}
