@testable import RecCheck
import Testing

@Suite struct CSSScannerTests {
    private func urls(_ css: String) -> [CSSScanner.Reference] {
        CSSScanner.references(in: Array(css.utf8))
    }

    @Test func findsURLFunctionsQuotedOrNot() {
        #expect(urls("a{background:url(x.png)}\nb{background:URL( \"y y.png\" )}\nc{mask:url('z.svg#m')}") == [
            .init(url: "x.png", lineOffset: 0), .init(url: "y y.png", lineOffset: 1), .init(url: "z.svg#m", lineOffset: 2),
        ])
    }

    @Test func findsImportsAndSkipsComments() {
        #expect(urls("@import 'a.css';\n/* url(b.png)\n */ @IMPORT url(c.css);\n@import \"d.css\" print;") == [
            .init(url: "a.css", lineOffset: 0), .init(url: "c.css", lineOffset: 2), .init(url: "d.css", lineOffset: 3),
        ])
    }
}
