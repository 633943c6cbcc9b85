import Foundation

/// Runs the built `nuanqi` executable and captures what it prints.
struct CLIRun {
    var exitCode: Int32
    var standardOutput: String
    var standardError: String
}

enum CLI {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    static let badInput = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("BadInput")
    static let orlib = packageRoot.deletingLastPathComponent().appendingPathComponent("shared/benchmarks/orlib")

    /// The executable next to the test bundle (same build folder and configuration).
    static var executable: URL {
        var folder = Bundle.main.bundleURL
        while !FileManager.default.fileExists(atPath: folder.appendingPathComponent("nuanqi").path), folder.path != "/" {
            folder.deleteLastPathComponent()
        }
        return folder.appendingPathComponent("nuanqi")
    }

    /// Writes `contents` to a new temporary file, runs `body` with its path, and removes it.
    static func withTemporaryFile<Result>(_ contents: String, suffix: String, _ body: (String) throws -> Result) throws -> Result {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("nuanqi-\(UUID().uuidString)\(suffix)")
        try contents.write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        return try body(file.path)
    }

    /// Runs `body` with a new empty temporary folder, and removes it.
    static func withTemporaryFolder<Result>(_ body: (URL) throws -> Result) throws -> Result {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("nuanqi-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        return try body(folder)
    }

    static func run(_ arguments: [String]) throws -> CLIRun {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = packageRoot
        let output = Pipe(), error = Pipe()
        process.standardOutput = output
        process.standardError = error
        try process.run()
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        let errorData = error.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return CLIRun(exitCode: process.terminationStatus,
                      standardOutput: String(decoding: outputData, as: UTF8.self),
                      standardError: String(decoding: errorData, as: UTF8.self))
    }
}
