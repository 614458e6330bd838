// FoundationEssentials rather than Foundation: see Sources/RecCheck/SiteChecker+FileSystem.swift.
import FoundationEssentials
import RecCheck
import Testing

@Suite struct SiteCheckerFileSystemTests {
    /// Writes `site` under a fresh temporary folder and returns the folder.
    private func write(_ site: SiteFixture) throws -> URL {
        let root = FileManager.default.temporaryDirectory
            .appendingPathComponent("reccheck-\(UInt64.random(in: 0...UInt64.max))")
        for (path, text) in site.pages {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        return root
    }

    @Test func checksASiteWrittenToDisk() throws {
        let site = SiteFixture.clean.with(
            "reports/run 1/index.html",
            SiteFixture.page(body: """
                <a href="../../users/12.html#history">ok</a>
                <a href="../../users/99.html">broken</a>
                <a href="../run%201/">self</a>
                """))
        let root = try write(site)
        defer { try? FileManager.default.removeItem(at: root) }

        let file = "reports/run 1/index.html"
        #expect(try SiteChecker().check(directory: root) == [
            SiteProblem(
                file: file, line: site.line(of: "99.html", in: file), message: "broken link: ../../users/99.html")
        ])
        #expect(try SiteChecker().check(directory: root) == SiteChecker().check(files: site.files))
    }

    @Test func missingFolderThrows() {
        let missing = FileManager.default.temporaryDirectory.appendingPathComponent("reccheck-missing-\(UInt64.random(in: 0...UInt64.max))")
        #expect(throws: (any Error).self) { try SiteChecker().check(directory: missing) }
    }
}
