// Reads a linear assignment problem from
// - a cost-matrix CSV: one line per row, one cell per column, UTF-8 with or without BOM; an
//   empty cell is a forbidden pair; decimals allowed (up to 6);
// - Beasley's OR-Library `assign` format: whitespace-separated, first the size n, then n × n
//   costs row by row;
// - OR-Library `assignp` (sparse) format: n, then (row, column, cost) triples, 1-based; pairs
//   not listed are forbidden.
// Format `auto` picks CSV for a `.csv` file or when the first line has a comma, else OR-Library, dense when exactly
// n × n numbers follow n, sparse when a multiple of three do.
// Costs are parsed exactly (ExactDecimal) and scaled to integers by the largest number of
// decimals in the file; every error names the file, line and field.

import Foundation
import NuanqiCore

public enum AssignmentFileFormat: String, CaseIterable, Sendable {
    case auto
    case csv
    case orlib
    case orlibSparse = "orlib-sparse"
}

/// An assignment problem as read, with the decimal scale of its integer costs.
public struct CostMatrixFile: Sendable {
    public var problem: AssignmentProblem
    /// Costs in `problem` are the file's costs × 10^decimals.
    public var decimals: Int
    /// The format that was actually read (never `auto`).
    public var format: AssignmentFileFormat
}

public enum AssignmentFileReader {
    public static func read(path: String, format: AssignmentFileFormat = .auto) throws(InputError) -> CostMatrixFile {
        try parse(FileContents.bytes(of: path), file: path, format: format)
    }

    public static func parse(_ bytes: [UInt8], file: String, format: AssignmentFileFormat = .auto) throws(InputError) -> CostMatrixFile {
        var start = 0
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { start = 3 }
        let body = bytes[start...]
        guard body.contains(where: { !isBlank($0) }) else {
            throw .unreadable(file: file, reason: "the file is empty; expected a cost matrix")
        }
        var chosen = format
        if chosen == .auto {
            let firstLine = body.prefix { $0 != 0x0A }
            chosen = file.lowercased().hasSuffix(".csv") || firstLine.contains(UInt8(ascii: ",")) ? .csv : .orlib
        }
        switch chosen {
        case .csv: return try parseCSV(body, file: file)
        default: return try parseORLibrary(body, file: file, sparse: chosen == .orlibSparse ? true : nil)
        }
    }

    // MARK: CSV

    private static func parseCSV(_ body: ArraySlice<UInt8>, file: String) throws(InputError) -> CostMatrixFile {
        var costs = ScaledCosts()
        var columns = -1
        var rows = 0
        var line = 0
        var lineStart = body.startIndex
        while lineStart < body.endIndex {
            line += 1
            var lineEnd = lineStart
            while lineEnd < body.endIndex && body[lineEnd] != 0x0A { lineEnd += 1 }
            var content = body[lineStart ..< lineEnd]
            if content.last == 0x0D { content = content.dropLast() }
            lineStart = lineEnd + 1
            if content.allSatisfy(isBlank) { continue }
            var cellCount = 0
            var cellStart = content.startIndex
            while true {
                var cellEnd = cellStart
                while cellEnd < content.endIndex && content[cellEnd] != UInt8(ascii: ",") { cellEnd += 1 }
                cellCount += 1
                let cell = trimmed(content[cellStart ..< cellEnd])
                if cell.isEmpty {
                    costs.appendForbidden()
                } else {
                    try costs.append(cell, file: file, line: line, field: "column \(cellCount)")
                }
                if cellEnd >= content.endIndex { break }
                cellStart = cellEnd + 1
            }
            if columns < 0 { columns = cellCount }
            guard cellCount == columns else {
                throw .invalidValue(file: file, line: line, field: "row \(rows + 1)",
                                    reason: "has \(cellCount) cells, but the first row has \(columns) (ragged row)")
            }
            rows += 1
        }
        let problem: AssignmentProblem
        do { problem = try AssignmentProblem(rows: rows, columns: columns, denseCosts: costs.values) }
        catch { throw .unreadable(file: file, reason: error.description) }
        return CostMatrixFile(problem: problem, decimals: costs.decimals, format: .csv)
    }

    // MARK: OR-Library

    private static func parseORLibrary(_ body: ArraySlice<UInt8>, file: String, sparse: Bool?) throws(InputError) -> CostMatrixFile {
        var tokens: [(range: Range<Int>, line: Int)] = []
        var line = 1
        var index = body.startIndex
        while index < body.endIndex {
            let byte = body[index]
            if byte == 0x0A { line += 1; index += 1; continue }
            if isBlank(byte) { index += 1; continue }
            let tokenStart = index
            while index < body.endIndex && !isBlank(body[index]) && body[index] != 0x0A { index += 1 }
            tokens.append((tokenStart ..< index, line))
        }
        let size: Int64
        do { size = try ExactDecimal.parseInteger(body[tokens[0].range]) }
        catch { throw .invalidValue(file: file, line: tokens[0].line, field: "n", reason: "\(error.description); expected the size n") }
        guard size >= 1 else {
            throw .invalidValue(file: file, line: tokens[0].line, field: "n", reason: "size \(size) must be at least 1")
        }
        guard size <= 100_000 else {
            throw .invalidValue(file: file, line: tokens[0].line, field: "n", reason: "size \(size) is larger than 100,000")
        }
        let n = Int(size)
        let numbers = tokens.count - 1
        let isSparse = sparse ?? (numbers != n * n && numbers % 3 == 0)
        if !isSparse {
            guard numbers == n * n else {
                let last = tokens.last!.line
                throw .invalidValue(file: file, line: last, field: "costs",
                                    reason: "expected n × n = \(n * n) costs after n = \(n), found \(numbers) numbers")
            }
            var costs = ScaledCosts()
            costs.values.reserveCapacity(n * n)
            for (offset, token) in tokens.dropFirst().enumerated() {
                try costs.append(body[token.range], file: file, line: token.line,
                                 field: "cost (row \(offset / n + 1), column \(offset % n + 1))")
            }
            let problem: AssignmentProblem
            do { problem = try AssignmentProblem(rows: n, columns: n, denseCosts: costs.values) }
            catch { throw .unreadable(file: file, reason: error.description) }
            return CostMatrixFile(problem: problem, decimals: costs.decimals, format: .orlib)
        }

        guard numbers % 3 == 0 else {
            throw .invalidValue(file: file, line: tokens.last!.line, field: "triples",
                                reason: "\(numbers) numbers after n do not form (row, column, cost) triples")
        }
        var costs = ScaledCosts()
        var pairs: [(key: Int, line: Int)] = []
        pairs.reserveCapacity(numbers / 3)
        var triple = 1
        while triple < tokens.count {
            let lineOfTriple = tokens[triple].line
            var indices = [0, 0]
            for (slot, name) in ["row", "column"].enumerated() {
                let token = tokens[triple + slot]
                let value: Int64
                do { value = try ExactDecimal.parseInteger(body[token.range]) }
                catch { throw .invalidValue(file: file, line: token.line, field: name, reason: error.description) }
                guard value >= 1 && value <= n else {
                    throw .invalidValue(file: file, line: token.line, field: name, reason: "\(value) is outside 1…\(n)")
                }
                indices[slot] = Int(value) - 1
            }
            let costToken = tokens[triple + 2]
            try costs.append(body[costToken.range], file: file, line: costToken.line, field: "cost")
            pairs.append((indices[0] * n + indices[1], lineOfTriple))
            triple += 3
        }
        let order = pairs.indices.sorted { (pairs[$0].key, pairs[$0].line) < (pairs[$1].key, pairs[$1].line) }
        for (previous, current) in zip(order, order.dropFirst()) where pairs[previous].key == pairs[current].key {
            let key = pairs[current].key
            throw .invalidValue(file: file, line: pairs[current].line, field: "row, column",
                                reason: "pair (\(key / n + 1), \(key % n + 1)) is listed twice (first on line \(pairs[previous].line))")
        }
        let triples = pairs.indices.map { (row: pairs[$0].key / n, column: pairs[$0].key % n, cost: costs.values[$0]) }
        let problem: AssignmentProblem
        do { problem = try AssignmentProblem(rows: n, columns: n, pairs: triples) }
        catch { throw .unreadable(file: file, reason: error.description) }
        return CostMatrixFile(problem: problem, decimals: costs.decimals, format: .orlibSparse)
    }

    private static func isBlank(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0D || byte == 0x0A
    }

    private static func trimmed(_ cell: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        var cell = cell
        while let first = cell.first, first == 0x20 || first == 0x09 { cell = cell.dropFirst() }
        while let last = cell.last, last == 0x20 || last == 0x09 { cell = cell.dropLast() }
        if cell.count >= 2, cell.first == UInt8(ascii: "\""), cell.last == UInt8(ascii: "\"") {
            cell = cell.dropFirst().dropLast()
        }
        return cell
    }
}

/// Costs appended one by one, all kept at the largest scale seen so far.
struct ScaledCosts {
    var values: [Int64] = []
    var decimals = 0

    mutating func appendForbidden() {
        values.append(AssignmentProblem.forbidden)
    }

    /// `field` is only built when the cell is wrong: formatting it for every cell of a large
    /// matrix would cost more than parsing.
    mutating func append(_ text: ArraySlice<UInt8>, file: String, line: Int, field: @autoclosure () -> String) throws(InputError) {
        let parsed: (mantissa: Int64, decimals: Int)
        do { parsed = try ExactDecimal.parse(text) }
        catch { throw .invalidValue(file: file, line: line, field: field(), reason: error.description) }
        if parsed.decimals > decimals {
            let factor = ExactDecimal.powerOfTen(parsed.decimals - decimals)
            for index in values.indices where values[index] != AssignmentProblem.forbidden { values[index] *= factor }
            decimals = parsed.decimals
        }
        values.append(parsed.mantissa * ExactDecimal.powerOfTen(decimals - parsed.decimals))
    }
}
