import Foundation

/// One field of a CSV record: the byte range of its content (inside the quotes when quoted).
struct CSVField {
    var range: Range<Int>
    /// True when the quoted content holds doubled quotes (`""`) that stand for one `"`.
    var hasEscapedQuotes: Bool
}

/// Splits RFC 4180 CSV into records: fields separated by `delimiter`, records by LF or CRLF,
/// fields optionally in double quotes, where `""` is a quote and delimiters and line breaks
/// are literal. Unquoted fields are never copied.
struct CSVRecordReader {
    let view: ByteView
    let delimiter: UInt8
    let fileName: String
    private var position = 0
    private var line = 1
    /// 1-based line on which the last record returned by `next` starts.
    private(set) var recordLine = 0

    init(_ view: ByteView, delimiter: UInt8, fileName: String) {
        self.view = view
        self.delimiter = delimiter
        self.fileName = fileName
    }

    /// Reads the next record into `fields`; false at the end of the input.
    /// - Throws: `DataError` for a quote that is never closed or text after a closing quote.
    mutating func next(into fields: inout [CSVField]) throws -> Bool {
        let n = view.base.count
        guard position < n else { return false }
        fields.removeAll(keepingCapacity: true)
        recordLine = line
        while true {
            if position < n && view[position] == 0x22 {
                let opened = line
                var i = position + 1, escaped = false
                while true {
                    guard i < n else {
                        throw DataError(file: fileName, line: opened, "unterminated quoted field: expected a closing '\"'")
                    }
                    if view[i] == 0x22 {
                        if i + 1 < n && view[i + 1] == 0x22 { escaped = true; i += 2; continue }
                        break
                    }
                    if view[i] == 0x0A { line += 1 }
                    i += 1
                }
                fields.append(CSVField(range: (position + 1)..<i, hasEscapedQuotes: escaped))
                i += 1
                if i < n && view[i] == 0x0D && (i + 1 == n || view[i + 1] == 0x0A) { i += 1 }
                if i >= n { position = n; return true }
                if view[i] == delimiter { position = i + 1; continue }
                if view[i] == 0x0A { position = i + 1; line += 1; return true }
                throw DataError(
                    file: fileName, line: line,
                    "expected a delimiter or the end of the line after a closing quote, found '\(view.preview(i..<min(n, i + 10)))'")
            }
            var i = position
            while i < n && view[i] != delimiter && view[i] != 0x0A { i += 1 }
            var end = i
            if end > position && view[end - 1] == 0x0D && (i == n || view[i] == 0x0A) { end -= 1 }
            fields.append(CSVField(range: position..<end, hasEscapedQuotes: false))
            if i < n && view[i] == delimiter { position = i + 1; continue }
            if i < n { line += 1 }
            position = min(n, i + 1)
            return true
        }
    }

    /// True for a record that is an empty line.
    func isBlank(_ fields: [CSVField]) -> Bool {
        fields.count == 1 && view.isBlank(fields[0].range)
    }

    /// The field's text (UTF-8) with surrounding spaces removed and `""` turned into `"`.
    func text(_ field: CSVField) -> String {
        let text = view.utf8(field.hasEscapedQuotes ? field.range : view.trimmed(field.range))
        return field.hasEscapedQuotes ? text.replacingOccurrences(of: "\"\"", with: "\"") : text
    }

    /// The delimiter among `,` TAB `;` `|` that occurs most often outside quotes in the first
    /// line (ties in that order); `,` when none occurs.
    static func detectDelimiter(_ view: ByteView) -> UInt8 {
        let candidates: [UInt8] = [0x2C, 0x09, 0x3B, 0x7C]
        var counts = [Int](repeating: 0, count: candidates.count)
        var quoted = false
        for i in 0..<view.base.count {
            let b = view[i]
            if b == 0x22 { quoted.toggle() }
            if !quoted && b == 0x0A { break }
            if !quoted, let k = candidates.firstIndex(of: b) { counts[k] += 1 }
        }
        let best = counts.indices.max { counts[$0] < counts[$1] || (counts[$0] == counts[$1] && $0 > $1) }!
        return counts[best] > 0 ? candidates[best] : 0x2C
    }

    /// A readable name of a delimiter for messages ("comma", "tab", …).
    static func name(of delimiter: UInt8) -> String {
        switch delimiter {
        case 0x2C: "comma"
        case 0x09: "tab"
        case 0x3B: "semicolon"
        default: "'\(Character(Unicode.Scalar(delimiter)))'"
        }
    }
}
