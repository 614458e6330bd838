@testable import RecCheck
import Testing

@Suite struct ParsedURLTests {
    @Test func externalSchemesAndProtocolRelative() {
        #expect(ParsedURL("https://example.org/a.png") == .external)
        #expect(ParsedURL("HTTP://example.org") == .external)
        #expect(ParsedURL("  //cdn.example.com/x.js ") == .external)
        #expect(ParsedURL("ftp://example.org/f") == .external)
    }

    @Test func otherSchemesAreNotChecked() {
        #expect(ParsedURL("mailto:a@example.org") == .otherScheme)
        #expect(ParsedURL("data:image/png;base64,AAAA") == .otherScheme)
        #expect(ParsedURL("javascript:void(0)") == .otherScheme)
    }

    @Test func localPathsAreDecodedWithoutQuery() {
        #expect(ParsedURL("my%20chart.svg?v=2#part%201") == .local(path: "my chart.svg", fragment: "part 1"))
        #expect(ParsedURL("#top") == .local(path: "", fragment: "top"))
        #expect(ParsedURL("../a.html") == .local(path: "../a.html", fragment: nil))
        #expect(ParsedURL("100%zz.html") == .local(path: "100%zz.html", fragment: nil))
        #expect(ParsedURL("2024:report.html") == .local(path: "2024:report.html", fragment: nil))
    }
}
