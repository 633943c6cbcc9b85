/// Receives how long each named phase of a computation took, in seconds — how `--timings`
/// learns the split of steps that happen inside one call (validate, then build the model).
public typealias PhaseObserver = (_ phase: String, _ seconds: Double) -> Void

/// Runs `body`, reports its duration to `observer` under `phase`, and returns its result.
@inlinable
public func observe<Result, Failure: Error>(_ phase: String, by observer: PhaseObserver?,
                                            _ body: () throws(Failure) -> Result) throws(Failure) -> Result {
    guard let observer else { return try body() }
    let start = ContinuousClock.now
    defer {
        let elapsed = ContinuousClock.now - start
        observer(phase, Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18)
    }
    return try body()
}
