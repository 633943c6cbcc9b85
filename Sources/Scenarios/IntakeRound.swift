// `nuanqi round`: intake rounds of 暖企专员 dispatch, one folder per round (round-001, …).
// Round N+1 starts from round N's instance with round N's assignments as incumbents, applies
// a changes file (arrivals, departures, ended terms, new enterprises, opt-outs — the scenario
// deltas), and solves with the policy's churnThreshold on every incumbent pair, so a plan that
// moves k incumbents scores at least k × churnThreshold more than one that keeps them all (the
// round checks that against an explicit keep-everyone solve and logs it). Mandatory coverage
// is a hard constraint as always. A round folder is written under a temporary name and
// renamed into place, so an interrupted run leaves the earlier rounds as they were, and an
// existing round is never overwritten.

import Foundation
import Matching
import NuanqiCore
import NuanqiIO

public enum IntakeRound {
    public static let changesFormat = "nuanqi.changes/1"

    public struct Outcome: Sendable {
        public var round: Int
        /// File name → bytes, written together.
        public var files: [(name: String, bytes: [UInt8])]
        public var result: JSONValue
        public var infeasible: Bool
    }

    public static func folderName(_ round: Int) -> String {
        let digits = String(round)
        return "round-" + String(repeating: "0", count: max(0, 3 - digits.count)) + digits
    }

    /// The highest round in `folder`, nil when there is none.
    public static func latest(in folder: String) -> Int? {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.compactMap { name -> Int? in
            guard name.hasPrefix("round-"), let number = Int(name.dropFirst(6)), number >= 1, folderName(number) == name else { return nil }
            return number
        }.max()
    }

    /// Round 1 from an instance: its asOf fixed (so a replay in another month gives the same round).
    public static func start(instancePath: String, settings: Problem.Settings) throws -> Outcome {
        var (document, _) = try Problem.match.canonicalDocument(path: instancePath)
        document = fixingMonth(document, settings.runMonth)
        let record = RunRecord(command: "round", inputs: [.init(role: "instance", path: instancePath, sha256: try InputDigest.sha256(path: instancePath, folderFiles: MatchingFolderReader.fileNames))],
                               options: Problem.match.recorded(settings) + [("round", .integer(1))])
        return try solve(round: 1, document: document, previous: nil, changes: nil, record: record, settings: settings)
    }

    /// Round N+1 of the rounds in `folder` with the changes at `changesPath`.
    public static func next(folder: String, changesPath: String, settings: Problem.Settings) throws -> Outcome {
        guard let last = latest(in: folder) else {
            throw InputError.unreadable(file: folder, reason: "holds no round yet; start one with --start INSTANCE")
        }
        let previousFolder = (folder as NSString).appendingPathComponent(folderName(last))
        let instancePath = (previousFolder as NSString).appendingPathComponent("instance.json")
        let resultPath = (previousFolder as NSString).appendingPathComponent("result.json")
        let (previousDocument, _) = try Problem.match.canonicalDocument(path: instancePath)
        let resultBytes = try FileContents.bytes(of: resultPath)
        let previousResult = try JSONValue.parse(resultBytes, file: resultPath)
        let changesBytes = try FileContents.bytes(of: changesPath)
        let changes = try readChanges(changesPath)

        var editor = DocumentEditor(document: previousDocument)
        editor.setCollection("incumbents", (previousResult["assignments"]?.elements ?? []).map {
            .object([("cadre", $0["cadre"] ?? .null), ("enterprise", $0["enterprise"] ?? .null)])
        })
        for delta in changes { try MatchingEdits.apply(delta, to: &editor) }
        let relative = { (name: String) in folderName(last) + "/" + name }
        let record = RunRecord(command: "round", inputs: [
            .init(role: "previous instance", path: relative("instance.json"), sha256: InputDigest.sha256(try FileContents.bytes(of: instancePath))),
            .init(role: "previous result", path: relative("result.json"), sha256: InputDigest.sha256(resultBytes)),
            .init(role: "changes", path: changesPath, sha256: InputDigest.sha256(changesBytes)),
        ], options: Problem.match.recorded(settings) + [("round", .integer(last + 1))])
        var outcome = try solve(round: last + 1, document: editor.document, previous: (folderName(last), previousResult), changes: changes, record: record, settings: settings)
        let suffix = changesPath.lowercased().hasSuffix(".json") ? "json" : "yaml"
        outcome.files.append(("changes." + suffix, changesBytes))
        return outcome
    }

    /// A changes file: `format: nuanqi.changes/1` and `changes:`, a list of deltas.
    public static func readChanges(_ path: String) throws(InputError) -> [Delta] {
        let root = try DocumentNode.read(path: path)
        try ScenarioFile.requireKeys(root, path: "(document)", allowed: ["format", "changes"])
        guard root["format"]?.string == changesFormat else { throw (root["format"] ?? root).error("format", "must be \"\(changesFormat)\"") }
        return try ScenarioFile.list(root["changes"], field: "changes").enumerated().map { index, node throws(InputError) in
            try ScenarioFile.delta(node, path: "changes[\(index)]")
        }
    }

    /// Writes the round's files into `folder/round-NNN` all at once: into a hidden folder
    /// first, renamed when complete. Refuses to replace a round that exists.
    public static func commit(_ outcome: Outcome, to folder: String) throws {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let target = (folder as NSString).appendingPathComponent(folderName(outcome.round))
        guard !FileManager.default.fileExists(atPath: target) else {
            throw InputError.unreadable(file: target, reason: "exists already; rounds are never overwritten")
        }
        removeAbandonedFolders(in: folder)
        let staging = (folder as NSString).appendingPathComponent(".\(folderName(outcome.round)).partial-\(getpid())")
        try? FileManager.default.removeItem(atPath: staging)
        try FileManager.default.createDirectory(atPath: staging, withIntermediateDirectories: false)
        // NUANQI_WRITE_PAUSE_MS slows the writing down so the kill test can land inside it.
        let pause = ProcessInfo.processInfo.environment["NUANQI_WRITE_PAUSE_MS"].flatMap { UInt32($0) } ?? 0
        for file in outcome.files {
            try Data(file.bytes).write(to: URL(fileURLWithPath: (staging as NSString).appendingPathComponent(file.name)))
            if pause > 0 { usleep(pause * 1000) }
        }
        guard rename(staging, target) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(atPath: staging)
            throw InputError.unreadable(file: target, reason: "could not be created (\(reason))")
        }
    }

    /// Staging folders of runs that were killed before their rename (their process is gone).
    static func removeAbandonedFolders(in folder: String) {
        for name in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] where name.hasPrefix(".round-") {
            guard let marker = name.range(of: ".partial-"), let pid = Int32(name[marker.upperBound...]) else { continue }
            if kill(pid, 0) != 0 && errno == ESRCH { try? FileManager.default.removeItem(atPath: (folder as NSString).appendingPathComponent(name)) }
        }
    }

    static func fixingMonth(_ document: JSONValue, _ month: YearMonth) -> JSONValue {
        guard document["policy"]?["asOf"] == nil else { return document }
        return DocumentEditor.merged(document, .object([("policy", .object([("asOf", .string(month.description))]))]), deep: true)
    }

    private static func solve(round: Int, document: JSONValue, previous: (name: String, result: JSONValue)?, changes: [Delta]?,
                              record: RunRecord, settings: Problem.Settings) throws -> Outcome {
        let label = folderName(round) + "/instance.json"
        let instanceBytes = document.serializedBytes()
        let input = try MatchingInstanceReader.parse(instanceBytes, file: label)
        let options = MatchingJob.Options(solver: settings.solver, forcingCosts: settings.forcingCosts, runMonth: settings.runMonth)
        let job = try MatchingJob.run(input.instance, file: label, options: options)
        let result = record.attached(to: job.result)
        let churn = try churnCheck(job, instance: input.instance, options: options)
        let log = RoundLog(round: round, previous: previous, changes: changes ?? [], instance: document, result: job.result, churn: churn)
        return Outcome(round: round, files: [
            ("instance.json", instanceBytes),
            ("result.json", result.serializedBytes()),
            ("changelog.json", log.json.serializedBytes()),
            ("changelog.md", Array(log.markdown.utf8)),
        ], result: result, infeasible: job.infeasible)
    }

    /// The plan against keeping every incumbent that is still eligible (pinned): both scored
    /// without the churn bonus. Nil when no incumbent moved.
    static func churnCheck(_ job: MatchingJob.Outcome, instance: MatchingInstance, options: MatchingJob.Options) throws -> JSONValue {
        let model = job.model
        let threshold = instance.policy.churnThreshold
        let incumbents = Set(instance.incumbents.map { "\($0.cadre)\u{1F}\($0.enterprise)" })
        let eligible = model.candidates.filter { incumbents.contains("\(model.cadres[$0.cadre].id)\u{1F}\(model.enterprises[$0.enterprise].id)") }
        let chosen = job.solution.assignments.filter { incumbents.contains("\(model.cadres[model.candidates[$0].cadre].id)\u{1F}\(model.enterprises[model.candidates[$0].enterprise].id)") }
        let kept = chosen.count, moved = eligible.count - kept
        var members: [(String, JSONValue)] = [
            ("threshold", .number(MatchingExplanation.format(threshold))),
            ("incumbents", .integer(instance.incumbents.count)),
            ("stillEligible", .integer(eligible.count)),
            ("kept", .integer(kept)),
            ("moved", .integer(moved)),
        ]
        guard moved > 0, !job.infeasible else { return .object(members + [("keepingAll", .null)]) }
        var keepAll = instance
        keepAll.pinned += eligible.map { CadreEnterprisePair(cadre: model.cadres[$0.cadre].id, enterprise: model.enterprises[$0.enterprise].id) }
        keepAll.pinned = Array(Set(keepAll.pinned)).sorted { ($0.cadre, $0.enterprise) < ($1.cadre, $1.enterprise) }
        let planScore = job.solution.objective - threshold * Score(kept)
        members.append(("planObjectiveWithoutChurn", .number(MatchingExplanation.format(planScore))))
        do {
            let kept = try MatchingJob.run(keepAll, file: "(keep all incumbents)", options: MatchingJob.Options(solver: options.solver, forcingCosts: 0, runMonth: options.runMonth))
            guard !kept.infeasible else {
                return .object(members + [("keepingAll", .string("infeasible: keeping every incumbent leaves a key project uncovered"))])
            }
            let keepScore = kept.solution.objective - threshold * Score(eligible.count)
            members.append(("keepingAll", .object([
                ("coveredEnterprises", .integer(kept.solution.coveredEnterprises)),
                ("objectiveWithoutChurn", .number(MatchingExplanation.format(keepScore))),
            ])))
            members.append(("gain", .number(MatchingExplanation.format(planScore - keepScore))))
            members.append(("required", .number(MatchingExplanation.format(threshold * Score(moved)))))
        } catch let error as InputError {
            members.append(("keepingAll", .string("not possible: \(error)")))
        }
        return .object(members)
    }
}
