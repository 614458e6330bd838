/// Markup being written, as UTF-8 bytes appended in place.
///
/// Pages and charts are built from many short pieces (a tag name, `="`, a coordinate, a cell's
/// value). Appending each to a `String` goes through its capacity and ASCII bookkeeping and
/// allocates a temporary for a `StaticString`; appending to a byte array is a copy. The bytes are
/// turned into a `String` once, at the end. On the ML-100k site's render (`reclens render`, perf),
/// string appends were about a fifth of SVG writing and of the template engine's own time.
struct MarkupBuffer {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int = 0) { bytes.reserveCapacity(capacity) }

    var count: Int { bytes.count }
    var last: UInt8? { bytes.last }

    /// The markup written so far.
    var string: String { String(decoding: bytes, as: UTF8.self) }

    @inline(__always)
    mutating func append(_ text: String) {
        var text = text
        text.withUTF8 { bytes.append(contentsOf: $0) }
    }

    @inline(__always)
    mutating func append(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    @inline(__always)
    mutating func append(_ text: Substring) {
        var text = text
        text.withUTF8 { bytes.append(contentsOf: $0) }
    }

    @inline(__always)
    mutating func append(_ text: UnsafeBufferPointer<UInt8>) { bytes.append(contentsOf: text) }

    @inline(__always)
    mutating func append(_ other: MarkupBuffer) { bytes.append(contentsOf: other.bytes) }

    /// Inserts `text` before byte `offset` (a line's indentation, added after the line is known
    /// to be non-empty).
    mutating func insert(_ text: String, at offset: Int) {
        bytes.insert(contentsOf: Array(text.utf8), at: offset)
    }

    /// Appends `text` escaped as ``Swift/String/xmlEscaped`` does: `&`, `<`, `>`, `"` and `'` become
    /// entities and control characters other than tab, LF and CR are dropped. Every byte below
    /// 0x80 is a whole scalar in UTF-8, so escaping per byte is escaping per scalar.
    mutating func appendXMLEscaped(_ text: String) {
        var text = text
        text.withUTF8 { source in
            guard let first = source.firstIndex(where: String.isEscapedInMarkup) else {
                bytes.append(contentsOf: source)
                return
            }
            var runStart = 0
            for i in first..<source.count where String.isEscapedInMarkup(source[i]) {
                if i > runStart { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: source[runStart..<i])) }
                switch source[i] {
                case 0x26: append("&amp;" as StaticString)
                case 0x3C: append("&lt;" as StaticString)
                case 0x3E: append("&gt;" as StaticString)
                case 0x22: append("&quot;" as StaticString)
                case 0x27: append("&#39;" as StaticString)
                default: break  // a control character: dropped
                }
                runStart = i + 1
            }
            if runStart < source.count { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: source[runStart...])) }
        }
    }
}
