import ArgumentParser
import Brokerage
import Foundation
import NuanqiCore
import NuanqiIO
import Scenarios
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
        let jobOptions = BrokerageJob.Options(solver: options.solver, prices: prices)
        let outcome = try BrokerageJob.run(model, options: jobOptions, observer: timer.record)
        let record = try BrokerageJob.record(file: file, options: jobOptions)
        try timer.measure("write") {
            let json = record.attached(to: outcome.result)
            try Output.write(json, to: options.out)
            if let csv = reports.csv { try FileContents.writeAtomically(Array(BrokerageReportWriter.tradesCSV(json, byteOrderMark: reports.bom).utf8), to: csv) }
            if let report = reports.report { try FileContents.writeAtomically(Array(BrokerageReportWriter.markdown(json, model: model, title: file).utf8), to: report) }
        }
        try timer.write(to: options.timings)
    }
}
