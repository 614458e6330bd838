@testable import RecRender
import Testing

@Suite struct EscapingTests {
    @Test func escapesMarkupCharacters() {
        #expect("<script>alert(\"x\" & 'y')</script>".xmlEscaped
            == "&lt;script&gt;alert(&quot;x&quot; &amp; &#39;y&#39;)&lt;/script&gt;")
    }

    @Test func keepsNonASCIIAndPlainText() {
        #expect("Misérables (1995)".xmlEscaped == "Misérables (1995)")
        #expect("Café & Crème".xmlEscaped == "Café &amp; Crème")
    }

    @Test func dropsControlCharacters() {
        #expect("a\u{01}b\tc".xmlEscaped == "ab\tc")
    }
}

/// Every ASCII byte through both escapers (the `String` one and the byte buffer pages and
/// charts are written into), against the rule spelled out here, not against the bit mask they share.
@Suite struct EscapingEveryByteTests {
    static func expected(_ byte: UInt8) -> String {
        switch byte {
        case 0x26: "&amp;"
        case 0x3C: "&lt;"
        case 0x3E: "&gt;"
        case 0x22: "&quot;"
        case 0x27: "&#39;"
        case 0x09, 0x0A, 0x0D: String(UnicodeScalar(byte))
        case ..<0x20: ""
        default: String(UnicodeScalar(byte))
        }
    }

    @Test func eachASCIIByteAlone() {
        for byte in UInt8(0)..<0x80 {
            let text = String(UnicodeScalar(byte))
            #expect(text.xmlEscaped == Self.expected(byte), "byte \(byte)")
            var buffer = MarkupBuffer()
            buffer.appendXMLEscaped(text)
            #expect(buffer.string == Self.expected(byte), "byte \(byte)")
        }
    }

    @Test func runsBetweenEscapesAndNonASCII() {
        let text = (0..<0x80).map { "é\(String(UnicodeScalar(UInt8($0))))x" }.joined()
        let expected = (0..<0x80).map { "é\(Self.expected(UInt8($0)))x" }.joined()
        var buffer = MarkupBuffer(capacity: 4)
        buffer.append("<p>" as StaticString)
        buffer.appendXMLEscaped(text)
        buffer.append("</p>")
        #expect(buffer.string == "<p>" + expected + "</p>")
        #expect(text.xmlEscaped == expected)
        buffer.insert("  ", at: 3)
        #expect(buffer.string.hasPrefix("<p>  é"))
    }
}
