import Foundation
import Matching
import NuanqiCore
import NuanqiIO
@testable import Scenarios
import Testing

/// Scenarios that change only solve settings, capacities or key-project flags run on the
/// base's model — and give exactly the result of reading and solving their instance afresh.
@Suite struct ModelReuseTests {
    static let dinghai = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("fixtures/dinghai/instance.json").path

    @Test func reusedModelsGiveTheFreshResult() throws {
        let text = """
        format: nuanqi.scenarios/1
        scenarios:
          - { name: capacity, deltas: [ { set: { cadre: C02, capacity: 2 } } ] }
          - { name: key project, deltas: [ { set: { enterprise: E11, mandatory: true } } ] }
          - { name: not key, deltas: [ { set: { enterprise: E01, mandatory: false, capacity: 2 } } ] }
          - { name: stable, deltas: [ { policy: { mode: stable, proposing: enterprises } } ] }
          - { name: limits, deltas: [ { policy: { maxPerTown: 2 } }, { set: { cadre: C05, capacity: 3 } } ] }
          - { name: weights, deltas: [ { policy: { weights: { sameTown: 1 } } } ] }
          - { name: town, deltas: [ { set: { cadre: C02, town: 马岙 } } ] }
          - { name: text capacity, deltas: [ { set: { cadre: C02, capacity: "2" } } ] }
        """
        let scenarios = try ScenarioFile.parse(DocumentNode.yaml(Array(text.utf8), file: "s.yaml"), path: "s.yaml")
        let whatIf = try WhatIf(basePath: Self.dinghai, scenarios: scenarios, scenarioDigest: "")
        let settings = Problem.Settings(solver: .auto, runMonth: YearMonth(year: 2026, month: 11))
        let base = try Problem.match.prepare(whatIf.baseDocument, file: "base", settings: settings)
        var reused: [String] = []
        for scenario in scenarios.scenarios {
            let document = try whatIf.instanceDocument(scenario)
            let bytes = document.serializedBytes()
            if try Problem.reusedModel(base.matchingModel!, base: base.document, scenario: document, file: "s") != nil { reused.append(scenario.name) }
            let viaBase = Result { try Problem.match.solve(document, bytes: bytes, file: "s", base: base, settings: settings) }
            let fresh = Result { try Problem.match.solve(bytes, file: "s", settings: settings) }
            switch (viaBase, fresh) {
            case let (.success(left), .success(right)): #expect(left == right, "\(scenario.name)")
            case let (.failure(left), .failure(right)): #expect("\(left)" == "\(right)", "\(scenario.name)")
            default: Issue.record("\(scenario.name): one path failed, the other did not")
            }
        }
        // A text capacity is refused by the reader, so it must not take the shortcut either.
        #expect(reused == ["capacity", "key project", "not key", "stable", "limits"])
    }
}
