import Foundation
import NuanqiIO

/// Wall-clock seconds per phase and the peak resident memory, for `--timings FILE`. Kept out of
/// the result itself, which must stay byte-identical across runs.
final class Timings {
    private var phases: [(name: String, seconds: Double)] = []

    func measure<Result>(_ name: String, _ body: () throws -> Result) rethrows -> Result {
        let start = ContinuousClock.now
        defer {
            let elapsed = ContinuousClock.now - start
            phases.append((name, Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18))
        }
        return try body()
    }

    /// A phase timed elsewhere (a PhaseObserver).
    func record(_ name: String, _ seconds: Double) {
        phases.append((name, seconds))
    }

    func write(to path: String?) throws {
        guard let path else { return }
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        let json = JSONValue.object([
            ("phases", .array(phases.map { .object([("phase", .string($0.name)), ("seconds", .number(String(format: "%.6f", $0.seconds)))]) })),
            ("totalSeconds", .number(String(format: "%.6f", phases.reduce(0) { $0 + $1.seconds }))),
            ("peakMemoryBytes", .integer(Int64(usage.ru_maxrss) * 1024)),
        ])
        try FileContents.writeAtomically(json.serializedBytes(), to: path)
    }
}
