// `nuanqi merge`: whatif-result documents of the shards of one sweep combined into the
// document a single run writes. Shards must come from the same base, scenario file and
// options, and together hold every scenario exactly once.

import NuanqiCore
import NuanqiIO

public enum ShardMerge {
    public static func merge(_ shards: [(path: String, document: JSONValue)]) throws(InputError) -> JSONValue {
        guard let first = shards.first else { throw .unreadable(file: "(no files)", reason: "merge needs the shard outputs") }
        func fail(_ path: String, _ field: String, _ reason: String) -> InputError { .invalidValue(file: path, line: 1, field: field, reason: reason) }
        let runWithoutShard = { (document: JSONValue) -> JSONValue? in
            guard let run = document["run"], let options = run["options"]?.members else { return nil }
            return DocumentEditor.merged(run, .object([("options", .object(options.filter { $0.0 != "shard" }))]), deep: false)
        }
        let reference = runWithoutShard(first.document)
        guard let count = first.document["scenarioCount"]?.text.flatMap({ Int($0) }) else { throw fail(first.path, "scenarioCount", "is missing: not a whatif result") }
        var entries: [Int: JSONValue] = [:]
        for shard in shards {
            guard shard.document["format"]?.text == "nuanqi.whatif-result/1" else { throw fail(shard.path, "format", "is not nuanqi.whatif-result/1") }
            guard runWithoutShard(shard.document) == reference else {
                throw fail(shard.path, "run", "differs from \(first.path) (another base, scenario file, version or options)")
            }
            guard shard.document["base"] == first.document["base"], shard.document["problem"] == first.document["problem"] else {
                throw fail(shard.path, "base", "differs from \(first.path)")
            }
            for entry in shard.document["scenarios"]?.elements ?? [] {
                guard let index = entry["index"]?.text.flatMap({ Int($0) }), (0 ..< count).contains(index) else { throw fail(shard.path, "scenarios", "an entry has no valid index") }
                guard entries[index] == nil else { throw fail(shard.path, "scenarios", "scenario \(index) is also in another shard") }
                entries[index] = entry
            }
        }
        let missing = (0 ..< count).filter { entries[$0] == nil }
        guard missing.isEmpty else {
            throw fail(first.path, "scenarios", "\(missing.count) of \(count) scenarios are in no shard (first: \(missing[0])); merge all shards of the sweep")
        }
        guard Problem(rawValue: first.document["problem"]?.text ?? "") != nil else { throw fail(first.path, "problem", "is not match or broker") }
        var members = first.document.members ?? []
        members.removeAll { $0.0 == "shard" }
        if let index = members.firstIndex(where: { $0.0 == "run" }), let reference { members[index].1 = reference }
        if let index = members.firstIndex(where: { $0.0 == "scenarios" }) { members[index].1 = .array((0 ..< count).map { entries[$0]! }) }
        return .object(members)
    }
}
