import RecCheck
import Testing

/// Cases beyond the basic checks: encodings, empty files, CSS files, standalone SVG links and
/// parser messages attributed to the right file when many files are parsed in parallel.
@Suite struct SiteCheckerEdgeCaseTests {
    let checker = SiteChecker()
    let clean = SiteFixture.clean

    @Test func parserErrorsStayWithTheirFileUnderParallelChecking() {
        var site = clean
        for number in 0..<400 {
            let padding = String(repeating: "<p>filler</p>\n", count: number % 7)
            site = site.with("many/\(number).html", SiteFixture.page(body: padding + "<p>Fish &chips \(number)</p>"))
        }
        let problems = checker.check(files: site.files)
        let expected = (0..<400).map { number in
            let file = "many/\(number).html"
            return SiteProblem(
                file: file, line: site.line(of: "Fish", in: file), message: "htmlParseEntityRef: expecting ';'")
        }.sorted { ($0.file, $0.line) < ($1.file, $1.line) }
        #expect(problems == expected)
    }

    @Test func invalidUTF8IsReported() {
        var bytes = Array(SiteFixture.page(body: "<p>caf").utf8)
        bytes.append(0xE9)  // Latin-1 "é"
        bytes += Array("</p>\n".utf8)
        var files = clean.files
        files["latin1.html"] = bytes
        let problems = checker.check(files: files)
        #expect(problems.count == 1)
        #expect(problems.first?.file == "latin1.html")
        #expect(problems.first?.message.contains("UTF-8") == true)
    }

    @Test func nonASCIIAnchorsAndPathsResolve() {
        let site = clean
            .with("café.html", SiteFixture.page(body: #"<h2 id="résumé">Résumé</h2>"#))
            .with("links.html", SiteFixture.page(body: #"<a href="caf%C3%A9.html#r%C3%A9sum%C3%A9">a</a> <a href="café.html#résumé">b</a>"#))
        #expect(checker.check(files: site.files) == [])
    }

    @Test func brokenURLInStylesheetFile() {
        let site = clean.with("style.css", "body {}\n\n.logo { background: url(figures/logo.png); }\n")
        #expect(checker.check(files: site.files) == [
            SiteProblem(file: "style.css", line: 3, message: "broken link: figures/logo.png")
        ])
    }

    @Test func brokenStylesheetLink() {
        let file = "about.html"
        let site = clean.with(file, SiteFixture.page(head: #"<link rel="stylesheet" href="styles.css">"#, body: "<p>x</p>"))
        #expect(checker.check(files: site.files) == [
            SiteProblem(file: file, line: site.line(of: "styles.css", in: file), message: "broken link: styles.css")
        ])
    }

    @Test func brokenLinksInStandaloneSVG() {
        let svg = """
            <svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">
            <title>Links</title>
            <a xlink:href="../users/77.html"><text>user</text></a>
            <use href="#nothing"/>
            </svg>
            """
        let file = "figures/links.svg"
        #expect(checker.check(files: clean.with(file, svg).files) == [
            SiteProblem(file: file, line: 3, message: "broken link: ../users/77.html"),
            SiteProblem(file: file, line: 4, message: "missing anchor: #nothing in figures/links.svg"),
        ])
    }

    @Test func nestedSVGNeedsItsOwnTitle() {
        let file = "about.html"
        let site = clean.with(
            file,
            SiteFixture.page(body: """
                <svg viewBox="0 0 2 2"><title>Outer</title>
                <svg x="1" viewBox="0 0 1 1"><rect/></svg>
                </svg>
                """))
        #expect(checker.check(files: site.files) == [
            SiteProblem(file: file, line: site.line(of: "x=\"1\"", in: file), message: "svg without title or aria-label")
        ])
    }

    @Test func emptyFilesAreReportedWithoutCrashing() {
        var files = clean.files
        files["empty.html"] = []
        files["empty.svg"] = []
        files["empty.css"] = []
        #expect(checker.check(files: files) == [
            SiteProblem(file: "empty.html", line: 1, message: "Document is empty"),
            SiteProblem(file: "empty.svg", line: 0, message: "not well-formed XML"),
        ])
    }

    @Test func leadingDotSlashInKeysIsIgnored() {
        var files: [String: [UInt8]] = [:]
        for (path, bytes) in clean.files { files["./" + path] = bytes }
        #expect(checker.check(files: files) == [])
    }
}
