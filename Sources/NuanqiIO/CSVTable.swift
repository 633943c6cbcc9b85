// A CSV file as planners export it from Excel or WPS: UTF-8 with or without BOM, a header row,
// RFC 4180 quoting (a quoted cell may hold commas, quotes as "" and line breaks), CRLF or LF.
// Each record keeps the line it starts on, so errors can name it.

import Foundation
import NuanqiCore

public struct CSVTable: Sendable {
    public let file: String
    public let header: [String]
    public let records: [(line: Int, cells: [String])]

    public init(bytes: [UInt8], file: String) throws(InputError) {
        self.file = file
        var rows = try Self.parse(bytes, file: file)
        guard !rows.isEmpty else { throw .unreadable(file: file, reason: "is empty; expected a header row") }
        let headerRow = rows.removeFirst()
        header = headerRow.cells.map { $0.trimmingCharacters(in: .whitespaces) }
        for (index, name) in header.enumerated() where header[..<index].contains(name) {
            throw .invalidValue(file: file, line: headerRow.line, field: "header", reason: "column \"\(name)\" appears twice")
        }
        records = rows.filter { !$0.cells.allSatisfy { $0.trimmingCharacters(in: .whitespaces).isEmpty } }
        for record in records where record.cells.count > header.count {
            throw .invalidValue(file: file, line: record.line, field: "row",
                                reason: "has \(record.cells.count) cells but the header names \(header.count) columns")
        }
    }

    /// The cell of `column` in a record, trimmed; "" when the column or cell is absent.
    public func cell(_ record: (line: Int, cells: [String]), _ column: String) -> String {
        guard let index = header.firstIndex(of: column), index < record.cells.count else { return "" }
        return record.cells[index].trimmingCharacters(in: .whitespaces)
    }

    public func error(_ record: (line: Int, cells: [String]), _ column: String, _ reason: String) -> InputError {
        .invalidValue(file: file, line: record.line, field: "column \(column)", reason: reason)
    }

    private static func parse(_ bytes: [UInt8], file: String) throws(InputError) -> [(line: Int, cells: [String])] {
        var index = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        var rows: [(line: Int, cells: [String])] = []
        var line = 1
        var cells: [String] = []
        var cell: [UInt8] = []
        var rowLine = 1
        var quoted = false
        var quoteLine = 1
        func finishCell() throws(InputError) {
            guard let text = String(validating: cell, as: UTF8.self) else {
                throw .invalidValue(file: file, line: rowLine, field: "column \(cells.count + 1)", reason: "is not valid UTF-8 (save the file as UTF-8)")
            }
            cells.append(text)
            cell.removeAll(keepingCapacity: true)
        }
        while index < bytes.count {
            let byte = bytes[index]
            if quoted {
                if byte == UInt8(ascii: "\"") {
                    if index + 1 < bytes.count && bytes[index + 1] == UInt8(ascii: "\"") { cell.append(byte); index += 2; continue }
                    quoted = false
                } else {
                    if byte == 0x0A { line += 1 }
                    cell.append(byte)
                }
                index += 1
                continue
            }
            switch byte {
            case UInt8(ascii: "\"") where cell.allSatisfy({ $0 == 0x20 || $0 == 0x09 }):
                cell.removeAll()
                quoted = true
                quoteLine = line
            case UInt8(ascii: ","):
                try finishCell()
            case 0x0A:
                if cell.last == 0x0D { cell.removeLast() }
                try finishCell()
                rows.append((rowLine, cells))
                cells.removeAll()
                line += 1
                rowLine = line
            default:
                cell.append(byte)
            }
            index += 1
        }
        if quoted { throw .invalidValue(file: file, line: quoteLine, field: "column \(cells.count + 1)", reason: "a quoted cell is never closed") }
        if cell.last == 0x0D { cell.removeLast() }
        if !cell.isEmpty || !cells.isEmpty {
            try finishCell()
            rows.append((rowLine, cells))
        }
        return rows
    }
}
