import ArgumentParser
import Foundation
import RecCore
import RecRender

/// `reclens figure`: the charts of one or more site pages as standalone SVG + CSV files.
struct FigureCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "figure",
        abstract: "Write the charts of site pages as standalone SVG + CSV (for a paper).",
        discussion: """
            Reads the artifacts of a build and writes, for each page given by its path in the site \
            (users/1.html, items/50.html, models/als.html, index.html, explainers.html), every chart on \
            it as NAME.svg (light theme, fonts and styles embedded) and NAME.csv (the plotted values). \
            User and item pages do not carry these files in the site (a few files per page keep it \
            publishable); `reclens build --figures` writes them all.
            """)

    @Argument(help: ArgumentHelp("Pages of the site, e.g. users/1.html items/50.html.", valueName: "page"))
    var pages: [String]

    @Option(name: .long, help: ArgumentHelp("Artifact folder of a build. Default: .reclens.", valueName: "dir"))
    var artifacts = ".reclens"

    @Option(name: .long, help: ArgumentHelp("Folder for the files (created). Default: figures.", valueName: "dir"))
    var out = "figures"

    @Option(name: .long, help: ArgumentHelp("Template folder (*.mustache). Default: the bundled templates.", valueName: "dir"))
    var templates: String?

    func run() throws {
        try reportingErrors {
            for path in try write() { print(path) }
        }
    }

    /// Writes the files; returns their paths.
    func write() throws -> [String] {
        let bundle = try ArtifactStore.read(from: artifacts)
        let renderer = try SiteRenderer(templates: try TemplateLoader.load(directory: templates).files)
        var files: [(String, String)] = []
        for page in pages {
            guard let found = try renderer.figures(ofPage: page, in: bundle) else {
                let user = bundle.users.first.map { "users/\(PathSlug.slug($0.id)).html" } ?? "users/ID.html"
                let item = bundle.dataset.items.first.map { "items/\(PathSlug.slug($0.id)).html" } ?? "items/ID.html"
                throw DataError(file: page, "no such page in the site of \(artifacts); expected a page path such as \(user), \(item), models/NAME.html, index.html or explainers.html")
            }
            if found.isEmpty { throw DataError(file: page, "the page has no charts") }
            files += found
        }
        let folder = URL(fileURLWithPath: out)
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw DataError(file: out, "cannot create the folder: \(error.localizedDescription)")
        }
        var written: [String] = []
        for (path, text) in files {
            let url = folder.appendingPathComponent((path as NSString).lastPathComponent)
            do {
                try Data(text.utf8).write(to: url)
            } catch {
                throw DataError(file: url.path, "cannot write: \(error.localizedDescription)")
            }
            written.append(url.path)
        }
        return written
    }
}
