internal import CLibXML2

/// Validates a generated static site: every HTML page parses, every SVG is well-formed SVG,
/// internal links and anchors resolve, nothing is loaded from outside the site, ids are unique
/// per page and every `<svg>` is labelled.
///
/// Checks, each reported as a ``SiteProblem`` (file relative to the site root, 1-based line):
/// 1. `*.html`/`*.htm` parse with libxml2's HTML parser; its "Tag nav invalid" notices
///    (code 801, expected for HTML5 elements) are ignored, every other message is reported.
/// 2. `*.svg` parse with libxml2's XML parser, root `<svg>` in the SVG namespace.
/// 3. Relative links (`href` of `a`/`area`/`link`, `src` of any element, `href`/`xlink:href`
///    of SVG `a`/`use`/`image`, `data` of `object`, CSS `url()`/`@import`) resolve to a file
///    (a folder only when it has `index.html`): "broken link: X". A fragment must name an `id`
///    or `<a name>` of the target page ("#top" is always fine in HTML): "missing anchor: #y
///    in Z". Stylesheet links and `url()`s inside `.css` files are checked the same way.
/// 4. Resources (everything but `a`/`area` navigation) must not be `http:`, `https:`, `ftp:`,
///    `file:` or `//` URLs, in attributes, `<style>`, `style` attributes and `.css` files:
///    "external resource: URL". `mailto:`, `data:` and links to other websites are fine.
/// 5. `id`s are unique within a page: "duplicate id: X".
/// 6. Every `<svg>` has a `<title>` child or a non-empty `aria-label` ("svg without title or
///    aria-label"); decorative `<svg aria-hidden="true">` is exempt.
///
/// Each file is read in one pass (HTML streamed through libxml2's SAX interface, SVG parsed
/// into a tree and walked once); files are checked in parallel, links resolved afterwards.
public struct SiteChecker: Sendable {
    /// Creates a checker. It holds no state; one value can check any number of sites.
    public init() {}

    /// The libxml2 version RecCheck was compiled against, e.g. "2.9.14".
    public static var libxmlVersion: String { String(cString: reclens_libxmlVersion()) }

    /// Checks every file of a site held in memory.
    ///
    /// - Parameter files: relative path ("users/12.html", "figures/x.svg", "style.css") → bytes.
    ///   A leading `./` or `/` in a path is ignored.
    /// - Returns: the problems sorted by file, line and message; the same input always gives
    ///   the same output.
    /// - Complexity: one pass per file (HTML is streamed through libxml2's SAX interface, SVG
    ///   parsed into a tree and walked once), files spread over all cores.
    public func check(files: [String: [UInt8]]) -> [SiteProblem] {
        check(paths: Array(files.keys)) { files[$0] }!
    }

    /// Checks the files at `paths`, reading each one's bytes with `read` when its turn comes and
    /// letting them go once it is scanned (only anchors, links and problems are kept), so a site
    /// on disk is never held in memory as a whole. Nil when `read` returns nil for a path.
    func check(paths: [String], read: @Sendable (String) -> [UInt8]?) -> [SiteProblem]? {
        LibXMLParser.initialize()
        let entries = paths
            .map { (path: SiteIndex.normalizedKey($0), source: $0) }
            .sorted { $0.path < $1.path }
        let allFacts = entries.concurrentMap { entry -> FileFacts? in
            read(entry.source).map { FileChecker.facts(file: entry.path, bytes: $0) }
        }
        guard allFacts.allSatisfy({ $0 != nil }) else { return nil }
        let facts = allFacts.map { $0! }

        var index = SiteIndex(entries: [:])
        index.entries.reserveCapacity(entries.count)
        for (entry, facts) in zip(entries, facts) {
            index.entries[entry.path] = SiteIndex.Entry(anchors: facts.anchors)
        }
        let siteIndex = index
        let pages = zip(entries, facts).map { (file: $0.0.path, links: $0.1.links) }
        let linkProblems = pages.concurrentMap(chunkSize: 32) { page in
            let folder = SiteIndex.folder(of: page.file)
            return page.links.compactMap { siteIndex.problem(with: $0, in: page.file, folder: folder) }
        }

        let problems = facts.flatMap(\.problems) + linkProblems.joined()
        return problems.sorted {
            ($0.file, $0.line, $0.message) < ($1.file, $1.line, $1.message)
        }
    }
}
