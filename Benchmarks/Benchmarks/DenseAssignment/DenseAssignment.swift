// Dense assignment kernel on uniform random integer costs 0…1000 (the shape lap, SciPy and
// OR-Tools are usually compared on), n = 500, 1000, 2000.

import Benchmark
import BenchmarkSupport
import NuanqiCore
import Solvers

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = NuanqiBenchmark.configuration(maxDuration: .seconds(20), maxIterations: 10)

    for side in [500, 1000, 2000] {
        var random = SeededGenerator(seed: UInt64(side))
        let costs = (0 ..< side * side).map { _ in Int64.random(in: 0 ... 1000, using: &random) }
        let problem = try! AssignmentProblem(rows: side, columns: side, denseCosts: costs)
        Benchmark("DenseAssignment n=\(side)") { benchmark in
            for _ in benchmark.scaledIterations {
                blackHole(try DenseAssignment.solve(problem))
            }
        }
    }
}
