import RecCheck
import Testing

@Suite struct SiteCheckerTests {
    let checker = SiteChecker()
    let clean = SiteFixture.clean

    @Test func cleanSiteHasNoProblems() {
        #expect(checker.check(files: clean.files) == [])
    }

    @Test func libxmlVersionIsReported() {
        #expect(SiteChecker.libxmlVersion.hasPrefix("2."))
    }

    @Test func brokenLinkIsReportedWithItsLine() {
        let site = clean.with(
            "users/13.html",
            SiteFixture.page(body: """
                <p>Intro</p>
                <a href="14.html">missing user</a>
                <img src="../figures/nope.svg" alt="">
                """))
        let file = "users/13.html"
        #expect(checker.check(files: site.files) == [
            SiteProblem(file: file, line: site.line(of: "14.html", in: file), message: "broken link: 14.html"),
            SiteProblem(
                file: file, line: site.line(of: "nope.svg", in: file),
                message: "broken link: ../figures/nope.svg"),
        ])
    }

    @Test func linkToFolderNeedsIndexHTML() {
        let site = clean
            .with("figures/index.txt", "not an index")
            .with("about.html", SiteFixture.page(body: #"<a href="figures/">figures</a> <a href="users">users</a>"#))
        let line = site.line(of: "figures/", in: "about.html")
        #expect(checker.check(files: site.files) == [
            SiteProblem(file: "about.html", line: line, message: "broken link: figures/")
        ])
    }

    @Test func linkAboveTheSiteRootIsBroken() {
        let site = clean.with("about.html", SiteFixture.page(body: #"<a href="../outside.html">out</a>"#))
        #expect(checker.check(files: site.files).map(\.message) == ["broken link: ../outside.html"])
    }

    @Test func missingAnchorsInOtherAndSamePage() {
        let site = clean.with(
            "about.html",
            SiteFixture.page(body: """
                <p id="here"><a href="#here">ok</a></p>
                <a href="users/12.html#nowhere">bad</a>
                <a href="#gone">bad too</a>
                <a href="figures/chart.svg#legend">bad svg anchor</a>
                """))
        let file = "about.html"
        #expect(checker.check(files: site.files) == [
            SiteProblem(
                file: file, line: site.line(of: "#nowhere", in: file),
                message: "missing anchor: #nowhere in users/12.html"),
            SiteProblem(file: file, line: site.line(of: "#gone", in: file), message: "missing anchor: #gone in about.html"),
            SiteProblem(
                file: file, line: site.line(of: "#legend", in: file),
                message: "missing anchor: #legend in figures/chart.svg"),
        ])
    }

    @Test func externalResourcesAreReported() {
        let file = "about.html"
        let site = clean
            .with(
                file,
                SiteFixture.page(
                    head: """
                        <link rel="stylesheet" href="//cdn.example.com/bootstrap.css">
                        <script src="https://cdn.example.com/d3.js"></script>
                        <style>
                        body { color: red; }
                        .a { background: url(http://images.example.com/a.png); }
                        </style>
                        """,
                    body: """
                        <img src="https://images.example.com/b.png" alt="">
                        <p style="background: url('HTTPS://images.example.com/c.png')">styled</p>
                        <a href="https://example.org/allowed">navigation is fine</a>
                        """))
            .with("style.css", "@import url(\"https://fonts.example.com/f.css\");\nbody {}\n.x { background: url(//cdn.example.com/x.png) }\n")
        let problems = checker.check(files: site.files)
        #expect(problems == [
            SiteProblem(
                file: file, line: site.line(of: "bootstrap.css", in: file),
                message: "external resource: //cdn.example.com/bootstrap.css"),
            SiteProblem(
                file: file, line: site.line(of: "d3.js", in: file), message: "external resource: https://cdn.example.com/d3.js"),
            SiteProblem(
                file: file, line: site.line(of: "a.png", in: file),
                message: "external resource: http://images.example.com/a.png"),
            SiteProblem(
                file: file, line: site.line(of: "b.png", in: file),
                message: "external resource: https://images.example.com/b.png"),
            SiteProblem(
                file: file, line: site.line(of: "c.png", in: file),
                message: "external resource: HTTPS://images.example.com/c.png"),
            SiteProblem(file: "style.css", line: 1, message: "external resource: https://fonts.example.com/f.css"),
            SiteProblem(file: "style.css", line: 3, message: "external resource: //cdn.example.com/x.png"),
        ])
    }

    @Test func externalResourceInStandaloneSVG() {
        let svg = """
            <svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">
            <title>t</title>
            <image xlink:href="https://images.example.com/p.png" width="1" height="1"/>
            </svg>
            """
        let site = clean.with("figures/remote.svg", svg)
        #expect(checker.check(files: site.files) == [
            SiteProblem(
                file: "figures/remote.svg", line: 3, message: "external resource: https://images.example.com/p.png")
        ])
    }

    @Test func navigationToOtherWebsitesIsAllowed() {
        let site = clean.with(
            "links.html",
            SiteFixture.page(body: """
                <a href="https://example.org">site</a> <a href=" http://example.org/x ">spaced</a>
                <a href="mailto:someone@example.org">mail</a> <a href="tel:+331234">call</a>
                <a href="//example.org/protocol-relative">other</a>
                """))
        #expect(checker.check(files: site.files) == [])
    }

    @Test func malformedStandaloneSVGReportsTheParserLine() {
        let svg = """
            <svg xmlns="http://www.w3.org/2000/svg">
            <title>Broken</title>
            <g>
            <rect width="1" height="1">
            </g>
            </svg>
            """
        let problems = checker.check(files: clean.with("figures/broken.svg", svg).files)
        #expect(problems.first == SiteProblem(
            file: "figures/broken.svg", line: 5,
            message: "Opening and ending tag mismatch: rect line 4 and g"))
        // libxml2 then reports the cascade ("g line 3 and svg", "Premature end of data").
        #expect(problems.allSatisfy { $0.file == "figures/broken.svg" && $0.line >= 5 })
    }

    @Test func standaloneSVGNeedsTheSVGNamespace() {
        let site = clean
            .with("figures/plain.svg", "<svg><title>no namespace</title></svg>\n")
            .with("figures/html.svg", "<html xmlns=\"http://www.w3.org/2000/svg\"><title>wrong root</title></html>\n")
        let message = "root element is not <svg> in namespace http://www.w3.org/2000/svg"
        #expect(checker.check(files: site.files) == [
            SiteProblem(file: "figures/html.svg", line: 1, message: message),
            SiteProblem(file: "figures/plain.svg", line: 1, message: message),
        ])
    }

    @Test func rawAmpersandInHTMLText() {
        let file = "about.html"
        let site = clean.with(file, SiteFixture.page(body: "<p>Fish &chips</p>\n<p>Salt & vinegar</p>"))
        #expect(checker.check(files: site.files) == [
            SiteProblem(
                file: file, line: site.line(of: "Fish", in: file), message: "htmlParseEntityRef: expecting ';'"),
            SiteProblem(file: file, line: site.line(of: "Salt", in: file), message: "htmlParseEntityRef: no name"),
        ])
    }

    @Test func duplicateIDIsReportedAtTheSecondOccurrence() {
        let file = "about.html"
        let site = clean.with(
            file,
            SiteFixture.page(body: """
                <section id="results">first</section>
                <div id="results-table"></div>
                <section id="results">second</section>
                """))
        #expect(checker.check(files: site.files) == [
            SiteProblem(file: file, line: site.line(of: "second", in: file), message: "duplicate id: results")
        ])
    }

    @Test func svgWithoutTitleOrAriaLabel() {
        let file = "about.html"
        let site = clean
            .with(
                file,
                SiteFixture.page(body: """
                    <svg viewBox="0 0 1 1"><g><title>nested title does not count</title></g></svg>
                    <svg aria-label=" "><rect/></svg>
                    <svg aria-label="Labelled"><rect/></svg>
                    <svg aria-hidden="true"><rect/></svg>
                    """))
            .with("figures/untitled.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\">\n<rect/></svg>\n")
        let message = "svg without title or aria-label"
        #expect(checker.check(files: site.files) == [
            SiteProblem(file: file, line: site.line(of: "nested", in: file), message: message),
            SiteProblem(file: file, line: site.line(of: "aria-label=\" \"", in: file), message: message),
            SiteProblem(file: "figures/untitled.svg", line: 1, message: message),
        ])
    }

    @Test func problemsAreSortedByFileLineAndMessage() {
        let site = clean
            .with("b.html", SiteFixture.page(body: "<a href=\"x.html\">x</a>\n<a href=\"y.html\">y</a><a href=\"0.html\">0</a>"))
            .with("a.html", SiteFixture.page(body: "<a href=\"z.html\">z</a>"))
        let problems = checker.check(files: site.files)
        #expect(problems.map(\.description) == [
            "a.html:9: broken link: z.html",
            "b.html:9: broken link: x.html",
            "b.html:10: broken link: 0.html",
            "b.html:10: broken link: y.html",
        ])
        #expect(checker.check(files: site.files) == problems)
    }
}
