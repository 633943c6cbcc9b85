// Entity-level differences between two results of the same problem (a scenario against the
// base, or one intake round against the last): who moved where and why, which enterprises
// gained or lost their cadre; which trades appeared, vanished or changed tonnage, and how
// prices moved. Computed from the result documents alone, so any two results can be compared.

import NuanqiCore
import NuanqiIO

public enum ScenarioDiff {
    /// Differences of two nuanqi.match-result/1 documents; `present` holds the ids of the
    /// second instance's cadres and enterprises, to tell removed entities from displaced ones.
    public static func matching(from base: JSONValue, to scenario: JSONValue, present: Set<String>) -> JSONValue {
        if scenario["status"]?.text == "infeasible" {
            return .object([("objective", change(base["objective"], scenario["objective"])), ("infeasibility", scenario["infeasibility"] ?? .null)])
        }
        func covering(_ result: JSONValue) -> [String: [String]] {
            var map: [String: [String]] = [:]
            for assignment in result["assignments"]?.elements ?? [] { map[assignment["enterprise"]?.text ?? "", default: []].append(assignment["cadre"]?.text ?? "") }
            return map
        }
        let before = placements(base), after = placements(scenario)
        var moved: [JSONValue] = []
        for cadre in Set(before.keys).union(after.keys).sorted() {
            let from = (before[cadre] ?? []).map(\.enterprise), to = (after[cadre] ?? []).map(\.enterprise)
            guard from != to else { continue }
            let reasons = (after[cadre] ?? []).filter { !from.contains($0.enterprise) }.map { "\($0.enterprise): \($0.why)" }
            let why = !reasons.isEmpty ? reasons.joined(separator: "; ")
                : present.contains(cadre) ? "no longer assigned: the places went to pairs that score higher or are required" : "removed in this instance"
            moved.append(.object([("cadre", .string(cadre)), ("from", .array(from.map { .string($0) })), ("to", .array(to.map { .string($0) })), ("why", .string(why))]))
        }
        let coveredBefore = covering(base), coveredAfter = covering(scenario)
        var unassignedReasons: [String: String] = [:]
        for entry in scenario["unassignedEnterprises"]?.elements ?? [] { unassignedReasons[entry["id"]?.text ?? ""] = entry["reason"]?.text }
        let gained: [JSONValue] = coveredAfter.keys.filter { coveredBefore[$0] == nil }.sorted().map {
            .object([("enterprise", .string($0)), ("cadres", .array(coveredAfter[$0]!.map { .string($0) }))])
        }
        let lost: [JSONValue] = coveredBefore.keys.filter { coveredAfter[$0] == nil }.sorted().map {
            .object([("enterprise", .string($0)), ("cadres", .array(coveredBefore[$0]!.map { .string($0) })),
                     ("reason", .string(unassignedReasons[$0] ?? (present.contains($0) ? "opted out" : "removed in this instance")))])
        }
        return .object([
            ("objective", change(base["objective"], scenario["objective"])),
            ("coveredEnterprises", change(base["coveredEnterprises"], scenario["coveredEnterprises"])),
            ("movedCadres", .array(moved)),
            ("enterprisesGained", .array(gained)),
            ("enterprisesLost", .array(lost)),
        ])
    }

    /// Differences of two nuanqi.broker-result/1 documents.
    public static func brokerage(from base: JSONValue, to scenario: JSONValue) -> JSONValue {
        func keyed(_ list: JSONValue?, _ keys: [String]) -> [String: JSONValue] {
            var map: [String: JSONValue] = [:]
            for entry in list?.elements ?? [] { map[keys.map { entry[$0]?.text ?? "" }.joined(separator: "\u{1F}")] = entry }
            return map
        }
        func identity(_ key: String, _ names: [String]) -> [(String, JSONValue)] {
            zip(names, key.split(separator: "\u{1F}", omittingEmptySubsequences: false)).map { ($0, .string(String($1))) }
        }
        func compare(_ name: String, keys: [String], value: String) -> (appeared: [JSONValue], vanished: [JSONValue], changed: [JSONValue]) {
            let before = keyed(base[name], keys), after = keyed(scenario[name], keys)
            var appeared: [JSONValue] = [], vanished: [JSONValue] = [], changed: [JSONValue] = []
            for key in Set(before.keys).union(after.keys).sorted() {
                let old = before[key]?[value], new = after[key]?[value]
                switch (old, new) {
                case (nil, let new?): appeared.append(.object(identity(key, keys) + [(value, new)]))
                case (let old?, nil): vanished.append(.object(identity(key, keys) + [(value, old)]))
                case let (old?, new?) where old != new: changed.append(.object(identity(key, keys) + [("from", old), ("to", new)]))
                default: break
                }
            }
            return (appeared, vanished, changed)
        }
        let trades = compare("trades", keys: ["seller", "buyer", "pollutant"], value: "grams")
        /// Appeared, vanished and changed entries as one list of { keys…, from, to }; `absent`
        /// stands for a missing entry (0 grams unmet; no price).
        func fromTo(_ name: String, keys: [String], value: String, absent: JSONValue) -> JSONValue {
            let changes = compare(name, keys: keys, value: value)
            let moved = changes.appeared.map { $0.removing([value]).adding("from", absent).adding("to", $0[value] ?? .null) }
                + changes.vanished.map { $0.removing([value]).adding("from", $0[value] ?? .null).adding("to", absent) }
                + changes.changed
            let identity = { (entry: JSONValue) in keys.map { entry[$0]?.text ?? "" } }
            return .array(moved.filter { $0["from"] != $0["to"] }.sorted { identity($0).lexicographicallyPrecedes(identity($1)) })
        }
        return .object([
            ("metGrams", change(base["metGrams"], scenario["metGrams"])),
            ("totalCostFen", change(base["totalCostFen"], scenario["totalCostFen"])),
            ("tradesAppeared", .array(trades.appeared)),
            ("tradesVanished", .array(trades.vanished)),
            ("tradesChanged", .array(trades.changed)),
            ("unmetChanged", fromTo("unmet", keys: ["buyer", "pollutant"], value: "grams", absent: .integer(0))),
            ("priceChanges", fromTo("shadowPrices", keys: ["buyer", "pollutant"], value: "perTonneFen", absent: .null)),
            ("regionPriceChanges", fromTo("regionPrices", keys: ["region", "pollutant"], value: "perTonneFen", absent: .null)),
        ])
    }

    /// Each cadre's enterprises in a match result, with the why of each pair.
    static func placements(_ result: JSONValue?) -> [String: [(enterprise: String, why: String)]] {
        var map: [String: [(enterprise: String, why: String)]] = [:]
        for assignment in result?["assignments"]?.elements ?? [] {
            map[assignment["cadre"]?.text ?? "", default: []].append((assignment["enterprise"]?.text ?? "", assignment["why"]?.text ?? ""))
        }
        return map
    }

    /// { from, to, delta } of two exact numbers (delta null when either is missing).
    static func change(_ from: JSONValue?, _ to: JSONValue?) -> JSONValue {
        let old = from ?? .null, new = to ?? .null
        var delta = JSONValue.null
        if let left = old.text.flatMap({ try? ExactDecimal.parse(Array($0.utf8)) }), let right = new.text.flatMap({ try? ExactDecimal.parse(Array($0.utf8)) }) {
            let decimals = max(left.decimals, right.decimals)
            let difference = right.mantissa * ExactDecimal.powerOfTen(decimals - right.decimals) - left.mantissa * ExactDecimal.powerOfTen(decimals - left.decimals)
            delta = .number(ExactDecimal.format(difference, decimals: decimals))
        }
        return .object([("from", old), ("to", new), ("delta", delta)])
    }
}
