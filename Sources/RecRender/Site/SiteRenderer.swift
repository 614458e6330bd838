import Dispatch
import Foundation
import RecCore

/// The render half: artifacts + templates → every file of the site, as `[relativePath: text]`.
///
/// Pure (no file I/O): templates come in as strings, pages go out as strings. Pages render in
/// parallel; the output is byte-identical for the same artifacts and templates.
public struct SiteRenderer: Sendable {
    /// Template names every template folder must provide.
    public static let requiredTemplates = ["layout", "style", "index", "model", "user", "item", "users", "items", "models", "explainers", "partials/figure"]

    let library: TemplateLibrary
    /// The tags this renderer's pages looked up, and which of them found their name.
    let usage = TagUsage()
    /// Whether user and item pages write their charts as standalone `figures/*.svg` + `.csv`
    /// (off by default: one page file per user and item; `reclens figure` writes them on demand).
    public let pageFigures: Bool

    /// - Parameters:
    ///   - templates: template name (path without `.mustache`) → Mustache text.
    ///   - pageFigures: also write every user and item chart as a standalone SVG + CSV.
    /// - Throws: `TemplateError` naming a missing or unparsable template.
    public init(templates: [String: String], pageFigures: Bool = false) throws {
        self.pageFigures = pageFigures
        var library = TemplateLibrary()
        for name in templates.keys.sorted() {
            do {
                try library.register(templates[name]!, named: name)
            } catch let error as TemplateSyntaxError {
                throw TemplateError(template: name, line: error.line, message: error.message)
            }
        }
        for name in Self.requiredTemplates where !library.contains(name) {
            throw TemplateError(template: name, message: "missing template \(name).mustache")
        }
        self.library = library
    }

    func page(_ template: String, _ context: [String: Any]) -> String {
        library.render(context, withTemplate: template, usage: usage) ?? ""
    }

    /// The tags that the pages rendered so far looked up and that never found their name: in a
    /// restyled template, a typo or a name the page contexts do not have renders as nothing, and
    /// this is how the build and `render` commands point at it (`UnresolvedTag.description`:
    /// `user.mustache:42: {{name}}`).
    public func unresolvedTags() -> [UnresolvedTag] { library.unresolvedTags(usage) }

    /// Every template's tag names (template name → names as written).
    public var tagNames: [String: Set<String>] { library.tagNames }

    /// Renders every page, figure and the stylesheet. `progress(done, total)` is called from
    /// worker threads as pages finish.
    public func render(_ bundle: ArtifactBundle, progress: (@Sendable (Int, Int) -> Void)? = nil) -> [String: String] {
        let files = LockedFiles()
        render(bundle, progress: progress) { path, text in files.add(path, text) }
        return files.all
    }

    /// Renders every page, figure and the stylesheet, handing each file (site path, text) to
    /// `emit` as soon as its page is rendered, from the worker threads (a build writes it to disk
    /// there, so that the whole site is never held in memory). Each path is emitted once; the
    /// order varies between runs, the files do not.
    public func render(_ bundle: ArtifactBundle, progress: (@Sendable (Int, Int) -> Void)? = nil, emit: @Sendable (String, String) -> Void) {
        let index = SiteIndex(bundle)
        enum Job { case index, model(Int), user(Int), item(Int), userList, itemList, modelList, explainers(FidelityArtifact) }
        // The heaviest pages first (the explainers page, then the model pages), so that no long
        // page starts last and runs alone while the other thread idles.
        let jobs: [Job] = (index.hasFidelity ? [Job.explainers(bundle.fidelity!)] : []) + bundle.models.indices.map(Job.model)
            + [.index, .userList, .itemList, .modelList]
            + bundle.users.indices.map(Job.user) + bundle.dataset.items.indices.map(Job.item)
        let total = jobs.count
        let counter = ConcurrentCounter()
        let chunk = 32
        let chunks = (total + chunk - 1) / chunk
        emit("style.css", page("style", ["chartCSS": ChartStyle.css, "tableCSS": AttributionTable.css]))
        DispatchQueue.concurrentPerform(iterations: chunks) { c in
            for j in (c * chunk)..<min(total, (c + 1) * chunk) {
                let files: [(String, String)]
                switch jobs[j] {
                case .index: files = IndexPage(index: index).render(self)
                case .userList: files = [ListPages(index: index).users(self)]
                case .itemList: files = [ListPages(index: index).items(self)]
                case .modelList: files = [ListPages(index: index).models(self)]
                case .model(let m): files = ModelPage(index: index).render(bundle.models[m], renderer: self)
                case .user(let u): files = UserPage(index: index).render(bundle.users[u], renderer: self)
                case .item(let i): files = ItemPage(index: index).render(i, renderer: self)
                case .explainers(let fidelity): files = ExplainersPage(index: index).render(fidelity, renderer: self)
                }
                for (path, text) in files { emit(path, text) }
            }
            progress?(counter.add(min(chunk, total - c * chunk)), total)
        }
    }
}

/// The files of ``SiteRenderer/render(_:progress:)``, gathered from the worker threads.
private final class LockedFiles: @unchecked Sendable {
    private let lock = NSLock()
    private var files: [String: String] = [:]
    func add(_ path: String, _ text: String) { lock.withLock { files[path] = text } }
    var all: [String: String] { lock.withLock { files } }
}

extension SiteRenderer {
    /// The standalone figures (`figures/NAME.svg` and `.csv`) of one page, by its site path
    /// (`users/1.html`, `items/50.html`, `models/als.html`, `index.html`, `explainers.html`;
    /// the `.html` may be left out). Nil when the site has no such page.
    public func figures(ofPage path: String, in bundle: ArtifactBundle) throws -> [(String, String)]? {
        let renderer = try SiteRenderer(library: library, pageFigures: true)
        let index = SiteIndex(bundle)
        var page = path.hasPrefix("./") ? String(path.dropFirst(2)) : path
        if !page.hasSuffix(".html") { page += ".html" }
        let files: [(String, String)]
        let parts = page.split(separator: "/").map(String.init)
        func stem(_ name: String) -> String { String(name.dropLast(5)) }
        switch (parts.count, parts.first) {
        case (2, "users"):
            guard let user = bundle.users.first(where: { PathSlug.slug($0.id) == stem(parts[1]) }) else { return nil }
            files = UserPage(index: index).render(user, renderer: renderer)
        case (2, "items"):
            guard let i = index.itemSlugs.firstIndex(of: stem(parts[1])) else { return nil }
            files = ItemPage(index: index).render(i, renderer: renderer)
        case (2, "models"):
            guard let model = bundle.models.first(where: { PathSlug.slug($0.name) == stem(parts[1]) }) else { return nil }
            files = ModelPage(index: index).render(model, renderer: renderer)
        case (1, "index.html"):
            files = IndexPage(index: index).render(renderer)
        case (1, "explainers.html"):
            guard let fidelity = bundle.fidelity, index.hasFidelity else { return nil }
            files = ExplainersPage(index: index).render(fidelity, renderer: renderer)
        default:
            return nil
        }
        return files.filter { $0.0.hasPrefix("figures/") }
    }

    private init(library: TemplateLibrary, pageFigures: Bool) throws {
        self.library = library
        self.pageFigures = pageFigures
    }
}

/// A template that is missing or does not parse.
public struct TemplateError: Error, CustomStringConvertible {
    /// The template's name (its path in the folder without `.mustache`).
    public var template: String
    /// 1-based line of a syntax error; nil for a missing template.
    public var line: Int?
    public var message: String
    public var description: String { "\(template).mustache\(line.map { ":\($0)" } ?? ""): \(message)" }

    public init(template: String, line: Int? = nil, message: String) {
        (self.template, self.line, self.message) = (template, line, message)
    }
}

