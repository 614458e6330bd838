import Foundation
import RecTestSupport
import Testing

/// Runs the built `reclens` binary: exit codes, error messages, untouched previous site.
@Suite(.serialized) struct CLITests {
    static let binary = SharedData.repositoryRoot.appendingPathComponent(".build/debug/reclens").path

    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    @discardableResult
    static func run(_ arguments: [String], in folder: URL) throws -> Run {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        process.currentDirectoryURL = folder
        var environment = ProcessInfo.processInfo.environment
        environment["RECLENS_TEMPLATES"] = SharedData.repositoryRoot.appendingPathComponent("templates").path
        process.environment = environment
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self), stderr: String(decoding: stderr, as: UTF8.self))
    }

    static let small = ["--synthetic-size", "30,60,900", "--users", "5", "--fidelity-users", "6", "--quiet"]

    static func write(_ text: String, to url: URL) throws { try Data(text.utf8).write(to: url) }

    static func snapshot(_ folder: URL) -> [String: Data] {
        var result: [String: Data] = [:]
        let enumerator = FileManager.default.enumerator(atPath: folder.path)!
        while let relative = enumerator.nextObject() as? String {
            if let data = FileManager.default.contents(atPath: folder.path + "/" + relative) { result[relative] = data }
        }
        return result
    }

    /// Builds a good site, then runs `arguments`; expects exit 2, a message containing every
    /// needle, and the good site untouched.
    func expectBadInput(_ arguments: [String], mentions needles: [String], setup: (URL) throws -> Void = { _ in }) throws {
        let folder = try TemporaryFolder()
        try setup(folder.url)
        let good = try Self.run(["build"] + Self.small, in: folder.url)
        #expect(good.status == 0, "\(good.stderr)")
        let before = Self.snapshot(folder.url.appendingPathComponent("site"))
        #expect(!before.isEmpty)
        let bad = try Self.run(["build"] + Self.small + arguments, in: folder.url)
        #expect(bad.status == 2, "exit \(bad.status): \(bad.stderr)")
        for needle in needles { #expect(bad.stderr.contains(needle), "stderr lacks '\(needle)': \(bad.stderr)") }
        #expect(Self.snapshot(folder.url.appendingPathComponent("site")) == before, "the previous site changed")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.url.path).filter { $0.hasPrefix(".site") }
        #expect(leftovers.isEmpty)
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: binary))) func missingFile() throws {
        try expectBadInput(["--data", "no-such-folder"], mentions: ["no-such-folder"])
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: binary))) func wrongDelimiter() throws {
        try expectBadInput(["--data", "ml", "--format", "movielens-100k"], mentions: ["u.data:1:", "tab"]) { folder in
            try FileManager.default.createDirectory(at: folder.appendingPathComponent("ml"), withIntermediateDirectories: true)
            try Self.write("1,2,5,881250949\n", to: folder.appendingPathComponent("ml/u.data"))
        }
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: binary))) func nonNumericField() throws {
        try expectBadInput(["--data", "ml"], mentions: ["u.data:2:", "abc"]) { folder in
            try FileManager.default.createDirectory(at: folder.appendingPathComponent("ml"), withIntermediateDirectories: true)
            try Self.write("1\t2\t5\t881250949\nabc\t3\t4\t881250950\n", to: folder.appendingPathComponent("ml/u.data"))
        }
    }

    /// A restyled template with an unclosed section (or a swift-mustache transform): exit 2 naming
    /// the file and the line of the tag, and the previous site untouched.
    @Test(.enabled(if: FileManager.default.fileExists(atPath: binary))) func brokenTemplate() throws {
        let source = SharedData.repositoryRoot.appendingPathComponent("templates")
        for (tag, mentions) in [("{{#broken}}", ["restyled/users.mustache:11:", "section broken opened on line 3"]),
                                ("{{uppercased(id)}}", ["restyled/users.mustache:3:", "transforms"])] {
            try expectBadInput(["--templates", "restyled"], mentions: mentions) { folder in
                let copy = folder.appendingPathComponent("restyled")
                try FileManager.default.copyItem(at: source, to: copy)
                let users = copy.appendingPathComponent("users.mustache")
                var lines = try String(contentsOf: users, encoding: .utf8).components(separatedBy: "\n")
                lines.insert(tag, at: 2)
                try Self.write(lines.joined(separator: "\n"), to: users)
            }
        }
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: binary))) func emptyAfterFiltering() throws {
        try expectBadInput(["--min-rating", "99"], mentions: ["empty dataset after filtering"])
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: binary))) func unknownFormat() throws {
        try expectBadInput(["--format", "parquet"], mentions: ["unknown format 'parquet'", "movielens-100k"])
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: binary))) func unknownUser() throws {
        try expectBadInput(["--users", "nobody,else"], mentions: ["unknown user id 'nobody'"])
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: binary))) func unwritableOutput() throws {
        let folder = try TemporaryFolder()
        try Self.write("not a folder", to: folder.url.appendingPathComponent("blocker"))
        let asFile = try Self.run(["build"] + Self.small + ["--out", "blocker"], in: folder.url)
        #expect(asFile.status == 2)
        #expect(asFile.stderr.contains("blocker"))
        let inProc = try Self.run(["build"] + Self.small + ["--out", "/proc/reclens-site"], in: folder.url)
        #expect(inProc.status == 2, "\(inProc.stderr)")
        #expect(inProc.stderr.contains("/proc/reclens-site"))
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: binary))) func checkCommandReportsProblemsWithExitOne() throws {
        let folder = try TemporaryFolder()
        let site = folder.url.appendingPathComponent("broken")
        try FileManager.default.createDirectory(at: site, withIntermediateDirectories: true)
        try Self.write("<!DOCTYPE html>\n<html><head><title>x</title></head>\n<body><a href=\"missing.html\">x</a></body></html>\n", to: site.appendingPathComponent("index.html"))
        let result = try Self.run(["check", "broken"], in: folder.url)
        #expect(result.status == 1)
        #expect(result.stdout.contains("index.html:3:"))
        #expect(result.stdout.contains("missing.html"))
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: binary))) func initWritesAConfigThatBuilds() throws {
        let folder = try TemporaryFolder()
        #expect(try Self.run(["init"], in: folder.url).status == 0)
        #expect(try Self.run(["init"], in: folder.url).status == 2, "init must not overwrite without --force")
        let built = try Self.run(["build", "--config", "reclens.yml"] + Self.small, in: folder.url)
        #expect(built.status == 0, "\(built.stderr)")
        let rendered = try Self.run(["render", "--out", "again", "--quiet"], in: folder.url)
        #expect(rendered.status == 0, "\(rendered.stderr)")
        #expect(Self.snapshot(folder.url.appendingPathComponent("again")) == Self.snapshot(folder.url.appendingPathComponent("site")))
        let checked = try Self.run(["check", "site"], in: folder.url)
        #expect(checked.status == 0 && checked.stdout.contains("no problems"))
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: binary))) func badConfigNamesTheFileAndLine() throws {
        let folder = try TemporaryFolder()
        try Self.write("seed: 1\nsplit:\n  strategy: [unclosed\n", to: folder.url.appendingPathComponent("bad.yml"))
        let result = try Self.run(["build", "--config", "bad.yml"] + Self.small, in: folder.url)
        #expect(result.status == 2)
        #expect(result.stderr.contains("bad.yml:"))
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: binary))) func everyCommandDocumentsItsOptions() throws {
        let folder = try TemporaryFolder()
        let build = try Self.run(["build", "--help"], in: folder.url).stdout
        for option in ["--data", "--format", "--config", "--out", "--artifacts", "--seed", "--quiet", "--users", "--templates"] {
            #expect(build.contains(option), "build --help lacks \(option)")
        }
        #expect(try Self.run(["--help"], in: folder.url).stdout.contains("render"))
        #expect(try Self.run(["data", "inspect", "--help"], in: folder.url).stdout.contains("dataset card"))
    }
}

extension CLITests {
    @Test(.enabled(if: FileManager.default.fileExists(atPath: binary))) func dataInspectPrintsTheCard() throws {
        let folder = try TemporaryFolder()
        let fixture = try SharedData.materializedFixture("ml-100k-mini")
        let card = try Self.run(["data", "inspect", fixture], in: folder.url)
        #expect(card.status == 0, "\(card.stderr)")
        #expect(card.stdout.contains("movielens-100k"))
        #expect(card.stdout.contains("fingerprint"))
        let synthetic = try Self.run(["data", "inspect", "synthetic"], in: folder.url)
        #expect(synthetic.stdout.contains("users         943") && synthetic.stdout.contains("items         1682"))
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: binary) && SharedData.movieLens("ml-100k") != nil))
    func dataInspectOfMovieLens100kShowsItsKnownCounts() throws {
        let folder = try TemporaryFolder()
        let card = try Self.run(["data", "inspect", SharedData.movieLens("ml-100k")!.path], in: folder.url)
        #expect(card.stdout.contains("users         943"))
        #expect(card.stdout.contains("items         1682"))
        #expect(card.stdout.contains("interactions  100000"))
    }
}
