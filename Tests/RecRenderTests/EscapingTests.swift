import RecRender
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
