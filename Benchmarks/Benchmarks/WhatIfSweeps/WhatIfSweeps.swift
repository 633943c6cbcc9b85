// What-if sweeps as `nuanqi whatif` runs them (base read and solved once, scenarios in
// parallel on all cores, solve-only policy changes on the base's model), against the same
// scenarios solved one by one on one thread, each read from its emitted bytes like a
// standalone `nuanqi match` (minus the process start). Dinghai: 1,000 scenarios (sweeps of
// the same-town weight and of the cadres' ranking weight, the proposing side in the stable
// mode, 14 departures); city 1,000 × 4,600: 100 (50 departures, 50 same-town weights).

import Benchmark
import BenchmarkSupport
import Foundation
import Matching
import NuanqiCore
import NuanqiIO
import Scenarios

let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
let settings = Problem.Settings(solver: .native, runMonth: YearMonth(year: 2026, month: 11))

func temporaryFile(_ name: String, _ text: String) -> String {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("nuanqi-bench-\(getpid())-\(name)").path
    try! text.write(toFile: path, atomically: true, encoding: .utf8)
    return path
}

func departures(_ ids: [String]) -> String {
    ids.map { "  - name: \($0) leaves\n    deltas:\n      - remove: { cadre: \($0) }\n" }.joined()
}

let dinghaiScenarios = "format: nuanqi.scenarios/1\nscenarios:\n" + departures((1 ... 14).map { String(format: "C%02d", $0) }) + """
sweeps:
  - name: same-town weight
    delta: { policy: { weights: { sameTown: $value } } }
    from: 0
    to: 2.445
    step: 0.005
  - name: cadres' ranking weight
    delta: { policy: { weights: { cadreRanking: $value } } }
    from: 0
    to: 2.445
    step: 0.005
  - name: stable mode, proposing
    delta: { policy: { mode: stable, proposing: $value } }
    values: [cadres, enterprises]
  - name: coverage first
    delta: { policy: { coverageFirst: $value } }
    values: [true, false]
  - name: stable-optimal mode
    delta: { policy: { mode: stable-optimal, coverageFirst: $value } }
    values: [true, false]
"""

let cityScenarios = "format: nuanqi.scenarios/1\nscenarios:\n" + departures((1 ... 50).map { String(format: "C%05d", $0 * 17) }) + """
sweeps:
  - name: same-town weight
    delta: { policy: { weights: { sameTown: $value } } }
    from: 0
    to: 0.98
    step: 0.02
"""

func oneByOne(_ whatIf: WhatIf) throws -> Int {
    var solved = 0
    for scenario in whatIf.scenarios.scenarios {
        let bytes = try whatIf.instanceBytes(scenario)
        blackHole(try whatIf.problem.solve(bytes, file: "scenario.json", settings: settings))
        solved += 1
    }
    return solved
}

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = NuanqiBenchmark.configuration(maxDuration: .seconds(120), maxIterations: 3)
    let city = MatchingInstanceGenerator.instance(cadres: 1_000, enterprises: 4_600, candidates: 50, seed: 7)
    let cityPath = temporaryFile("city.json", MatchingInstanceWriter.json(city).serialized())
    let sweeps = [
        ("Dinghai 1000 scenarios", root.appendingPathComponent("fixtures/dinghai/instance.json").path, temporaryFile("dinghai.yaml", dinghaiScenarios), 1_000),
        ("city 1000x4600 100 scenarios", cityPath, temporaryFile("city.yaml", cityScenarios), 100),
    ]
    for (label, base, scenarios, count) in sweeps {
        Benchmark("What-if \(label)") { benchmark in
            let whatIf = try WhatIf(basePath: base, scenarioPath: scenarios)
            precondition(whatIf.scenarios.scenarios.count == count)
            benchmark.startMeasurement()
            for _ in benchmark.scaledIterations { blackHole(try whatIf.run(settings: settings)) }
        }
        Benchmark("What-if \(label) one by one") { benchmark in
            let whatIf = try WhatIf(basePath: base, scenarioPath: scenarios)
            benchmark.startMeasurement()
            for _ in benchmark.scaledIterations { blackHole(try oneByOne(whatIf)) }
        }
    }
}
