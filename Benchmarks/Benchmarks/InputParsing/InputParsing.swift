// Reading inputs as `nuanqi` does — bytes in memory to a validated instance — for the province
// matching file (10,000 × 10,000, 50 ranked candidates each) and the 10,000 × 10,000
// brokerage market, both as JSON.

import Benchmark
import BenchmarkSupport
import Brokerage
import Matching
import NuanqiCore
import NuanqiIO

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = NuanqiBenchmark.configuration(maxDuration: .seconds(20), maxIterations: 10, extraMetrics: [.throughput])

    let province = MatchingInstanceGenerator.instance(cadres: 10_000, enterprises: 10_000, candidates: 50, seed: 7)
    let matchBytes = Array(MatchingInstanceWriter.json(province).serialized().utf8)
    Benchmark("Parse match JSON province 10000x10000 (\(matchBytes.count / 1_000_000) MB)") { benchmark in
        for _ in benchmark.scaledIterations { blackHole(try MatchingInstanceReader.parse(matchBytes, file: "bench.json")) }
    }

    let market = BrokerageInstanceGenerator.instance(sellers: 10_000, buyers: 10_000, regions: 11, seed: 9)
    let brokerBytes = Array(BrokerageInstanceWriter.json(market).serialized().utf8)
    Benchmark("Parse broker JSON 10000x10000 (\(brokerBytes.count / 1_000_000) MB)") { benchmark in
        for _ in benchmark.scaledIterations { blackHole(try BrokerageInstanceReader.parse(brokerBytes, file: "bench.json")) }
    }
}
