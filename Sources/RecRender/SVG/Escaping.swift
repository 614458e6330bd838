extension String {
    /// Bytes that escaping changes, as bits of one word (all are below 0x40): `&`, `<`, `>`, `"`,
    /// `'` and the control characters other than tab, LF and CR.
    private static let escapedBytes: UInt64 = {
        var mask: UInt64 = 0
        for byte in [0x26, 0x3C, 0x3E, 0x22, 0x27] { mask |= 1 << UInt64(byte) }
        for byte in 0..<0x20 where byte != 0x09 && byte != 0x0A && byte != 0x0D { mask |= 1 << UInt64(byte) }
        return mask
    }()

    @inline(__always)
    private static func isEscaped(_ byte: UInt8) -> Bool {
        byte < 0x40 && (escapedBytes >> UInt64(byte)) & 1 != 0
    }

    /// The string escaped for HTML/XML text and double- or single-quoted attribute values:
    /// `&`, `<`, `>`, `"` and `'` become entities. Control characters other than tab, LF and CR
    /// (invalid in XML 1.0) are dropped.
    public var xmlEscaped: String {
        var copy = self
        if copy.withUTF8({ !$0.contains(where: Self.isEscaped) }) { return self }
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
        guard let first = text.withUTF8({ $0.firstIndex(where: Self.isEscaped) }) else {
            self += text
            return
        }
        text.withUTF8 { bytes in
            var runStart = 0
            for i in first..<bytes.count where Self.isEscaped(bytes[i]) {
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
