// Reads the `nuanqi.match/1` JSON format (DESIGN "Formats, version 1") into a MatchingInstance.
// Every field but ids is optional with the documented default. Scores and weights are exact
// decimals (up to 6 places) read into millionths. Keys this version does not know are returned
// as warnings, not errors, so files written for a later version still load.

import Foundation
import Matching
import NuanqiCore

public struct MatchingInput: Sendable {
    public var instance: MatchingInstance
    /// Human-readable notes about the input (unknown keys), for standard error.
    public var warnings: [String]
}

public enum MatchingInstanceReader {
    /// A `nuanqi.match/1` JSON file, or a folder of CSV files (MatchingFolderReader).
    public static func read(path: String) throws(InputError) -> MatchingInput {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            return try MatchingFolderReader.read(folder: path)
        }
        return try parse(FileContents.bytes(of: path), file: path)
    }

    public static func parse(_ bytes: [UInt8], file: String) throws(InputError) -> MatchingInput {
        let document = try JSONFields.document(bytes, file: file, format: "nuanqi.match/1", known: ["policy", "cadres", "enterprises", "scores", "pinned", "forbidden", "incumbents"])
        var warnings: [String] = []
        func note(_ fields: JSONFields) {
            warnings += fields.unknownKeyWarnings
        }
        note(document)

        var policy = MatchingPolicy()
        if let node = document.member("policy") {
            policy = try readPolicy(node, note: note)
        }
        let cadres = try document.list("cadres").enumerated().map { index, node throws(InputError) in
            let fields = try JSONFields(node, path: "cadres[\(index)]", known: ["id", "name", "department", "town", "capacity", "skills", "retiredOn", "birthYear", "jurisdiction", "ranking", "excludes"])
            note(fields)
            return Cadre(
                id: try fields.requiredString("id"), name: try fields.string("name"),
                department: try fields.string("department"), town: try fields.string("town"),
                capacity: try fields.integer("capacity") ?? 1, skills: try fields.levels("skills"),
                retiredOn: try month(fields, "retiredOn"), birthYear: try fields.integer("birthYear"),
                jurisdiction: try fields.stringList("jurisdiction") ?? [], ranking: try fields.stringList("ranking"),
                excludes: try fields.stringList("excludes") ?? [], line: node.line)
        }
        let enterprises = try document.list("enterprises").enumerated().map { index, node throws(InputError) in
            let fields = try JSONFields(node, path: "enterprises[\(index)]", known: ["id", "name", "industry", "town", "district", "capacity", "needs", "mandatory", "ranking", "excludes", "regulators", "optedIn"])
            note(fields)
            return Enterprise(
                id: try fields.requiredString("id"), name: try fields.string("name"),
                industry: try fields.string("industry"), town: try fields.string("town"),
                district: try fields.string("district"), capacity: try fields.integer("capacity") ?? 1,
                needs: try fields.levels("needs"), mandatory: try fields.bool("mandatory", default: false),
                ranking: try fields.stringList("ranking"), excludes: try fields.stringList("excludes") ?? [],
                regulators: try fields.stringList("regulators") ?? [], optedIn: try fields.bool("optedIn", default: true),
                line: node.line)
        }
        var scores: [(pair: CadreEnterprisePair, score: Score)]? = nil
        if document.member("scores") != nil {
            scores = try document.list("scores").enumerated().map { index, node throws(InputError) in
                let fields = try JSONFields(node, path: "scores[\(index)]", known: ["cadre", "enterprise", "score"])
                note(fields)
                guard let score = try fields.decimal("score", decimals: ScoreUnit.decimals) else { throw fields.error("score", "is required") }
                return (try pair(fields), score)
            }
        }
        func pairs(_ key: String) throws(InputError) -> [CadreEnterprisePair] {
            try document.list(key).enumerated().map { index, node throws(InputError) in
                let fields = try JSONFields(node, path: "\(key)[\(index)]", known: ["cadre", "enterprise"])
                note(fields)
                return try pair(fields)
            }
        }
        let instance = MatchingInstance(policy: policy, cadres: cadres, enterprises: enterprises, scores: scores,
                                        pinned: try pairs("pinned"), forbidden: try pairs("forbidden"),
                                        incumbents: try pairs("incumbents"))
        return MatchingInput(instance: instance, warnings: warnings)
    }

    private static func pair(_ fields: JSONFields) throws(InputError) -> CadreEnterprisePair {
        CadreEnterprisePair(cadre: try fields.requiredString("cadre"), enterprise: try fields.requiredString("enterprise"),
                            line: fields.value.line)
    }

    static func month(_ fields: JSONFields, _ key: String) throws(InputError) -> YearMonth? {
        guard let node = fields.member(key) else { return nil }
        guard let text = node.string, let month = YearMonth(text) else { throw fields.error(key, "must be a month written \"YYYY-MM\"", at: node) }
        return month
    }

    static func readPolicy(_ node: JSONValueReference, note: (JSONFields) -> Void) throws(InputError) -> MatchingPolicy {
        let fields = try JSONFields(node, path: "policy", known: ["mode", "proposing", "coverageFirst", "mutualConsent", "coolingOffYears", "maxAge", "maxPerDepartment", "maxPerTown", "minTopNeedLevel", "weights", "asOf", "churnThreshold"])
        note(fields)
        var policy = MatchingPolicy()
        let modeText = try fields.string("mode", default: "optimal")
        guard let mode = MatchingMode(rawValue: modeText) else {
            throw fields.error("mode", "\"\(modeText)\" is not one of optimal, stable, stable-optimal", at: fields.member("mode"))
        }
        policy.mode = mode
        let proposing = try fields.string("proposing", default: "cadres")
        guard proposing == "cadres" || proposing == "enterprises" else {
            throw fields.error("proposing", "\"\(proposing)\" is not cadres or enterprises", at: fields.member("proposing"))
        }
        policy.cadresPropose = proposing == "cadres"
        policy.coverageFirst = try fields.bool("coverageFirst", default: true)
        policy.mutualConsent = try fields.bool("mutualConsent", default: true)
        policy.coolingOffYears = try fields.integer("coolingOffYears") ?? 3
        policy.maxAge = try fields.integer("maxAge") ?? 70
        policy.maxPerDepartment = try fields.integer("maxPerDepartment")
        policy.maxPerTown = try fields.integer("maxPerTown")
        policy.minTopNeedLevel = try fields.integer("minTopNeedLevel")
        if let level = policy.minTopNeedLevel, !(0 ... 3).contains(level) {
            throw fields.error("minTopNeedLevel", "level \(level) is outside 0…3", at: fields.member("minTopNeedLevel"))
        }
        let minimums: [(key: String, value: Int?, minimum: Int)] = [
            ("coolingOffYears", policy.coolingOffYears, 0), ("maxAge", policy.maxAge, 0),
            ("maxPerDepartment", policy.maxPerDepartment, 1), ("maxPerTown", policy.maxPerTown, 1),
        ]
        for limit in minimums {
            if let value = limit.value, value < limit.minimum {
                throw fields.error(limit.key, "\(value) must be at least \(limit.minimum)", at: fields.member(limit.key))
            }
        }
        policy.asOf = try month(fields, "asOf")
        policy.churnThreshold = try fields.decimal("churnThreshold", decimals: ScoreUnit.decimals) ?? 0
        guard policy.churnThreshold >= 0 else { throw fields.error("churnThreshold", "is negative", at: fields.member("churnThreshold")) }
        if let weightsNode = fields.member("weights") {
            let weights = try JSONFields(weightsNode, path: "policy.weights", known: ["fit", "cadreRanking", "enterpriseRanking", "sameTown", "continuity", "tags"])
            note(weights)
            let defaults = MatchingWeights()
            policy.weights.fit = try weights.decimal("fit", decimals: ScoreUnit.decimals) ?? defaults.fit
            policy.weights.cadreRanking = try weights.decimal("cadreRanking", decimals: ScoreUnit.decimals) ?? defaults.cadreRanking
            policy.weights.enterpriseRanking = try weights.decimal("enterpriseRanking", decimals: ScoreUnit.decimals) ?? defaults.enterpriseRanking
            policy.weights.sameTown = try weights.decimal("sameTown", decimals: ScoreUnit.decimals) ?? defaults.sameTown
            policy.weights.continuity = try weights.decimal("continuity", decimals: ScoreUnit.decimals) ?? defaults.continuity
            if let tagsNode = weights.member("tags") {
                guard let members = tagsNode.members else { throw weights.error("tags", "must be an object of tag: weight", at: tagsNode) }
                for (tag, value) in members {
                    policy.weights.tags[tag] = try JSONFields.decimal(value, decimals: ScoreUnit.decimals, field: "policy.weights.tags.\(tag)")
                }
            }
        }
        return policy
    }
}
