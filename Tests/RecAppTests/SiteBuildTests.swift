import Foundation
import RecApp
import RecCheck
import RecCore
import RecTestSupport
import Testing
@testable import RecRender

/// End-to-end: a small synthetic build into a temporary folder, checked, rebuilt, re-rendered.
@Suite(.serialized) struct SiteBuildTests {
    static func settings(in folder: URL, seed: UInt64 = 7) -> BuildSettings {
        var s = BuildSettings()
        s.synthetic.users = 60
        s.synthetic.items = 150
        s.synthetic.interactions = 3_000
        s.seed = seed
        s.users = .count(25)
        // The fidelity benchmark is exercised on a few users: debug builds re-fit fold-ins slowly.
        s.fidelityUsers = 8
        s.out = folder.appendingPathComponent("site").path
        s.artifacts = folder.appendingPathComponent("artifacts").path
        s.templates = SharedData.repositoryRoot.appendingPathComponent("templates").path
        s.quiet = true
        return s
    }

    static func hashes(_ folder: String) throws -> [String: String] {
        var result: [String: String] = [:]
        let enumerator = FileManager.default.enumerator(atPath: folder)!
        while let relative = enumerator.nextObject() as? String {
            var isDirectory: ObjCBool = false
            let path = folder + "/" + relative
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else { continue }
            result[relative] = fnv1a(Array(FileManager.default.contents(atPath: path)!))
        }
        return result
    }

    static func fnv1a(_ bytes: [UInt8]) -> String {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for b in bytes { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01B3 }
        return String(h, radix: 16)
    }

    @Test func builtSiteHasEveryPageAndPassesTheCheck() throws {
        let folder = try TemporaryFolder()
        let settings = Self.settings(in: folder.url)
        let bundle = try SiteBuild.build(settings: settings, progress: Progress(quiet: true))
        let fm = FileManager.default
        #expect(fm.fileExists(atPath: settings.out + "/index.html"))
        #expect(fm.fileExists(atPath: settings.out + "/style.css"))
        #expect(fm.fileExists(atPath: settings.out + "/models/itemknn.html"))
        #expect(bundle.users.count == 25)
        for user in bundle.users { #expect(fm.fileExists(atPath: settings.out + "/users/\(PathSlug.slug(user.id)).html")) }
        for item in bundle.dataset.items { #expect(fm.fileExists(atPath: settings.out + "/items/\(PathSlug.slug(item.id)).html")) }
        let problems = try SiteChecker().check(directory: URL(fileURLWithPath: settings.out))
        #expect(problems.isEmpty, "\(problems.prefix(5))")
        // The leaderboard shows both models and every metric column.
        let index = try String(contentsOfFile: settings.out + "/index.html", encoding: .utf8)
        for needle in ["NDCG@10", "HitRate@10", "Recall@10", "MRR@10", "Coverage@10", "models/popularity.html", "models/itemknn.html"] {
            #expect(index.contains(needle), "index.html lacks \(needle)")
        }
        // Every per-user mean of the leaderboard shows its interval, which is the artifact's and
        // contains the mean; the paired tests name the best of each tested column.
        for model in bundle.models {
            let u = try #require(model.uncertainty?[LeaderboardMetric.ndcg.key])
            #expect(u.low <= model.metrics.ndcg && model.metrics.ndcg <= u.high)
            #expect(index.contains("\(Display.metric(model.metrics.ndcg))<span class=\"ci\">\(Display.metric(u.low))–\(Display.metric(u.high))</span>"))
        }
        #expect(bundle.models.filter { $0.uncertainty?[LeaderboardMetric.ndcg.key]?.versusBest == nil }.count == 1)
        #expect(index.contains("Which differences are significant"))
        // No temporary folders are left next to the site (the model cache is not one).
        let leftovers = try fm.contentsOfDirectory(atPath: folder.url.path).filter { $0.hasPrefix(".") && $0 != ".reclens-cache" }
        #expect(leftovers.isEmpty)
    }

    @Test func sameInputAndSeedGiveByteIdenticalSites() throws {
        let a = try TemporaryFolder(), b = try TemporaryFolder()
        try SiteBuild.build(settings: Self.settings(in: a.url), progress: Progress(quiet: true))
        try SiteBuild.build(settings: Self.settings(in: b.url), progress: Progress(quiet: true))
        let ha = try Self.hashes(a.url.path + "/site"), hb = try Self.hashes(b.url.path + "/site")
        #expect(ha.count > 100)
        #expect(ha == hb)
        #expect(try Self.hashes(a.url.path + "/artifacts") == Self.hashes(b.url.path + "/artifacts"))
        // A different seed changes the site.
        let c = try TemporaryFolder()
        try SiteBuild.build(settings: Self.settings(in: c.url, seed: 8), progress: Progress(quiet: true))
        #expect(try Self.hashes(c.url.path + "/site") != ha)
    }

    /// Names the bundled templates may look up and not find on a site: sections and values for
    /// what a site can lack (an imported model, the attribution network, `--figures`, a model whose
    /// explanations are all tables, an item without neighbours, …). Anything else unresolved in a
    /// bundled template is a typo that renders as nothing.
    static let optionalTemplateNames: Set<String> = ["imported", "intrinsic", "file", "hasBars"]

    @Test func renderFromArtifactsReproducesTheBuiltSiteAndNamesUnresolvedTags() throws {
        let folder = try TemporaryFolder()
        let settings = Self.settings(in: folder.url)
        try SiteBuild.build(settings: settings, progress: Progress(quiet: true))
        let rendered = folder.url.appendingPathComponent("rendered").path
        let bundle = try ArtifactStore.read(from: settings.artifacts)
        let bundled = try TemplateLoader.load(directory: settings.templates)
        #expect(try SiteBuild.render(bundle, templates: bundled, out: rendered, progress: Progress(quiet: true)).isEmpty)
        #expect(try Self.hashes(rendered) == Self.hashes(settings.out))

        // Every tag of the bundled templates that a page looked up found a value on some page,
        // apart from the optional names.
        let renderer = try bundled.renderer()
        _ = renderer.render(bundle)
        let unresolved = renderer.unresolvedTags()
        #expect(unresolved.allSatisfy { Self.optionalTemplateNames.contains($0.name) }, "\(unresolved)")

        // A restyled user template that still loops over the table's cells (markup since artifact
        // schema 5) and an item template with a typo: each tag is named with its file and line.
        let restyled = folder.url.appendingPathComponent("restyled").path
        try FileManager.default.copyItem(atPath: settings.templates!, toPath: restyled)
        func edit(_ name: String, _ old: String, _ new: String) throws -> Int {
            let path = restyled + "/" + name + ".mustache"
            let text = try String(contentsOfFile: path, encoding: .utf8)
            let line = try #require(text.components(separatedBy: "\n").firstIndex { $0.contains(old) }) + 1
            try text.replacingOccurrences(of: old, with: new).write(toFile: path, atomically: true, encoding: .utf8)
            return line
        }
        let cellsLine = try edit("user", "{{{cells}}}", "{{#cells}}<td class=\"{{tone}}\">{{label}}</td>{{/cells}}")
        let titleLine = try edit("item", "<h1>{{item.title}}", "<h1>{{item.titel}}")
        let warned = try SiteBuild.render(bundle, templates: TemplateLoader.load(directory: restyled), out: rendered, progress: Progress(quiet: true))
        #expect(warned == [
            UnresolvedTag(template: "item", line: titleLine, name: "item.titel"),
            UnresolvedTag(template: "user", line: cellsLine, name: "tone"),
            UnresolvedTag(template: "user", line: cellsLine, name: "label"),
        ])
    }

    @Test func titlesFromDataAreEscapedEverywhere() throws {
        let folder = try TemporaryFolder()
        var settings = Self.settings(in: folder.url)
        settings.users = .all
        let bundle = try SiteBuild.build(settings: settings, progress: Progress(quiet: true))
        let hostile = bundle.dataset.items.filter { $0.title.contains("<") }
        #expect(!hostile.isEmpty, "the synthetic catalogue must contain titles with markup characters")
        for item in hostile.prefix(5) {
            let page = try String(contentsOfFile: settings.out + "/items/\(PathSlug.slug(item.id)).html", encoding: .utf8)
            #expect(!page.contains(item.title))
            #expect(page.contains(item.title.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;").replacingOccurrences(of: "'", with: "&#39;")))
        }
        // No page anywhere contains an unescaped script tag from data.
        let enumerator = FileManager.default.enumerator(atPath: settings.out)!
        while let relative = enumerator.nextObject() as? String {
            guard relative.hasSuffix(".html") || relative.hasSuffix(".svg") else { continue }
            let text = try String(contentsOfFile: settings.out + "/" + relative, encoding: .utf8)
            #expect(!text.contains("<script"), "\(relative) contains a raw <script")
        }
    }
}

extension SiteBuildTests {
    @Test(.enabled(if: SharedData.movieLens("ml-100k") != nil)) func movieLens100kSiteShowsItsCountsAndPassesTheCheck() throws {
        let folder = try TemporaryFolder()
        var settings = Self.settings(in: folder.url)
        settings.data = SharedData.movieLens("ml-100k")!.path
        settings.users = .count(20)
        // Debug builds train the gradient-descent models slowly; this test is about the data path.
        settings.models = ["popularity", "itemknn", "als"]
        let bundle = try SiteBuild.build(settings: settings, progress: Progress(quiet: true))
        #expect(bundle.dataset.userCount == 943 && bundle.dataset.itemCount == 1682)
        let index = try String(contentsOfFile: settings.out + "/index.html", encoding: .utf8)
        #expect(index.contains("<dt>Users</dt><dd>943</dd>"))
        #expect(index.contains("<dt>Items</dt><dd>1,682</dd>"))
        #expect(try SiteChecker().check(directory: URL(fileURLWithPath: settings.out)).isEmpty)
    }
}

/// A temporary folder removed when the value is released.
final class TemporaryFolder {
    let url: URL
    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("reclens-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }
    deinit { try? FileManager.default.removeItem(at: url) }
}
