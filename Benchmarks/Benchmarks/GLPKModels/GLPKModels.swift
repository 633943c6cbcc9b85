// GLPK through the CGLPK system library: building the LinearProgram, loading it into GLPK and
// solving, for the models nuanqi actually hands GLPK — the side-constrained matching MIP
// (district 50 × 100 with maxPerDepartment 1), the brokerage LP with ratios (generated
// 200 × 200 and 1,000 × 1,000 markets) and the stable-marriage-polytope LP (district, stable-
// optimal). Skipped when the package is built without GLPK.

import Benchmark
import BenchmarkSupport
import Brokerage
import Matching
import NuanqiCore
import Solvers

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = NuanqiBenchmark.configuration(maxDuration: .seconds(20), maxIterations: 5)
    guard GLPK.isAvailable else { return }

    var district = MatchingInstanceGenerator.instance(cadres: 50, enterprises: 100, candidates: 50, seed: 7)
    district.policy.maxPerDepartment = 1
    let sideConstrained = try! MatchingModel(district, file: "bench", runMonth: YearMonth(year: 2026, month: 11))
    Benchmark("GLPK MIP side-constrained matching district 50x100") { benchmark in
        for _ in benchmark.scaledIterations { blackHole(try SideConstrainedMatching.solve(sideConstrained, using: .glpk)) }
    }

    var stable = MatchingInstanceGenerator.instance(cadres: 50, enterprises: 100, candidates: 50, seed: 7)
    stable.policy.mode = .stableOptimal
    let stableModel = try! MatchingModel(stable, file: "bench", runMonth: YearMonth(year: 2026, month: 11))
    Benchmark("GLPK LP stable marriage polytope district 50x100") { benchmark in
        for _ in benchmark.scaledIterations { blackHole(try StableModes.solveBest(stableModel, using: .glpk)) }
    }

    for size in [200, 1_000] {
        let market = try! BrokerageModel(BrokerageInstanceGenerator.instance(sellers: size, buyers: size, regions: 11, seed: 9))
        Benchmark("GLPK LP brokerage with ratios \(size)x\(size)", configuration: .init(maxIterations: size > 500 ? 2 : 5)) { benchmark in
            for _ in benchmark.scaledIterations { blackHole(try BrokerageSolver.solve(market, using: .glpk)) }
        }
    }
}
