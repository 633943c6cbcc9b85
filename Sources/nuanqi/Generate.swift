import ArgumentParser
import Brokerage
import Matching
import NuanqiCore
import NuanqiIO

struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write seeded, realistic instances for benchmarks and what-if trials.",
        subcommands: [GenerateMatch.self, GenerateBroker.self])
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

struct GenerateBroker: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "broker",
        abstract: "A nuanqi.broker/1 market: Zhejiang's cities and watersheds, NH3-N and NOx at observed prices.")

    @Option(help: "Number of sellers (1…100,000).")
    var sellers: Int

    @Option(help: "Number of buyers (1…100,000).")
    var buyers: Int

    @Option(help: "Number of regions, spread over the 11 cities.")
    var regions: Int = 11

    @Option(help: "Random seed: the same seed gives the same file.")
    var seed: UInt64 = 1

    @Flag(help: "Give every approved link ratio 1: a pure transportation market (exact min-cost flow).")
    var pure = false

    @Option(help: ArgumentHelp("Fixed cost per trade, in yuan (options.fixedCostPerTrade).", valueName: "YUAN"))
    var fixedCost: Int?

    @Option(help: "Cap on the sellers of each demand (options.maxCounterparties).")
    var maxCounterparties: Int?

    @Option(help: "Write to this file (atomically) instead of standard output.")
    var out: String?

    func validate() throws {
        guard (1 ... 100_000).contains(sellers), (1 ... 100_000).contains(buyers), (1 ... 1_000).contains(regions) else {
            throw ValidationError("--sellers and --buyers must be 1…100,000 and --regions 1…1,000")
        }
        if let fixedCost, !(0 ... 10_000_000).contains(fixedCost) { throw ValidationError("--fixed-cost must be 0…10,000,000 yuan") }
        if let maxCounterparties, !(1 ... 1_000).contains(maxCounterparties) { throw ValidationError("--max-counterparties must be 1…1,000") }
    }

    func run() throws {
        var market = BrokerageInstanceGenerator.instance(sellers: sellers, buyers: buyers, regions: regions, seed: seed)
        if pure { for index in market.links.indices { market.links[index].ratio = .one } }
        if let fixedCost { market.options.fixedCostPerTrade = Money(fen: Int64(fixedCost) * 100) }
        if let maxCounterparties { market.options.maxCounterparties = maxCounterparties }
        try Output.write(BrokerageInstanceWriter.json(market), to: out)
    }
}
