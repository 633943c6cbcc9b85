// Writes a MatchingInstance as `nuanqi.match/1` JSON (the format MatchingInstanceReader reads):
// defaults are left out, keys keep DESIGN's order, weights and scores are exact decimals.

import Matching
import NuanqiCore

public enum MatchingInstanceWriter {
    public static func json(_ instance: MatchingInstance) -> JSONValue {
        func decimal(_ value: Score) -> JSONValue { .number(ExactDecimal.format(value, decimals: ScoreUnit.decimals)) }
        func strings(_ values: [String]) -> JSONValue { .array(values.map { .string($0) }) }
        func levels(_ values: [String: Int]) -> JSONValue { .object(values.sorted { $0.key < $1.key }.map { ($0.key, .integer($0.value)) }) }
        func pairs(_ values: [CadreEnterprisePair]) -> JSONValue {
            .array(values.map { .object([("cadre", .string($0.cadre)), ("enterprise", .string($0.enterprise))]) })
        }
        let policy = instance.policy
        let weights = policy.weights
        var policyMembers: [(String, JSONValue)] = [
            ("mode", .string(policy.mode.rawValue)),
            ("proposing", .string(policy.cadresPropose ? "cadres" : "enterprises")),
            ("coverageFirst", .bool(policy.coverageFirst)),
            ("mutualConsent", .bool(policy.mutualConsent)),
            ("coolingOffYears", .integer(policy.coolingOffYears)),
            ("maxAge", .integer(policy.maxAge)),
            ("maxPerDepartment", policy.maxPerDepartment.map { .integer($0) } ?? .null),
            ("maxPerTown", policy.maxPerTown.map { .integer($0) } ?? .null),
            ("minTopNeedLevel", policy.minTopNeedLevel.map { .integer($0) } ?? .null),
            ("weights", .object([
                ("fit", decimal(weights.fit)), ("cadreRanking", decimal(weights.cadreRanking)),
                ("enterpriseRanking", decimal(weights.enterpriseRanking)), ("sameTown", decimal(weights.sameTown)),
                ("continuity", decimal(weights.continuity)),
                ("tags", .object(weights.tags.sorted { $0.key < $1.key }.map { ($0.key, decimal($0.value)) })),
            ])),
        ]
        if let asOf = policy.asOf { policyMembers.append(("asOf", .string(asOf.description))) }
        if policy.churnThreshold != 0 { policyMembers.append(("churnThreshold", decimal(policy.churnThreshold))) }
        var members: [(String, JSONValue)] = [("format", .string("nuanqi.match/1")), ("policy", .object(policyMembers))]
        members.append(("cadres", .array(instance.cadres.map { cadre in
            var fields: [(String, JSONValue)] = [("id", .string(cadre.id)), ("name", .string(cadre.name)),
                                                 ("department", .string(cadre.department)), ("town", .string(cadre.town)),
                                                 ("capacity", .integer(cadre.capacity)), ("skills", levels(cadre.skills))]
            if let retired = cadre.retiredOn { fields.append(("retiredOn", .string(retired.description))) }
            if let born = cadre.birthYear { fields.append(("birthYear", .integer(born))) }
            if !cadre.jurisdiction.isEmpty { fields.append(("jurisdiction", strings(cadre.jurisdiction))) }
            if let ranking = cadre.ranking { fields.append(("ranking", strings(ranking))) }
            if !cadre.excludes.isEmpty { fields.append(("excludes", strings(cadre.excludes))) }
            return .object(fields)
        })))
        members.append(("enterprises", .array(instance.enterprises.map { enterprise in
            var fields: [(String, JSONValue)] = [("id", .string(enterprise.id)), ("name", .string(enterprise.name)),
                                                 ("industry", .string(enterprise.industry)), ("town", .string(enterprise.town))]
            if !enterprise.district.isEmpty { fields.append(("district", .string(enterprise.district))) }
            fields += [("capacity", .integer(enterprise.capacity)), ("needs", levels(enterprise.needs)),
                       ("mandatory", .bool(enterprise.mandatory))]
            if let ranking = enterprise.ranking { fields.append(("ranking", strings(ranking))) }
            if !enterprise.excludes.isEmpty { fields.append(("excludes", strings(enterprise.excludes))) }
            if !enterprise.regulators.isEmpty { fields.append(("regulators", strings(enterprise.regulators))) }
            if !enterprise.optedIn { fields.append(("optedIn", .bool(false))) }
            return .object(fields)
        })))
        if let scores = instance.scores {
            members.append(("scores", .array(scores.map {
                .object([("cadre", .string($0.pair.cadre)), ("enterprise", .string($0.pair.enterprise)), ("score", decimal($0.score))])
            })))
        }
        if !instance.pinned.isEmpty { members.append(("pinned", pairs(instance.pinned))) }
        if !instance.forbidden.isEmpty { members.append(("forbidden", pairs(instance.forbidden))) }
        if !instance.incumbents.isEmpty { members.append(("incumbents", pairs(instance.incumbents))) }
        return .object(members)
    }
}
