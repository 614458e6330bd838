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
    /// (invalid in XML 1.0) are dropped. (``MarkupBuffer/appendXMLEscaped(_:)`` does the work.)
    public var xmlEscaped: String {
        var copy = self
        if copy.withUTF8({ !$0.contains(where: Self.isEscapedInMarkup) }) { return self }
        var buffer = MarkupBuffer(capacity: utf8.count + 16)
        buffer.appendXMLEscaped(copy)
        return buffer.string
    }
}
