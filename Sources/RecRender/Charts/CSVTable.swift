/// A table serialized as RFC 4180 CSV with LF line ends: fields containing a comma, double quote,
/// CR or LF are wrapped in quotes with inner quotes doubled; everything else is written raw.
public struct CSVTable: Sendable {
    /// The header row.
    public var header: [String]
    /// Data rows; each should have `header.count` fields.
    public var rows: [[String]]

    /// A table with `header` and `rows`.
    public init(header: [String], rows: [[String]] = []) {
        self.header = header
        self.rows = rows
    }

    /// The CSV text: header line, then one line per row, each ending in `\n`.
    public var csvString: String {
        var out = ""
        out.reserveCapacity(64 * (rows.count + 1))
        for row in [header] + rows {
            for (index, field) in row.enumerated() {
                if index > 0 { out += "," }
                out += CSVTable.quoted(field)
            }
            out += "\n"
        }
        return out
    }

    /// `field` quoted per RFC 4180 when it contains `,` `"` CR or LF.
    public static func quoted(_ field: String) -> String {
        let needsQuotes = field.utf8.contains { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }
        guard needsQuotes else { return field }
        var out = "\""
        for character in field {
            out += character == "\"" ? "\"\"" : String(character)
        }
        return out + "\""
    }

    /// A number for CSV: integers without a decimal point, other values in Swift's shortest
    /// round-trip form (`0.1`, `1e-05`), NaN and infinities as an empty field.
    public static func number(_ x: Double) -> String {
        guard x.isFinite else { return "" }
        if x == x.rounded() && abs(x) < 1e15 { return String(Int64(x)) }
        return x.description
    }
}
