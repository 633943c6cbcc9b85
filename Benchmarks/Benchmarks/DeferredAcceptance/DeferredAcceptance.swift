// Deferred acceptance (cadres proposing) on hospital–resident markets shaped like a stable-mode
// intake: N cadres with 50-long random lists over N/4 enterprises of capacity 2–6, each
// enterprise ranking its applicants in random order — the same shape as the peer harness's
// stable-matching workload. The kernel alone (profile built beforehand), at 10k, 30k and 100k
// cadres, to show its growth; plus the independent blocking-pair check at 100k.

import Benchmark
import BenchmarkSupport
import NuanqiCore
import Solvers

func market(cadres: Int, seed: UInt64) -> PreferenceProfile {
    var random = SeededGenerator(seed: seed)
    let enterprises = cadres / 4
    var cadreLists: [[Int]] = []
    var applicants = [[Int]](repeating: [], count: enterprises)
    for cadre in 0 ..< cadres {
        var chosen = Set<Int>()
        while chosen.count < 50 { chosen.insert(Int.random(in: 0 ..< enterprises, using: &random)) }
        let list = chosen.sorted().shuffled(using: &random)    // sorted first: Set order varies per process
        for enterprise in list { applicants[enterprise].append(cadre) }
        cadreLists.append(list)
    }
    let enterpriseLists = applicants.map { $0.shuffled(using: &random) }
    return try! PreferenceProfile(proposerCapacities: [Int](repeating: 1, count: cadres),
                                  receiverCapacities: (0 ..< enterprises).map { _ in Int.random(in: 2 ... 6, using: &random) },
                                  proposerLists: cadreLists, receiverLists: enterpriseLists)
}

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = NuanqiBenchmark.configuration(maxDuration: .seconds(20), maxIterations: 10)

    for cadres in [10_000, 30_000, 100_000] {
        let profile = market(cadres: cadres, seed: 5)
        Benchmark("Deferred acceptance \(cadres) cadres x50") { benchmark in
            for _ in benchmark.scaledIterations { blackHole(DeferredAcceptance.solve(profile)) }
        }
        if cadres == 100_000 {
            let matching = DeferredAcceptance.solve(profile)
            Benchmark("Blocking-pair check \(cadres) cadres x50") { benchmark in
                for _ in benchmark.scaledIterations { blackHole(try BlockingPairs.find(in: matching, of: profile)) }
            }
        }
    }
}
