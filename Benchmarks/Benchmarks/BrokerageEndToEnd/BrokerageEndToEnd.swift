// Brokerage end to end, as `nuanqi broker` runs it: parse the nuanqi.broker/1 bytes, validate
// and build the ladder model, solve, verify, serialize the result. Markets come from the same
// seeded generator as `nuanqi generate broker` over Zhejiang's 11 cities: 1,000 × 1,000 and
// 10,000 × 10,000 sellers × buyers (two pollutants), pure (every link ratio 1: the exact
// lexicographic min-cost flow) and with the generator's ratios (native flow heuristic; GLPK's
// LP over the allowed pairs at 1,000 × 1,000).

import Benchmark
import BenchmarkSupport
import Brokerage
import NuanqiCore
import NuanqiIO
import Solvers

func endToEnd(_ bytes: [UInt8], using choice: SolverChoice) throws -> String {
    let input = try BrokerageInstanceReader.parse(bytes, file: "bench.json")
    let model = try BrokerageModel(input.instance)
    let solution = try BrokerageSolver.solve(model, using: choice)
    let verification = BrokerageVerifier.verify(solution, of: model)
    precondition(verification.feasible)
    return BrokerageResultWriter.json(solution, model: model, verification: verification, prices: [:]).serialized()
}

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = NuanqiBenchmark.configuration(maxDuration: .seconds(30), maxIterations: 5)

    for (label, size) in [("1000x1000", 1_000), ("10000x10000", 10_000)] {
        for pure in [true, false] {
            var market = BrokerageInstanceGenerator.instance(sellers: size, buyers: size, regions: 11, seed: 9)
            if pure { for index in market.links.indices { market.links[index].ratio = .one } }
            let bytes = Array(BrokerageInstanceWriter.json(market).serialized().utf8)
            Benchmark("Brokerage end to end \(label) \(pure ? "pure" : "with ratios") native") { benchmark in
                for _ in benchmark.scaledIterations { blackHole(try endToEnd(bytes, using: .native)) }
            }
            if !pure && size == 1_000 && GLPK.isAvailable {
                Benchmark("Brokerage end to end \(label) with ratios GLPK LP", configuration: .init(maxIterations: 2)) { benchmark in
                    for _ in benchmark.scaledIterations { blackHole(try endToEnd(bytes, using: .glpk)) }
                }
            }
        }
    }
}
