import ArgumentParser
import Foundation
import RecCheck
import RecCore
import RecRender

/// `reclens build`: data → models → attributions → artifacts → checked site.
struct BuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Train the models, explain their recommendations and write the site.",
        discussion: """
            Loads the dataset (or generates the embedded synthetic one), filters and splits it, trains \
            the models, evaluates them, explains the recommendations of the selected users, writes the \
            artifacts, renders the site into a temporary folder, checks it and moves it into place. \
            Bad input exits with code 2 and leaves the previous site untouched.
            """)

    @OptionGroup var options: BuildOptions

    func run() throws {
        try reportingErrors {
            let settings = try options.resolve()
            try SiteBuild.build(settings: settings, progress: Progress(quiet: settings.quiet))
        }
    }
}

/// The build and render steps shared by commands and the benchmark.
public enum SiteBuild {
    /// Runs the whole build; returns the artifacts it wrote.
    @discardableResult
    public static func build(settings: BuildSettings, progress: Progress) throws -> ArtifactBundle {
        let whole = Stopwatch()
        // Parsed before any training, so that a broken template fails at once.
        let templates = try TemplateLoader.load(directory: settings.templates)
        let renderer = try templates.renderer(pageFigures: settings.pageFigures)
        let bundle = try BuildPipeline(settings: settings, progress: progress).run()
        let written = Stopwatch()
        try ArtifactStore.write(bundle, to: settings.artifacts)
        progress.step("wrote artifacts to \(settings.artifacts) (\(written.description))")
        if let shard = settings.shard {
            // A shard's site would be a fraction of one: the shards are rendered together.
            progress.step("shard \(shard.index)/\(shard.count) done; once every shard is, render them together: reclens render --artifacts SHARD1 … --artifacts SHARD\(shard.count)")
            return bundle
        }
        try render(bundle, renderer: renderer, templates: templates, out: settings.out, progress: progress)
        progress.step("built in \(whole.description)")
        return bundle
    }

    /// Renders artifacts, checks the pages in a temporary folder and moves the site into place.
    /// Returns the templates' own tags that never found a value (``unknownTags(_:)``), which it
    /// also prints as warnings.
    @discardableResult
    public static func render(_ bundle: ArtifactBundle, templates: TemplateSet, out: String, progress: Progress,
                              pageFigures: Bool = false) throws -> [UnresolvedTag] {
        try render(bundle, renderer: templates.renderer(pageFigures: pageFigures), templates: templates, out: out, progress: progress)
    }

    /// ``render(_:templates:out:progress:pageFigures:)`` with the templates already parsed.
    @discardableResult
    static func render(_ bundle: ArtifactBundle, renderer: SiteRenderer, templates: TemplateSet, out: String, progress: Progress) throws -> [UnresolvedTag] {
        // Each page is written into the temporary folder as soon as it is rendered, and the check
        // reads the files back one at a time: the site is never held in memory as a whole (the
        // ML-1M shape's 712 MB site was held twice at the end of a build).
        var checkStarted = Stopwatch()
        try AtomicDirectoryWriter.write(to: out, validate: { temporary in
            checkStarted = Stopwatch()
            let problems = try SiteChecker().check(directory: URL(fileURLWithPath: temporary))
            if !problems.isEmpty { throw SiteCheckFailure(problems: problems.map(\.description)) }
        }, produce: { sink in
            let started = Stopwatch(), files = ConcurrentCounter(), pages = ConcurrentCounter()
            renderer.render(bundle, progress: { done, total in progress.update("rendering pages", done: done, total: total) }) { path, text in
                sink.write(path, text)
                _ = files.add(1)
                if path.hasSuffix(".html") { _ = pages.add(1) }
            }
            let elapsed = started.elapsed, htmlPages = pages.add(0)
            progress.step("rendered and wrote \(files.add(0)) files (\(started.description); \(htmlPages) pages, \(Int((Double(htmlPages) / max(elapsed, 1e-9)).rounded())) pages/s)")
        })
        progress.step("checked the site and moved it to \(out)/index.html (\(checkStarted.description))")
        let unknown = unknownTags(renderer)
        for tag in unknown {
            let file = (templates.directory as NSString).appendingPathComponent(tag.template + ".mustache")
            printError("warning: \(file):\(tag.line): {{\(tag.name)}} found no value on any page (a typo, or a name the page data does not have), so it rendered as nothing")
        }
        return unknown
    }

    /// The tags that `renderer`'s pages looked up and never found, leaving out the names the
    /// bundled template of the same name uses: those are the page data's own names, and some are
    /// legitimately absent from a site (`{{#intrinsic}}` without the attribution network,
    /// `{{#file}}` without `--figures`). What is left is a restyled template's typo or a name the
    /// pages do not have, e.g. a loop over the explanation table's cells, which became one markup
    /// string with artifact schema 5 (`{{#cells}}{{label}}{{/cells}}` renders empty cells). With the bundled templates
    /// themselves this is always empty; without them (not found) every unresolved tag is kept.
    public static func unknownTags(_ renderer: SiteRenderer) -> [UnresolvedTag] {
        let unresolved = renderer.unresolvedTags()
        guard !unresolved.isEmpty else { return [] }
        let bundled = TemplateLoader.bundledDirectory()
            .flatMap { try? TemplateLoader.load(directory: $0).renderer().tagNames } ?? [:]
        return unresolved.filter { !(bundled[$0.template]?.contains($0.name) ?? false) }
    }
}
