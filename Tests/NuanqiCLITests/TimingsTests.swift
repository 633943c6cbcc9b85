import Foundation
import Testing

@Suite struct TimingsTests {
    /// `--timings FILE` names every phase with its seconds and the peak memory, and never
    /// touches the result: with and without it the result bytes are the same.
    @Test(arguments: [
        (["match", "fixtures/dinghai/instance.json"], ["read", "validate", "build model", "solve", "verify", "write"]),
        (["broker", "fixtures/yongzhou/market.json"], ["read", "validate", "build model", "solve", "verify", "write"]),
        (["assign", "fixtures/assign/dinghai-14.csv"], ["read", "solve", "verify", "write"]),
    ])
    func phasesAreReportedApartFromTheResult(arguments: [String], phases: [String]) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("nuanqi-timings-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let timings = folder.appendingPathComponent("t.json").path
        let timed = try CLI.run(arguments + ["--timings", timings])
        let plain = try CLI.run(arguments)
        #expect(timed.exitCode == 0 && timed.standardOutput == plain.standardOutput)
        let document = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: timings))) as! [String: Any]
        let reported = (document["phases"] as! [[String: Any]]).map { $0["phase"] as! String }
        for phase in phases { #expect(reported.contains(phase), "\(arguments[0]) lacks \(phase): \(reported)") }
        #expect((document["peakMemoryBytes"] as! Int) > 1_000_000)
        #expect(!timed.standardOutput.contains("seconds"))
    }
}
