import ArgumentParser
import RecCheck
import RecCore
import RecRender

/// `reclens render`: re-render a site from existing artifacts, without training.
struct RenderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Re-render the site from existing artifacts (no training).",
        discussion: "Reads only the artifact folder, so templates can be changed and the site re-rendered in seconds.")

    @Option(name: .long, help: ArgumentHelp("Artifact folder to read (repeat it for the shards of a sharded build, which are merged). Default: .reclens.", valueName: "dir"))
    var artifacts: [String] = []

    @Option(name: .long, help: ArgumentHelp("Site folder, replaced atomically. Default: site.", valueName: "dir"))
    var out = "site"

    @Option(name: .long, help: ArgumentHelp("Template folder (*.mustache). Default: the bundled templates.", valueName: "dir"))
    var templates: String?

    @Flag(name: .long, help: "Also write every user and item chart as a standalone SVG + CSV in figures/.")
    var figures = false

    @Flag(name: .long, help: "No progress output.")
    var quiet = false

    func run() throws {
        try reportingErrors {
            let progress = Progress(quiet: quiet)
            let templateSet = try TemplateLoader.load(directory: templates)
            let folders = artifacts.isEmpty ? [".reclens"] : artifacts
            let bundle = try ShardMerge.merge(try folders.map { (folder: $0, bundle: try ArtifactStore.read(from: $0)) })
            try SiteBuild.render(bundle, templates: templateSet, out: out, progress: progress, pageFigures: figures)
        }
    }
}
