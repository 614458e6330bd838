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
        // Parsed before any training, so that a broken template fails at once.
        let renderer = try TemplateLoader.load(directory: settings.templates).renderer(pageFigures: settings.pageFigures)
        let bundle = try BuildPipeline(settings: settings, progress: progress).run()
        let written = Date()
        try ArtifactStore.write(bundle, to: settings.artifacts)
        progress.step("wrote artifacts to \(settings.artifacts) (\(seconds(since: written)))")
        if let shard = settings.shard {
            // A shard's site would be a fraction of one: the shards are rendered together.
            progress.step("shard \(shard.index)/\(shard.count) done; once every shard is, render them together: reclens render --artifacts SHARD1 … --artifacts SHARD\(shard.count)")
            return bundle
        }
        try render(bundle, renderer: renderer, out: settings.out, progress: progress)
        return bundle
    }

    /// Renders artifacts, checks the pages in a temporary folder and moves the site into place.
    public static func render(_ bundle: ArtifactBundle, templates: TemplateSet, out: String, progress: Progress,
                              pageFigures: Bool = false) throws {
        try render(bundle, renderer: templates.renderer(pageFigures: pageFigures), out: out, progress: progress)
    }

    /// ``render(_:templates:out:progress:pageFigures:)`` with the templates already parsed.
    static func render(_ bundle: ArtifactBundle, renderer: SiteRenderer, out: String, progress: Progress) throws {
        let started = Date()
        let pages = renderer.render(bundle, progress: { done, total in progress.update("rendering pages", done: done, total: total) })
        let elapsed = Date().timeIntervalSince(started), htmlPages = pages.keys.count { $0.hasSuffix(".html") }
        progress.step("rendered \(pages.count) files (\(seconds(since: started)); \(htmlPages) pages, \(Int((Double(htmlPages) / max(elapsed, 1e-9)).rounded())) pages/s)")
        let checkStarted = Date()
        try AtomicDirectoryWriter.write(files: pages, to: out) { temporary in
            let problems = try SiteChecker().check(directory: URL(fileURLWithPath: temporary))
            if !problems.isEmpty { throw SiteCheckFailure(problems: problems.map(\.description)) }
        }
        progress.step("checked and wrote the site to \(out)/index.html (\(seconds(since: checkStarted)))")
    }
}
