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

    @Option(name: .long, help: ArgumentHelp("Lay the charts out for a paper column: single (3.5 in) or double (7 in), every text at least 8 pt at that size, no title (--title keeps it). Default: the web layout (720 px).", valueName: "width"))
    var column: PaperColumn?

    @Flag(name: .long, help: "Keep the chart titles in paper figures (papers usually put them in the caption).")
    var title = false

    @Option(name: .long, help: ArgumentHelp("Formats beside the CSV: svg, pdf, png (comma-separated; pdf and png through rsvg-convert from librsvg2-bin, PNG at 300 dpi). Default: svg.", valueName: "list"))
    var formats = "svg"

    /// The paper columns of `--column`.
    enum PaperColumn: String, ExpressibleByArgument, CaseIterable {
        case single, double
        var inches: Double { self == .single ? 3.5 : 7 }
    }

    func run() throws {
        try reportingErrors {
            for path in try write() { print(path) }
        }
    }

    /// Writes the files; returns their paths.
    func write() throws -> [String] {
        let wanted = formats.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        for format in wanted where !["svg", "pdf", "png"].contains(format) {
            throw DataError(file: "--formats", "unknown format \"\(format)\"; expected svg, pdf or png")
        }
        let converter = wanted.contains("pdf") || wanted.contains("png") ? try Self.rsvgConvert() : nil
        let layout = column.map { FigureLayout.paper(inches: $0.inches, showsTitle: title) }
        let bundle = try ArtifactStore.read(from: artifacts)
        let renderer = try TemplateLoader.load(directory: templates).renderer()
        var files: [(String, String)] = []
        for page in pages {
            let figures = try FigureLayout.$current.withValue(layout ?? FigureLayout()) { try renderer.figures(ofPage: page, in: bundle) }
            guard let found = figures else {
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
        let suffix = column.map { $0 == .single ? "-3.5in" : "-7in" } ?? ""
        var written: [String] = []
        for (path, text) in files {
            let name = (path as NSString).lastPathComponent
            let isSVG = name.hasSuffix(".svg")
            if isSVG && !wanted.contains("svg") && converter == nil { continue }
            let stem = isSVG ? String(name.dropLast(4)) + suffix : String(name.dropLast(4))
            let url = folder.appendingPathComponent(stem + (isSVG ? ".svg" : ".csv"))
            do {
                try Data(text.utf8).write(to: url)
            } catch {
                throw DataError(file: url.path, "cannot write: \(error.localizedDescription)")
            }
            if !isSVG || wanted.contains("svg") { written.append(url.path) }
            guard isSVG, let converter else { continue }
            for format in ["pdf", "png"] where wanted.contains(format) {
                let target = folder.appendingPathComponent(stem + "." + format).path
                try Self.convert(url.path, to: target, format: format, with: converter)
                written.append(target)
            }
            if !wanted.contains("svg") { try? FileManager.default.removeItem(at: url) }
        }
        return written
    }

    /// The path of rsvg-convert, or a clear error.
    static func rsvgConvert() throws -> String {
        for directory in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":") {
            let path = "\(directory)/rsvg-convert"
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        throw DataError(file: "--formats", "pdf and png need rsvg-convert (Debian: apt-get install -y librsvg2-bin); it is not on PATH")
    }

    /// `svg` as PDF (vector) or PNG (300 dpi) through rsvg-convert.
    static func convert(_ svg: String, to target: String, format: String, with converter: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: converter)
        process.arguments = ["--format", format] + (format == "png" ? ["--dpi-x", "300", "--dpi-y", "300"] : []) + ["--output", target, svg]
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            throw DataError(file: svg, "rsvg-convert could not make a \(format.uppercased()): \(message.trimmingCharacters(in: .whitespacesAndNewlines))")
        }
    }
}
