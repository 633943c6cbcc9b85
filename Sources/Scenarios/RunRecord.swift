// What a result needs to be replayed: the digests of its inputs, the program and solver
// versions, the options that shaped it, and the verdict (status, objective, bound, gap).
// Deliberately no clock time and no host name: a rerun on the same inputs writes the same bytes.

import NuanqiCore
import NuanqiIO
import Solvers

public struct RunRecord: Sendable {
    public static let nuanqiVersion = "0.2.0"

    public struct Input: Sendable {
        public var role: String
        public var path: String
        public var sha256: String

        public init(role: String, path: String, sha256: String) {
            self.role = role
            self.path = path
            self.sha256 = sha256
        }
    }

    public var command: String
    public var inputs: [Input]
    /// Options in the order the command lists them; only those that change the result.
    public var options: [(String, JSONValue)]
    /// Nuanqi's solvers draw no random numbers; a seed is recorded when the run used one.
    public var seed: UInt64?

    public init(command: String, inputs: [Input], options: [(String, JSONValue)], seed: UInt64? = nil) {
        self.command = command
        self.inputs = inputs
        self.options = options
        self.seed = seed
    }

    /// The record as JSON, with the verdict read from `result` (a match or broker result).
    public func json(verdictOf result: JSONValue?) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("nuanqi", .string(Self.nuanqiVersion)),
            ("command", .string(command)),
            ("inputs", .array(inputs.map { .object([("role", .string($0.role)), ("path", .string($0.path)), ("sha256", .string($0.sha256))]) })),
            ("options", .object(options)),
            ("seed", seed.map { .integer($0) } ?? .null),
        ]
        if let result {
            // GLPK's version matters when GLPK produced the answer; recording it otherwise would
            // make the same native answer differ between builds with and without GLPK.
            let usedGLPK = result["solver"]?.text?.hasPrefix("glpk") == true
            members.append(("glpk", usedGLPK ? GLPK.version.map { .string($0) } ?? .null : .null))
            let verdict = Self.verdict(of: result)
            members += [("solver", result["solver"] ?? .null), ("status", result["status"] ?? .null),
                        ("objective", verdict.objective), ("bound", verdict.bound), ("gap", verdict.gap)]
        }
        return .object(members)
    }

    /// `result` with this record inserted as its second member, `"run"`, after `"format"`.
    public func attached(to result: JSONValue) -> JSONValue {
        guard case var .object(members) = result else { return result }
        members.insert(("run", json(verdictOf: result)), at: min(1, members.count))
        return .object(members)
    }

    /// Objective and bound of a match result (score, maximized) or a broker result (weighted
    /// met grams, maximized first); the gap is (bound − objective) / |bound|, to 6 decimals.
    static func verdict(of result: JSONValue) -> (objective: JSONValue, bound: JSONValue, gap: JSONValue) {
        let objective = result["objective"] ?? result["weightedMetGrams"] ?? .null
        let bound = result["bound"] ?? result["weightedMetBound"] ?? .null
        guard case let .number(objectiveText) = objective, case let .number(boundText) = bound,
              let value = try? ExactDecimal.parse(Array(objectiveText.utf8)), let limit = try? ExactDecimal.parse(Array(boundText.utf8))
        else { return (objective, bound, .null) }
        let decimals = max(value.decimals, limit.decimals)
        let scaledValue = value.mantissa * ExactDecimal.powerOfTen(decimals - value.decimals)
        let scaledLimit = limit.mantissa * ExactDecimal.powerOfTen(decimals - limit.decimals)
        guard scaledLimit != 0 else { return (objective, bound, scaledValue == 0 ? .number("0") : .null) }
        let difference = (scaledLimit - scaledValue).multipliedReportingOverflow(by: 1_000_000)
        guard !difference.overflow else { return (objective, bound, .null) }
        let gap = difference.partialValue / abs(scaledLimit)
        return (objective, bound, .number(ExactDecimal.format(gap, decimals: 6)))
    }
}
