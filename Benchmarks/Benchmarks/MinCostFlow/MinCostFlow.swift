// Min-cost flow kernel on a sparse many-to-one matching network shaped like the province case:
// 10,000 cadres, 20,000 enterprises with 50 candidate cadres each (10^6 candidate arcs), every
// tenth enterprise mandatory (lower bound 1), an uncovered-enterprise bypass, scores 1…1000
// (maximized as negative costs).

import Benchmark
import BenchmarkSupport
import NuanqiCore
import Solvers

func manyToOneNetwork(cadres: Int, enterprises: Int, candidates: Int, seed: UInt64) -> FlowNetwork {
    var random = SeededGenerator(seed: seed)
    var network = FlowNetwork(nodeCount: cadres + enterprises + 2)
    let source = cadres + enterprises, sink = source + 1
    network.reserveArcs(cadres + enterprises * (candidates + 1) + 1)
    network.setSupply(Int64(cadres), at: source)
    network.setSupply(-Int64(cadres), at: sink)
    for cadre in 0 ..< cadres { network.addArc(from: source, to: cadre, upper: 1, cost: 0) }
    network.addArc(from: source, to: sink, cost: 0)
    for enterprise in 0 ..< enterprises {
        for _ in 0 ..< candidates {
            network.addArc(from: Int.random(in: 0 ..< cadres, using: &random), to: cadres + enterprise,
                           upper: 1, cost: -Int64.random(in: 1 ... 1000, using: &random))
        }
        network.addArc(from: cadres + enterprise, to: sink, lower: enterprise % 10 == 0 ? 1 : 0, upper: 1, cost: 0)
    }
    return network
}

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = NuanqiBenchmark.configuration(maxDuration: .seconds(30), maxIterations: 5)

    let district = manyToOneNetwork(cadres: 50, enterprises: 100, candidates: 20, seed: 1)
    let city = manyToOneNetwork(cadres: 2_000, enterprises: 4_000, candidates: 50, seed: 3)
    let province = manyToOneNetwork(cadres: 10_000, enterprises: 20_000, candidates: 50, seed: 2)
    for (label, network) in [("50x100 (2k arcs)", district), ("2000x4000 (200k arcs)", city), ("10000x20000 (1M arcs)", province)] {
        for algorithm in [MinCostFlow.Algorithm.networkSimplex, .costScaling] {
            Benchmark("MinCostFlow \(algorithm.rawValue) many-to-one \(label)") { benchmark in
                for _ in benchmark.scaledIterations { blackHole(try MinCostFlow.solve(network, algorithm: algorithm)) }
            }
        }
    }
}
