import Foundation

/// A one-line progress bar on standard error for long sweeps, redrawn in place at most ten
/// times a second; silent when disabled (not a terminal, or --quiet).
final class ProgressBar: @unchecked Sendable {
    private let enabled: Bool
    private let noun: String
    private let lock = NSLock()
    private let start = ContinuousClock.now
    private var lastDrawn = ContinuousClock.now - .seconds(1)
    private var drawn = false

    init(enabled: Bool, noun: String) {
        self.enabled = enabled
        self.noun = noun
    }

    func update(_ done: Int, _ total: Int) {
        guard enabled else { return }
        lock.withLock {
            let now = ContinuousClock.now
            guard done == total || now - lastDrawn >= .milliseconds(100) else { return }
            lastDrawn = now
            let elapsed = Double((now - start).components.seconds) + Double((now - start).components.attoseconds) * 1e-18
            let width = 30, filled = total == 0 ? width : width * done / total
            let remaining = done == 0 ? "" : String(format: ", about %.0f s left", elapsed / Double(done) * Double(total - done))
            let line = "\r[" + String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled) + "] \(done)/\(total) \(noun)"
                + String(format: ", %.1f s", elapsed) + remaining + "   "
            FileHandle.standardError.write(Data(line.utf8))
            drawn = true
        }
    }

    func finish() {
        lock.withLock { if drawn { FileHandle.standardError.write(Data("\n".utf8)) } }
    }
}
