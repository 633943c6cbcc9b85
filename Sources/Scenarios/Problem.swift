// Which of the two problems an instance holds, and the per-problem steps what-if and merge
// share: read an instance to its canonical document, solve a document's bytes, summarize and
// compare results.

import Brokerage
import Foundation
import Matching
import NuanqiCore
import NuanqiIO
import Solvers

public enum Problem: String, Sendable {
    case match
    case broker

    /// A CSV folder by its files, a JSON file by its `format`.
    public static func of(path: String) throws(InputError) -> Problem {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            if FileManager.default.fileExists(atPath: (path as NSString).appendingPathComponent("cadres.csv")) { return .match }
            if FileManager.default.fileExists(atPath: (path as NSString).appendingPathComponent("sellers.csv")) { return .broker }
            throw .unreadable(file: path, reason: "is neither a matching folder (cadres.csv) nor a brokerage folder (sellers.csv)")
        }
        let root = try JSONTape(bytes: try FileContents.bytes(of: path), file: path).root
        switch root["format"]?.string {
        case "nuanqi.match/1": return .match
        case "nuanqi.broker/1": return .broker
        case let other:
            throw .invalidValue(file: path, line: root["format"]?.line ?? root.line, field: "format",
                                reason: "\(other.map { "is \"\($0)\"" } ?? "is missing"); expected nuanqi.match/1 or nuanqi.broker/1")
        }
    }

    public var folderFiles: [String] { self == .match ? MatchingFolderReader.fileNames : BrokerageFolderReader.fileNames }

    /// The instance at `path` (file or folder) as the canonical document its writer emits.
    public func canonicalDocument(path: String) throws(InputError) -> (document: JSONValue, warnings: [String]) {
        switch self {
        case .match:
            let input = try MatchingInstanceReader.read(path: path)
            return (MatchingInstanceWriter.json(input.instance), input.warnings)
        case .broker:
            let input = try BrokerageInstanceReader.read(path: path)
            return (BrokerageInstanceWriter.json(input.instance), input.warnings)
        }
    }

    func apply(_ delta: Delta, to editor: inout DocumentEditor) throws(InputError) {
        switch self {
        case .match: try MatchingEdits.apply(delta, to: &editor)
        case .broker: try BrokerageEdits.apply(delta, to: &editor)
        }
    }

    public struct Settings: Sendable {
        public var solver: SolverChoice
        public var forcingCosts: Int?
        public var prices: Int?
        public var runMonth: YearMonth

        public init(solver: SolverChoice = .auto, forcingCosts: Int? = nil, prices: Int? = nil, runMonth: YearMonth) {
            self.solver = solver
            self.forcingCosts = forcingCosts
            self.prices = prices
            self.runMonth = runMonth
        }
    }

    /// The options a run record lists for this problem.
    public func recorded(_ settings: Settings) -> [(String, JSONValue)] {
        switch self {
        case .match: MatchingJob.Options(solver: settings.solver, forcingCosts: settings.forcingCosts, runMonth: settings.runMonth).recorded
        case .broker: BrokerageJob.Options(solver: settings.solver, prices: settings.prices).recorded
        }
    }

    /// What a what-if run keeps of its base: the canonical document and, for matching, the
    /// model (eligibility, candidates, scores) that scenarios changing only solve settings reuse.
    public struct PreparedBase: Sendable {
        public var document: JSONValue
        public var result: JSONValue
        var matchingModel: MatchingModel?
    }

    public func prepare(_ document: JSONValue, file: String, settings: Settings) throws -> PreparedBase {
        let bytes = document.serializedBytes()
        switch self {
        case .match:
            let input = try MatchingInstanceReader.parse(bytes, file: file)
            let job = try MatchingJob.run(input.instance, file: file, options: .init(solver: settings.solver, forcingCosts: settings.forcingCosts, runMonth: settings.runMonth))
            return PreparedBase(document: document, result: job.result, matchingModel: job.model)
        case .broker:
            return PreparedBase(document: document, result: try solve(bytes, file: file, settings: settings), matchingModel: nil)
        }
    }

    /// A scenario's result: from the base's model when the deltas changed only the policy's
    /// solve settings, capacities or key-project flags; else by reading the document's bytes
    /// like a standalone run. Either way the same bytes as `match` on the emitted instance
    /// (the what-if tests check it).
    public func solve(_ document: JSONValue, bytes: [UInt8], file: String, base: PreparedBase, settings: Settings) throws -> JSONValue {
        let options = MatchingJob.Options(solver: settings.solver, forcingCosts: settings.forcingCosts, runMonth: settings.runMonth)
        if let model = base.matchingModel, let reused = try Self.reusedModel(model, base: base.document, scenario: document, file: file) {
            return try MatchingJob.run(reused, options: options).result
        }
        return try solve(bytes, file: file, settings: settings)
    }

    /// The base model adapted to the scenario document, or nil when the scenario changes
    /// more than the policy's solve settings, capacities and key-project flags.
    static func reusedModel(_ model: MatchingModel, base: JSONValue, scenario: JSONValue, file: String) throws -> MatchingModel? {
        guard let changed = scenario.members, let original = base.members, changed.count == original.count else { return nil }
        var cadres: [Int: Int] = [:], enterprises: [Int: (capacity: Int, mandatory: Bool)] = [:]
        var result = model
        for (new, old) in zip(changed, original) {
            guard new.0 == old.0 else { return nil }
            if new.1 == old.1 { continue }
            switch new.0 {
            case "policy":
                let policyOnly = JSONValue.object([("format", .string("nuanqi.match/1")), ("policy", new.1)])
                let policy = try MatchingInstanceReader.parse(policyOnly.serializedBytes(), file: file).instance.policy
                guard let replaced = result.replacingSolvePolicy(policy) else { return nil }
                result = replaced
            case "cadres", "enterprises":
                guard let records = new.1.elements, let before = old.1.elements, records.count == before.count else { return nil }
                for (index, (record, previous)) in zip(records, before).enumerated() where record != previous {
                    guard let members = record.members, let previousMembers = previous.members, members.count == previousMembers.count else { return nil }
                    for (field, value) in zip(members, previousMembers) where field != value {
                        guard field.0 == value.0, field.0 == "capacity" || (field.0 == "mandatory" && new.0 == "enterprises") else { return nil }
                    }
                    // Only values the reader takes as they are: a whole number, a flag.
                    guard case let .number(text)? = record["capacity"], let capacity = Int(text) else { return nil }
                    if new.0 == "cadres" {
                        cadres[index] = capacity
                    } else {
                        guard case let .bool(mandatory)? = record["mandatory"] else { return nil }
                        enterprises[index] = (capacity, mandatory)
                    }
                }
            default:
                return nil
            }
        }
        if cadres.isEmpty && enterprises.isEmpty { return result }
        return result.replacingCapacities(cadres: cadres, enterprises: enterprises)
    }

    /// Reads `bytes` exactly as `match`/`broker` read a file and solves it: the result
    /// document without its run record.
    public func solve(_ bytes: [UInt8], file: String, settings: Settings) throws -> JSONValue {
        switch self {
        case .match:
            let input = try MatchingInstanceReader.parse(bytes, file: file)
            return try MatchingJob.run(input.instance, file: file, options: .init(solver: settings.solver, forcingCosts: settings.forcingCosts, runMonth: settings.runMonth)).result
        case .broker:
            let input = try BrokerageInstanceReader.parse(bytes, file: file)
            return try BrokerageJob.run(input.instance, options: .init(solver: settings.solver, prices: settings.prices)).result
        }
    }

    /// Entity-level differences of two results; `instance` is the second one's document.
    public func diff(from base: JSONValue, to scenario: JSONValue, instance: JSONValue) -> JSONValue {
        switch self {
        case .match:
            let ids = ["cadres", "enterprises"].flatMap { (instance[$0]?.elements ?? []).compactMap { $0["id"]?.text } }
            return ScenarioDiff.matching(from: base, to: scenario, present: Set(ids))
        case .broker:
            return ScenarioDiff.brokerage(from: base, to: scenario)
        }
    }

    /// The comparison-table row of a result: the figures planners compare scenarios by.
    public func summary(of result: JSONValue, pollutants: [String]) -> [(String, JSONValue)] {
        switch self {
        case .match:
            return [("status", result["status"] ?? .null), ("asOf", result["asOf"] ?? .null), ("objective", result["objective"] ?? .null),
                    ("coveredEnterprises", result["coveredEnterprises"] ?? .null), ("mandatoryCovered", result["mandatoryCovered"] ?? .null),
                    ("assignments", .integer(result["assignments"]?.elements?.count ?? 0)),
                    ("unassignedEnterprises", .integer(result["unassignedEnterprises"]?.elements?.count ?? 0))]
        case .broker:
            var row: [(String, JSONValue)] = [("status", result["status"] ?? .null), ("metGrams", result["metGrams"] ?? .null),
                                              ("weightedMetGrams", result["weightedMetGrams"] ?? .null), ("totalCostFen", result["totalCostFen"] ?? .null),
                                              ("trades", .integer(result["trades"]?.elements?.count ?? 0)), ("unmetDemands", .integer(result["unmet"]?.elements?.count ?? 0))]
            // Key shadow price per pollutant: the dearest next tonne any fully served buyer would pay.
            for pollutant in pollutants {
                let prices = (result["shadowPrices"]?.elements ?? []).filter { $0["pollutant"]?.text == pollutant }.compactMap { $0["perTonneFen"]?.text.flatMap { Int64($0) } }
                row.append(("shadowPriceFen:" + pollutant, prices.max().map { .integer($0) } ?? .null))
            }
            return row
        }
    }

    /// The pollutants of a canonical broker document (price columns), none for matching.
    public func pollutants(of document: JSONValue) -> [String] {
        self == .broker ? (document["pollutants"]?.elements ?? []).compactMap { $0["id"]?.text } : []
    }
}
