// RFC 4180 CSV text: cells with a comma, quote or line break are quoted, quotes doubled; lines
// end with CRLF (what Excel and WPS expect). `byteOrderMark` prefixes UTF-8's BOM so Excel
// opens Chinese text correctly.

public enum CSVWriter {
    public static func text(header: [String], rows: [[String]], byteOrderMark: Bool) -> String {
        var output = byteOrderMark ? "\u{FEFF}" : ""
        for row in [header] + rows {
            output += row.map(cell).joined(separator: ",") + "\r\n"
        }
        return output
    }

    static func cell(_ value: String) -> String {
        guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
