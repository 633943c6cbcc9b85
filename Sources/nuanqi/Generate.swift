import ArgumentParser
import Matching
import NuanqiIO

struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write seeded, realistic instances for benchmarks and what-if trials.",
        subcommands: [GenerateMatch.self])
}

struct GenerateMatch: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "match",
        abstract: "A nuanqi.match/1 instance: Zhoushan-style industries, departments, towns, key projects, rankings.")

    @Option(help: "Number of cadres (1…100,000).")
    var cadres: Int

    @Option(help: "Number of enterprises (1…100,000).")
    var enterprises: Int

    @Option(help: "Ranked candidate cadres per enterprise.")
    var candidates: Int = 50

    @Option(help: "Random seed: the same seed gives the same file.")
    var seed: UInt64 = 1

    @Option(help: "Write to this file (atomically) instead of standard output.")
    var out: String?

    func validate() throws {
        guard (1 ... 100_000).contains(cadres), (1 ... 100_000).contains(enterprises) else {
            throw ValidationError("--cadres and --enterprises must be between 1 and 100,000")
        }
        guard candidates >= 1 else { throw ValidationError("--candidates must be at least 1") }
    }

    func run() throws {
        let instance = MatchingInstanceGenerator.instance(cadres: cadres, enterprises: enterprises, candidates: candidates, seed: seed)
        try Output.write(MatchingInstanceWriter.json(instance), to: out)
    }
}
