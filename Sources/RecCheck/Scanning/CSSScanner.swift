/// Finds the URLs a piece of CSS loads: `url(...)` (quoted or not) and `@import "..."`.
/// Comments are skipped. This is a scanner, not a CSS parser: it is meant for the CSS a site
/// generator writes.
enum CSSScanner {
    /// One URL found in CSS, with the number of line breaks before it in the scanned text.
    struct Reference: Equatable {
        var url: String
        var lineOffset: Int
    }

    /// The URLs in `css`, in order of appearance.
    static func references(in css: some Collection<UInt8>) -> [Reference] {
        let bytes = Array(css)
        var found: [Reference] = []
        var lineOffset = 0
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\n") {
                lineOffset += 1
                index += 1
            } else if byte == UInt8(ascii: "/"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "*") {
                index += 2
                while index < bytes.count,
                    !(bytes[index] == UInt8(ascii: "*") && index + 1 < bytes.count && bytes[index + 1] == UInt8(ascii: "/"))
                {
                    if bytes[index] == UInt8(ascii: "\n") { lineOffset += 1 }
                    index += 1
                }
                index += 2
            } else if matches(bytes, at: index, "url(") {
                let (url, end) = readURLFunction(bytes, from: index + 4)
                found.append(Reference(url: url, lineOffset: lineOffset))
                lineOffset += bytes[index..<end].lazy.filter { $0 == UInt8(ascii: "\n") }.count
                index = end
            } else if matches(bytes, at: index, "@import") {
                var cursor = skipWhitespace(bytes, from: index + 7)
                if cursor < bytes.count, bytes[cursor] == UInt8(ascii: "\"") || bytes[cursor] == UInt8(ascii: "'") {
                    let (url, end) = readString(bytes, from: cursor)
                    found.append(Reference(url: url, lineOffset: lineOffset))
                    cursor = end
                }
                let end = Swift.max(cursor, index + 7)
                lineOffset += bytes[index..<end].lazy.filter { $0 == UInt8(ascii: "\n") }.count
                index = end
            } else {
                index += 1
            }
        }
        return found
    }

    /// Reads the argument of `url(` starting at `start`; returns it and the index after `)`.
    private static func readURLFunction(_ bytes: [UInt8], from start: Int) -> (String, Int) {
        let cursor = skipWhitespace(bytes, from: start)
        if cursor < bytes.count, bytes[cursor] == UInt8(ascii: "\"") || bytes[cursor] == UInt8(ascii: "'") {
            let (url, end) = readString(bytes, from: cursor)
            var close = end
            while close < bytes.count, bytes[close] != UInt8(ascii: ")") { close += 1 }
            return (url, Swift.min(close + 1, bytes.count))
        }
        var end = cursor
        while end < bytes.count, bytes[end] != UInt8(ascii: ")"), bytes[end] != UInt8(ascii: "\n") { end += 1 }
        let url = String(decoding: bytes[cursor..<end], as: UTF8.self).trimmingASCIIWhitespace()
        return (url, Swift.min(end + 1, bytes.count))
    }

    /// Reads a quoted string whose opening quote is at `start`; returns it and the index after it.
    private static func readString(_ bytes: [UInt8], from start: Int) -> (String, Int) {
        let quote = bytes[start]
        var end = start + 1
        while end < bytes.count, bytes[end] != quote, bytes[end] != UInt8(ascii: "\n") { end += 1 }
        let text = String(decoding: bytes[(start + 1)..<end], as: UTF8.self)
        return (text, Swift.min(end + 1, bytes.count))
    }

    private static func skipWhitespace(_ bytes: [UInt8], from start: Int) -> Int {
        var index = start
        while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D, 0x0C].contains(bytes[index]) { index += 1 }
        return index
    }

    /// Whether `bytes` holds the lowercase ASCII `word` at `index`, ignoring case.
    private static func matches(_ bytes: [UInt8], at index: Int, _ word: StaticString) -> Bool {
        let count = word.utf8CodeUnitCount
        guard index + count <= bytes.count else { return false }
        let pattern = UnsafeBufferPointer(start: word.utf8Start, count: count)
        for offset in 0..<count {
            var byte = bytes[index + offset]
            if byte >= UInt8(ascii: "A"), byte <= UInt8(ascii: "Z") { byte |= 0x20 }
            if byte != pattern[offset] { return false }
        }
        return true
    }
}
