import ArgumentParser
import Brokerage
import Foundation
import NuanqiCore
import NuanqiIO
import Solvers

struct Broker: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Broker point-to-point pollution-permit trades (排污权) from a nuanqi.broker/1 file.",
        discussion: """
        Prints a nuanqi.broker-result/1 JSON: trades to the gram with their exact amounts, unmet
        demand with its reason, and the price of one more tonne for each fully met demand
        (by exact re-solve; flagged when not unique), after the independent verification.
        """)

    @Argument(help: "The market: a nuanqi.broker/1 JSON file.")
    var file: String

    @OptionGroup var options: SolveOptions

    @OptionGroup var reports: ReportOptions

    @OptionGroup var export: ModelExport

    @Option(help: "Compute the price of one more tonne for at most this many demands (each is a re-solve). Default: all below 200 demands, else none.")
    var prices: Int?

    func run() throws {
        let timer = Timings()
        let input = try timer.measure("read") { try BrokerageInstanceReader.read(path: file) }
        for warning in input.warnings { FileHandle.standardError.write(Data(("nuanqi: warning: " + warning + "\n").utf8)) }
        let model = try BrokerageModel(input.instance, observer: timer.record)
        try export.write(BrokerageSolver.finalModel(model))
        let solution = try timer.measure("solve") { try BrokerageSolver.solve(model, using: options.solver) }
        let verification = timer.measure("verify") { BrokerageVerifier.verify(solution, of: model) }
        guard verification.feasible else {
            Nuanqi.fail("internal error: the \(solution.solver) result failed verification: " + verification.problems.joined(separator: "; "), code: .solverError)
        }
        var received = [Int64](repeating: 0, count: model.demands.count)
        for trade in solution.trades { received[trade.demand] += trade.grams }
        let limit = prices ?? (model.demands.count < 200 ? model.demands.count : 0)
        var marginal: [Int: BrokerageExplanation.MarginalPrice] = [:]
        try timer.measure("prices") {
            for index in model.demands.indices.filter({ received[$0] == model.demand($0).tonnage.grams }).prefix(limit) {
                marginal[index] = try BrokerageExplanation.marginalPrice(index, model: model, solution: solution, using: options.solver)
            }
        }
        var regionPrices: [(region: String, pollutant: String, price: Money?)] = []
        if limit > 0 && model.instance.regions.count * model.instance.pollutants.count <= 100 {
            try timer.measure("region prices") {
                for region in model.instance.regions {
                    for pollutant in model.instance.pollutants {
                        regionPrices.append((region.id, pollutant.id, try BrokerageExplanation.regionPrice(
                            region: region.id, pollutant: pollutant.id, model: model, solution: solution, using: options.solver)))
                    }
                }
            }
        }
        try timer.measure("write") {
            let json = BrokerageResultWriter.json(solution, model: model, verification: verification, prices: marginal, regionPrices: regionPrices)
            try Output.write(json, to: options.out)
            if let csv = reports.csv { try FileContents.writeAtomically(Array(BrokerageReportWriter.tradesCSV(json, byteOrderMark: reports.bom).utf8), to: csv) }
            if let report = reports.report { try FileContents.writeAtomically(Array(BrokerageReportWriter.markdown(json, model: model, title: file).utf8), to: report) }
        }
        try timer.write(to: options.timings)
    }
}
