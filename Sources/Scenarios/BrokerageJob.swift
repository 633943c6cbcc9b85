// One `nuanqi broker` run as a library call: model, lexicographic solve, independent
// verification, prices of one more tonne, result JSON. Shared by the CLI, what-if scenarios
// and merges, so every path writes the same bytes for the same market.

import Brokerage
import NuanqiCore
import NuanqiIO
import Solvers

public enum BrokerageJob {
    public struct Options: Sendable {
        public var solver: SolverChoice
        /// Prices for at most this many fully met demands; nil: all below 200 demands, else none.
        public var prices: Int?

        public init(solver: SolverChoice = .auto, prices: Int? = nil) {
            self.solver = solver
            self.prices = prices
        }

        public var recorded: [(String, JSONValue)] {
            [("solver", .string(solver.rawValue)), ("prices", prices.map { .integer($0) } ?? .null)]
        }
    }

    public struct Outcome: Sendable {
        /// The nuanqi.broker-result/1 document, without its run record.
        public var result: JSONValue
        public var model: BrokerageModel
        public var solution: BrokerageSolution
    }

    /// The run record `nuanqi broker FILE` attaches to its result.
    public static func record(file: String, options: Options) throws(InputError) -> RunRecord {
        RunRecord(command: "broker", inputs: [.init(role: "market", path: file, sha256: try InputDigest.sha256(path: file, folderFiles: BrokerageFolderReader.fileNames))],
                  options: options.recorded)
    }

    public static func run(_ instance: BrokerageInstance, options: Options, observer: PhaseObserver? = nil) throws -> Outcome {
        try run(try BrokerageModel(instance, observer: observer), options: options, observer: observer)
    }

    public static func run(_ model: BrokerageModel, options: Options, observer: PhaseObserver? = nil) throws -> Outcome {
        let solution = try observe("solve", by: observer) { try BrokerageSolver.solve(model, using: options.solver) }
        let verification = observe("verify", by: observer) { BrokerageVerifier.verify(solution, of: model) }
        guard verification.feasible else { throw JobFailure.verificationFailed(solver: solution.solver, problems: verification.problems) }
        var received = [Int64](repeating: 0, count: model.demands.count)
        for trade in solution.trades { received[trade.demand] += trade.grams }
        let limit = options.prices ?? (model.demands.count < 200 ? model.demands.count : 0)
        var marginal: [Int: BrokerageExplanation.MarginalPrice] = [:]
        try observe("prices", by: observer) {
            for index in model.demands.indices.filter({ received[$0] == model.demand($0).tonnage.grams }).prefix(limit) {
                marginal[index] = try BrokerageExplanation.marginalPrice(index, model: model, solution: solution, using: options.solver)
            }
        }
        var regionPrices: [(region: String, pollutant: String, price: Money?)] = []
        if limit > 0 && model.instance.regions.count * model.instance.pollutants.count <= 100 {
            try observe("region prices", by: observer) {
                for region in model.instance.regions {
                    for pollutant in model.instance.pollutants {
                        regionPrices.append((region.id, pollutant.id, try BrokerageExplanation.regionPrice(
                            region: region.id, pollutant: pollutant.id, model: model, solution: solution, using: options.solver)))
                    }
                }
            }
        }
        let result = observe("explain", by: observer) {
            BrokerageResultWriter.json(solution, model: model, verification: verification, prices: marginal, regionPrices: regionPrices)
        }
        return Outcome(result: result, model: model, solution: solution)
    }
}
