import Foundation
@testable import RecApp
import RecCheck
import RecCore
import RecTestSupport
import Testing

/// The site's shape: one page per explained user and per item (their standalone figures come
/// from `reclens figure` or `--figures`), a clean checkout after building into a tracked folder.
@Suite(.serialized) struct SiteWeightTests {
    /// One small build shared by the tests that only read it (a debug build of every model is
    /// the slow part of the suite).
    nonisolated(unsafe) static let shared: Result<(folder: TemporaryFolder, settings: BuildSettings, bundle: ArtifactBundle), Error> = Result {
        let folder = try TemporaryFolder()
        let settings = SiteBuildTests.settings(in: folder.url)
        let bundle = try SiteBuild.build(settings: settings, progress: Progress(quiet: true))
        return (folder, settings, bundle)
    }

    static func files(under folder: String) -> [String] {
        var result: [String] = []
        let enumerator = FileManager.default.enumerator(atPath: folder)!
        while let relative = enumerator.nextObject() as? String {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: folder + "/" + relative, isDirectory: &isDirectory), !isDirectory.boolValue {
                result.append(relative)
            }
        }
        return result.sorted()
    }

    @Test func userAndItemPagesAreOneFileEachAndFiguresComeOnDemand() throws {
        let (base, settings, bundle) = try Self.shared.get()
        let folder = try TemporaryFolder()
        _ = base
        let files = Self.files(under: settings.out)
        #expect(!files.contains { $0.hasPrefix("figures/user-") || $0.hasPrefix("figures/item-") })
        #expect(files.filter { $0.hasPrefix("users/") }.count == bundle.users.count + 1)  // + users/index.html
        #expect(files.filter { $0.hasPrefix("items/") }.count == bundle.dataset.items.count + 1)
        let user = bundle.users[0]
        let slug = PathSlug.slug(user.id)
        let page = try String(contentsOfFile: settings.out + "/users/\(slug).html", encoding: .utf8)
        #expect(page.contains("reclens figure users/\(slug).html"))
        #expect(!page.contains("figures/user-"))

        // `reclens figure` writes that page's charts: one SVG + CSV per inline chart and per
        // explanation table (the heatmap it tabulates), valid XML.
        let out = folder.url.appendingPathComponent("figures").path
        let command = try FigureCommand.parse(["users/\(slug).html", "--artifacts", settings.artifacts, "--out", out,
                                               "--templates", settings.templates!])
        let written = try command.write()
        let charts = page.components(separatedBy: "<svg ").count - 1
        let tables = page.components(separatedBy: "<table class=\"compact list xt\"").count - 1
        #expect(charts > 1 && tables > 1)
        #expect(written.count == 2 * (charts + tables))
        #expect(written.filter { $0.hasSuffix("-attribution.svg") }.count == tables)
        for path in written where path.hasSuffix(".svg") {
            let svg = try String(contentsOfFile: path, encoding: .utf8)
            #expect(svg.hasPrefix("<?xml"))
            #expect(FileManager.default.fileExists(atPath: String(path.dropLast(4)) + ".csv"))
        }
        // An unknown page is a clear error.
        let bad = try FigureCommand.parse(["users/no-such-user.html", "--artifacts", settings.artifacts, "--out", out,
                                           "--templates", settings.templates!])
        #expect(throws: DataError.self) { try bad.write() }

        // `--figures` (pageFigures) writes them all into figures/ and links them.
        let full = folder.url.appendingPathComponent("full").path
        try SiteBuild.render(bundle, templates: TemplateLoader.load(directory: settings.templates), out: full,
                             progress: Progress(quiet: true), pageFigures: true)
        let fullFiles = Self.files(under: full)
        #expect(fullFiles.contains("figures/user-\(slug)-timeline.svg"))
        // … and each explanation table links its heatmap's SVG and CSV.
        let fullPage = try String(contentsOfFile: full + "/users/\(slug).html", encoding: .utf8)
        for file in written where file.hasSuffix("-attribution.svg") {
            let name = URL(fileURLWithPath: file).lastPathComponent
            #expect(fullPage.contains("href=\"../figures/\(name)\""))
            #expect(fullFiles.contains("figures/\(name)"))
        }
        #expect(try SiteChecker().check(directory: URL(fileURLWithPath: full)).isEmpty)
    }

    /// Paper figures: at single (3.5 in) and double (7 in) column, every text prints at 8 pt or
    /// more (font-size × inches·72 / viewBox width), the SVG states its physical width, and the
    /// title is left out unless asked for.
    @Test func paperFiguresPrintEveryTextAtEightPointsOrMore() throws {
        let (_, settings, bundle) = try Self.shared.get()
        let folder = try TemporaryFolder()
        let pages = ["users/\(PathSlug.slug(bundle.users[0].id)).html", "items/\(PathSlug.slug(bundle.dataset.items[0].id)).html",
                     "models/\(PathSlug.slug(bundle.models[0].name)).html"]
        for (column, inches) in [("single", 3.5), ("double", 7.0)] {
            let out = folder.url.appendingPathComponent(column).path
            let written = try FigureCommand.parse(pages + ["--artifacts", settings.artifacts, "--out", out, "--templates", settings.templates!,
                                                           "--column", column]).write()
            let svgs = written.filter { $0.hasSuffix(".svg") }
            #expect(svgs.count >= 4)
            for path in svgs {
                #expect(path.hasSuffix(column == "single" ? "-3.5in.svg" : "-7in.svg"))
                let svg = try String(contentsOfFile: path, encoding: .utf8)
                let viewBox = try #require(svg.firstMatch(of: /viewBox="0 0 ([0-9.]+) [0-9.]+"/))
                let width = try #require(Double(viewBox.1))
                #expect(svg.contains("width=\"\(column == "single" ? "3.5" : "7.0")00in\"") || svg.contains("width=\"\(inches == 3.5 ? "3.5" : "7")in\""))
                let sizes = svg.matches(of: /font-size="([0-9.]+)"/).compactMap { Double($0.1) }
                #expect(!sizes.isEmpty)
                for size in sizes { #expect(size * inches * 72 / width >= 8 - 1e-9, "\(path): font-size \(size) prints below 8 pt") }
                #expect(!svg.contains("class=\"rl-title\""))
            }
        }
        let titled = try FigureCommand.parse([pages[2], "--artifacts", settings.artifacts, "--out", folder.url.appendingPathComponent("t").path,
                                              "--templates", settings.templates!, "--column", "single", "--title"]).write()
        #expect(try titled.filter { $0.hasSuffix(".svg") }.allSatisfy { try String(contentsOfFile: $0, encoding: .utf8).contains("class=\"rl-title\"") })
        #expect(throws: DataError.self) {
            try FigureCommand.parse([pages[2], "--artifacts", settings.artifacts, "--out", folder.url.path, "--formats", "svg,eps"]).write()
        }
    }

    static var hasRSVGConvert: Bool { (try? FigureCommand.rsvgConvert()) != nil }

    /// PDF and PNG beside the SVG through rsvg-convert (skipped where librsvg2-bin is missing).
    @Test(.enabled(if: hasRSVGConvert, "rsvg-convert (librsvg2-bin) is not installed"))
    func paperFiguresAsPDFAndPNG() throws {
        let (_, settings, bundle) = try Self.shared.get()
        let folder = try TemporaryFolder()
        let page = "items/\(PathSlug.slug(bundle.dataset.items[0].id)).html"
        let written = try FigureCommand.parse([page, "--artifacts", settings.artifacts, "--out", folder.url.path, "--templates", settings.templates!,
                                               "--column", "single", "--formats", "pdf,png"]).write()
        let pdfs = written.filter { $0.hasSuffix(".pdf") }, pngs = written.filter { $0.hasSuffix(".png") }
        #expect(!pdfs.isEmpty && pdfs.count == pngs.count)
        #expect(!written.contains { $0.hasSuffix(".svg") })
        for pdf in pdfs { #expect(try Data(contentsOf: URL(fileURLWithPath: pdf)).prefix(5) == Data("%PDF-".utf8)) }
        for png in pngs {
            let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: png)))
            #expect(bytes.prefix(4) == [0x89, 0x50, 0x4E, 0x47])
            // IHDR width (big-endian at byte 16): 3.5 in at 300 dpi.
            let width = bytes[16..<20].reduce(0) { $0 << 8 | Int($1) }
            #expect(abs(width - 1050) <= 1)
        }
    }

    /// Every user page: the events a reason names are columns of the explanation table beside
    /// it, every row of that table has one labelled cell per column, and the score the reason
    /// quotes is the one in the table (or, for a re-fitted explanation, it quotes the table's
    /// score as well).
    @Test func narrativesNameOnlyWhatTheChartAndTableShow() throws {
        let (_, settings, bundle) = try Self.shared.get()
        var checkedReasons = 0, checkedScores = 0, checkedTables = 0
        for user in bundle.users {
            let page = try String(contentsOfFile: settings.out + "/users/\(PathSlug.slug(user.id)).html", encoding: .utf8)
            for section in page.components(separatedBy: "<section id=\"model-").dropFirst() {
                guard let table = Self.between(section, "<table class=\"compact list xt\"", "</table>").first else { continue }
                let columns = Self.between(table, "<th scope=\"col\" class=\"ev\">", "</th>").map { header -> String in
                    let title = String(header.components(separatedBy: "</span>").dropFirst().joined(separator: "</span>"))
                    return (Self.between(title, "\">", "</a>").first ?? title).replacingOccurrences(of: "&#39;", with: "'")
                        .replacingOccurrences(of: "&amp;", with: "&").replacingOccurrences(of: "&lt;", with: "<")
                        .replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&quot;", with: "\"")
                }
                let rows = Self.between(table, "<tr><td>", "</tr>")
                #expect(!columns.isEmpty && rows.count > 0, "user \(user.id): an explanation table without columns or rows")
                for row in rows {
                    // Rank, item and score cells have no class; every attribution cell has one.
                    let cells = row.components(separatedBy: "<td class=\"").dropFirst()
                    #expect(cells.count == columns.count, "user \(user.id): a row has \(cells.count) cells for \(columns.count) columns")
                    // Every coloured cell carries its value, negatives as well as positives.
                    for cell in cells where !cell.hasPrefix("\">") {
                        #expect(cell.contains("\">") && !cell.hasSuffix("\"></td>"), "user \(user.id): an unlabelled cell \(cell)")
                    }
                }
                checkedTables += 1
                let reasons = Self.between(section, "<p class=\"reason\">", "</p>")
                guard let reason = reasons.first else { continue }
                let quoted = Self.between(reason, "“", "”").map {
                    $0.replacingOccurrences(of: "&#39;", with: "'").replacingOccurrences(of: "&amp;", with: "&")
                        .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&quot;", with: "\"")
                }
                guard quoted.count > 1 else { continue }
                for name in quoted.dropFirst() where !name.contains("older events") {
                    #expect(columns.contains(name), "user \(user.id): “\(name)” is named but not a column of the table (\(columns))")
                }
                checkedReasons += 1
                // The score column: the third cell of each row of the list.
                let numbers = Self.between(section, "<tr><td>", "</tr>").compactMap { row in
                    row.components(separatedBy: "<td>").dropFirst(2).first.map { String($0.prefix { $0 != "<" }) }
                }
                for marker in ["the trained model's score in the table is ", "of its score "] {
                    if let range = reason.range(of: marker) {
                        let number = String(reason[range.upperBound...].prefix { $0.isNumber || $0 == "." || $0 == "-" })
                        let value = number.hasSuffix(".") ? String(number.dropLast()) : number
                        #expect(numbers.contains(value), "user \(user.id): the reason quotes \(value), not in the table")
                        checkedScores += 1
                        break
                    }
                }
            }
        }
        #expect(checkedReasons > bundle.users.count)
        #expect(checkedTables >= checkedReasons)
        #expect(checkedScores > 0)
    }

    /// The substrings between each `open` and the next `close`.
    static func between(_ text: String, _ open: String, _ close: String) -> [String] {
        var result: [String] = []
        var rest = text[...]
        while let start = rest.range(of: open), let end = rest[start.upperBound...].range(of: close) {
            result.append(String(rest[start.upperBound..<end.lowerBound]))
            rest = rest[end.upperBound...]
        }
        return result
    }

    @Test func buildingIntoATrackedSiteFolderLeavesTheCheckoutClean() throws {
        guard let git = ["/usr/bin/git", "/usr/local/bin/git"].first(where: FileManager.default.isExecutableFile) else {
            Issue.record("git is required for this test")
            return
        }
        let folder = try TemporaryFolder()
        let root = folder.url.path
        func run(_ arguments: [String]) throws -> String {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: git)
            process.arguments = ["-C", root] + arguments
            let pipe = Pipe()
            process.standardOutput = pipe
            process.standardError = pipe
            try process.run()
            process.waitUntilExit()
            let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            #expect(process.terminationStatus == 0, "git \(arguments.joined(separator: " ")): \(output)")
            return output
        }
        // The repository's own .gitignore and tracked site/ files, as in a fresh clone.
        let repository = SharedData.repositoryRoot
        try FileManager.default.createDirectory(atPath: root + "/site", withIntermediateDirectories: true)
        for path in [".gitignore", "site/README.md", "site/.gitkeep"] {
            try FileManager.default.copyItem(atPath: repository.appendingPathComponent(path).path, toPath: root + "/" + path)
        }
        _ = try run(["init", "-q"])
        _ = try run(["add", "-A"])
        _ = try run(["-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "-m", "checkout"])
        var settings = SiteBuildTests.settings(in: folder.url)
        // What is written does not matter here, only where: two quick models, no benchmark.
        settings.models = ["popularity", "itemknn"]
        settings.fidelityUsers = 0
        settings.out = root + "/site"
        settings.artifacts = root + "/.reclens"
        try SiteBuild.build(settings: settings, progress: Progress(quiet: true))
        #expect(FileManager.default.fileExists(atPath: root + "/site/index.html"))
        #expect(try run(["status", "--porcelain"]).isEmpty)
    }
}
