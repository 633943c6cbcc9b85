// A folder of CSV files as the spreadsheet forms use it: named tables, required or optional,
// with unknown columns collected as warnings.

import Foundation
import NuanqiCore

struct CSVFolder {
    let path: String
    /// What a missing required table should tell the planner, e.g. "a matching folder needs …".
    let requirement: String
    private(set) var warnings: [String] = []

    func file(_ name: String) -> String { (path as NSString).appendingPathComponent(name) }

    mutating func table(_ name: String, required: Bool, known: [String]) throws(InputError) -> CSVTable? {
        let location = file(name)
        guard FileManager.default.fileExists(atPath: location) else {
            if required { throw .unreadable(file: location, reason: "no such file; \(requirement)") }
            return nil
        }
        let table = try CSVTable(bytes: FileContents.bytes(of: location), file: location)
        for column in table.header where !known.contains(column) {
            warnings.append("\(location):1: column \(column): unknown column, ignored")
        }
        return table
    }

    mutating func warn(_ messages: [String]) { warnings += messages }
}
