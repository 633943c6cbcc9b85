// The spreadsheet form of `nuanqi.match/1`: a folder with cadres.csv and enterprises.csv, and
// optionally scores.csv, pinned.csv, forbidden.csv, incumbents.csv and policy.json (the JSON
// format's "policy" object). Columns are named as the JSON fields, in any order; an empty cell
// takes the default. List cells are `;`-separated, tag levels `environment=3;land=1`, booleans
// true/false (also yes/no, 1/0, 是/否).

import Foundation
import Matching
import NuanqiCore

public enum MatchingFolderReader {
    /// Every file this reader may open, for digests of what a run read.
    public static let fileNames = ["cadres.csv", "enterprises.csv", "scores.csv", "pinned.csv", "forbidden.csv", "incumbents.csv", "policy.json"]

    public static func read(folder: String) throws(InputError) -> MatchingInput {
        var csv = CSVFolder(path: folder, requirement: "a matching folder needs cadres.csv and enterprises.csv")
        func table(_ name: String, required: Bool, known: [String]) throws(InputError) -> CSVTable? {
            try csv.table(name, required: required, known: known)
        }
        var policy = MatchingPolicy()
        let policyPath = csv.file("policy.json")
        if FileManager.default.fileExists(atPath: policyPath) {
            let tape = try JSONTape(bytes: FileContents.bytes(of: policyPath), file: policyPath)
            policy = try MatchingInstanceReader.readPolicy(tape.root) { fields in
                csv.warn(fields.unknownKeyWarnings)
            }
        }
        let cadreTable = try table("cadres.csv", required: true, known: ["id", "name", "department", "town", "capacity", "skills", "retiredOn", "birthYear", "jurisdiction", "ranking", "excludes"])!
        let cadres = try cadreTable.records.map { record throws(InputError) in
            let cells = Cells(table: cadreTable, record: record)
            return Cadre(id: try cells.required("id"), name: cells.text("name"), department: cells.text("department"),
                         town: cells.text("town"), capacity: try cells.integer("capacity") ?? 1, skills: try cells.levels("skills"),
                         retiredOn: try cells.month("retiredOn"), birthYear: try cells.integer("birthYear"),
                         jurisdiction: cells.list("jurisdiction") ?? [], ranking: cells.list("ranking"),
                         excludes: cells.list("excludes") ?? [], line: record.line)
        }
        let enterpriseTable = try table("enterprises.csv", required: true, known: ["id", "name", "industry", "town", "district", "capacity", "needs", "mandatory", "ranking", "excludes", "regulators", "optedIn"])!
        let enterprises = try enterpriseTable.records.map { record throws(InputError) in
            let cells = Cells(table: enterpriseTable, record: record)
            return Enterprise(id: try cells.required("id"), name: cells.text("name"), industry: cells.text("industry"),
                              town: cells.text("town"), district: cells.text("district"), capacity: try cells.integer("capacity") ?? 1,
                              needs: try cells.levels("needs"), mandatory: try cells.bool("mandatory") ?? false,
                              ranking: cells.list("ranking"), excludes: cells.list("excludes") ?? [],
                              regulators: cells.list("regulators") ?? [], optedIn: try cells.bool("optedIn") ?? true, line: record.line)
        }
        var scores: [(pair: CadreEnterprisePair, score: Score)]? = nil
        if let scoreTable = try table("scores.csv", required: false, known: ["cadre", "enterprise", "score"]) {
            scores = try scoreTable.records.map { record throws(InputError) in
                let cells = Cells(table: scoreTable, record: record)
                guard let score = try cells.decimal("score", decimals: ScoreUnit.decimals) else { throw cells.missing("score") }
                return (try cells.pair(), score)
            }
        }
        func pairs(_ name: String) throws(InputError) -> [CadreEnterprisePair] {
            guard let pairTable = try table(name, required: false, known: ["cadre", "enterprise"]) else { return [] }
            return try pairTable.records.map { record throws(InputError) in try Cells(table: pairTable, record: record).pair() }
        }
        let instance = MatchingInstance(policy: policy, cadres: cadres, enterprises: enterprises, scores: scores,
                                        pinned: try pairs("pinned.csv"), forbidden: try pairs("forbidden.csv"),
                                        incumbents: try pairs("incumbents.csv"))
        return MatchingInput(instance: instance, warnings: csv.warnings)
    }
}

/// Typed cells of one CSV record.
struct Cells {
    let table: CSVTable
    let record: (line: Int, cells: [String])

    func text(_ column: String) -> String { table.cell(record, column) }

    func missing(_ column: String) -> InputError { table.error(record, column, "is required") }

    func required(_ column: String) throws(InputError) -> String {
        let value = text(column)
        guard !value.isEmpty else { throw missing(column) }
        return value
    }

    func integer(_ column: String) throws(InputError) -> Int? {
        let value = text(column)
        guard !value.isEmpty else { return nil }
        do { return Int(try ExactDecimal.parseInteger(Array(value.utf8))) }
        catch { throw table.error(record, column, error.description) }
    }

    func decimal(_ column: String, decimals: Int) throws(InputError) -> Int64? {
        let value = text(column)
        guard !value.isEmpty else { return nil }
        do {
            let (mantissa, written) = try ExactDecimal.parse(Array(value.utf8), maxDecimals: decimals)
            return mantissa * ExactDecimal.powerOfTen(decimals - written)
        } catch { throw table.error(record, column, error.description) }
    }

    func bool(_ column: String) throws(InputError) -> Bool? {
        switch text(column).lowercased() {
        case "": nil
        case "true", "yes", "1", "是": true
        case "false", "no", "0", "否": false
        case let other: throw table.error(record, column, "\"\(other)\" is not true or false")
        }
    }

    func list(_ column: String) -> [String]? {
        let value = text(column)
        guard !value.isEmpty else { return nil }
        return value.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    func levels(_ column: String) throws(InputError) -> [String: Int] {
        var result: [String: Int] = [:]
        for entry in list(column) ?? [] {
            let parts = entry.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, !parts[0].isEmpty, let level = Int(parts[1]) else {
                throw table.error(record, column, "\"\(entry)\" is not tag=level (e.g. environment=3)")
            }
            result[parts[0]] = level
        }
        return result
    }

    func month(_ column: String) throws(InputError) -> YearMonth? {
        let value = text(column)
        guard !value.isEmpty else { return nil }
        guard let month = YearMonth(value) else { throw table.error(record, column, "\"\(value)\" is not a month written YYYY-MM") }
        return month
    }

    func pair() throws(InputError) -> CadreEnterprisePair {
        CadreEnterprisePair(cadre: try required("cadre"), enterprise: try required("enterprise"), line: record.line)
    }
}
