extension String {
    /// Bytes that escaping changes, as bits of one word (all are below 0x40): `&` (0x26), `<`
    /// (0x3C), `>` (0x3E), `"` (0x22), `'` (0x27) and the control characters other than tab, LF and
    /// CR (0x00–0x1F but 0x09, 0x0A, 0x0D). A literal, not a computed `static let`: reading a
    /// computed one goes through `swift_once` on every call, ~8 % of writing an SVG.
    private static let escapedBytes: UInt64 = 0x5000_00C4_FFFF_D9FF

    @inline(__always)
    static func isEscapedInMarkup(_ byte: UInt8) -> Bool {
        byte < 0x40 && (escapedBytes >> UInt64(byte)) & 1 != 0
    }

    /// The string escaped for HTML/XML text and double- or single-quoted attribute values:
    /// `&`, `<`, `>`, `"` and `'` become entities. Control characters other than tab, LF and CR
    /// (invalid in XML 1.0) are dropped.
    public var xmlEscaped: String {
        var copy = self
        if copy.withUTF8({ !$0.contains(where: Self.isEscapedInMarkup) }) { return self }
        var result = ""
        result.reserveCapacity(utf8.count + 16)
        result.appendXMLEscaped(copy)
        return result
    }

    /// Appends `text` escaped as ``xmlEscaped`` does, without an intermediate string: one scan of
    /// its UTF-8 bytes, then the unchanged runs between the bytes it replaces (every byte below
    /// 0x80 is a whole scalar in UTF-8, so escaping per byte is escaping per scalar).
    public mutating func appendXMLEscaped(_ text: String) {
        var text = text
        guard let first = text.withUTF8({ $0.firstIndex(where: Self.isEscapedInMarkup) }) else {
            self += text
            return
        }
        text.withUTF8 { bytes in
            var runStart = 0
            for i in first..<bytes.count where Self.isEscapedInMarkup(bytes[i]) {
                if i > runStart { self += String(decoding: UnsafeBufferPointer(rebasing: bytes[runStart..<i]), as: UTF8.self) }
                switch bytes[i] {
                case 0x26: self += "&amp;"
                case 0x3C: self += "&lt;"
                case 0x3E: self += "&gt;"
                case 0x22: self += "&quot;"
                case 0x27: self += "&#39;"
                default: break  // a control character: dropped
                }
                runStart = i + 1
            }
            if runStart < bytes.count { self += String(decoding: UnsafeBufferPointer(rebasing: bytes[runStart...]), as: UTF8.self) }
        }
    }
}
