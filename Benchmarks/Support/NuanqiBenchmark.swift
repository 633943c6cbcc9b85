// The configuration every Nuanqi benchmark shares: what is measured, and what is gated.
// Wall-clock and CPU time are recorded but not gated (the machine is shared and noisy: times
// are reported as ratios measured side by side); allocation counts are deterministic for a
// given build, so `swift package benchmark thresholds check` fails when they grow by more
// than 5 % (and 100 allocations) over the checked-in static thresholds in Thresholds/.

import Benchmark

public enum NuanqiBenchmark {
    public static func configuration(maxDuration: Duration, maxIterations: Int,
                                     extraMetrics: [BenchmarkMetric] = []) -> Benchmark.Configuration {
        let ungated = BenchmarkThresholds(relative: [.p90: 10_000.0])
        let metrics: [BenchmarkMetric] = [.wallClock, .cpuTotal, .mallocCountTotal, .peakMemoryResident] + extraMetrics
        var thresholds = Dictionary(uniqueKeysWithValues: metrics.map { ($0, ungated) })
        thresholds[.mallocCountTotal] = BenchmarkThresholds(relative: [.p90: 5.0], absolute: [.p90: 100])
        return .init(metrics: metrics, maxDuration: maxDuration, maxIterations: maxIterations, thresholds: thresholds)
    }
}
