// Matching end to end, as `nuanqi match` runs it: parse the nuanqi.match/1 bytes, validate and
// build the model, solve (mode optimal, native), verify, serialize the result. Instances come
// from the same seeded generator as `nuanqi generate match`: district 50 × 100, city
// 1,000 × 4,600 and province 10,000 × 10,000, each with 50 ranked candidates per enterprise.

import Benchmark
import BenchmarkSupport
import Matching
import NuanqiCore
import NuanqiIO
import Solvers

func endToEnd(_ bytes: [UInt8]) throws -> String {
    let input = try MatchingInstanceReader.parse(bytes, file: "bench.json")
    let model = try MatchingModel(input.instance, file: "bench.json", runMonth: YearMonth(year: 2026, month: 11))
    let solution = try OptimalMatching.solve(model, using: .native)
    let verification = MatchingVerifier.verify(solution, of: model)
    precondition(verification.feasible)
    return MatchingResultWriter.json(solution, model: model, verification: verification, certificateHolds: nil).serialized()
}

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = NuanqiBenchmark.configuration(maxDuration: .seconds(30), maxIterations: 5)

    for (label, cadres, enterprises) in [("district 50x100", 50, 100), ("city 1000x4600", 1_000, 4_600), ("province 10000x10000", 10_000, 10_000)] {
        let instance = MatchingInstanceGenerator.instance(cadres: cadres, enterprises: enterprises, candidates: 50, seed: 7)
        let bytes = Array(MatchingInstanceWriter.json(instance).serialized().utf8)
        Benchmark("Matching end to end \(label) x50 candidates") { benchmark in
            for _ in benchmark.scaledIterations { blackHole(try endToEnd(bytes)) }
        }
    }
}
