import Foundation
import RecTestSupport
import Testing

/// Sharded explanation: three `reclens build --shard i/3` processes run side by side, one
/// `reclens render` with their three artifact folders, and the site equals an unsharded build's,
/// byte for byte (fidelity benchmark and GRU4Rec's sequence summaries included).
@Suite(.serialized) struct ShardTests {
    static let arguments = ["--synthetic-size", "40,90,1500", "--users", "10", "--fidelity-users", "6",
                            "--models", "itemknn,als,gru4rec", "--quiet"]

    @Test func threeShardProcessesMergeIntoTheUnshardedSite() throws {
        let folder = try TemporaryFolder()
        let whole = try CLITests.run(["build"] + Self.arguments + ["--out", "whole", "--artifacts", "whole-artifacts"], in: folder.url)
        #expect(whole.status == 0, "\(whole.stderr)")
        // Three processes at once (each with its own artifact folder and model cache).
        let processes = try (1...3).map { i -> Process in
            let process = Process()
            process.executableURL = URL(fileURLWithPath: CLITests.binary)
            process.arguments = ["build"] + Self.arguments + ["--shard", "\(i)/3", "--artifacts", "shard-\(i)/artifacts"]
            process.currentDirectoryURL = folder.url
            var environment = ProcessInfo.processInfo.environment
            environment["RECLENS_TEMPLATES"] = SharedData.repositoryRoot.appendingPathComponent("templates").path
            process.environment = environment
            process.standardError = FileHandle.nullDevice
            try process.run()
            return process
        }
        for process in processes { process.waitUntilExit() }
        #expect(processes.allSatisfy { $0.terminationStatus == 0 })
        // Each shard explains its own users and renders no site.
        var explained = 0
        for i in 1...3 {
            let users = try FileManager.default.contentsOfDirectory(atPath: folder.url.appendingPathComponent("shard-\(i)/artifacts/users").path)
            #expect(!users.isEmpty)
            explained += users.count
        }
        #expect(explained == 10)
        #expect(!FileManager.default.fileExists(atPath: folder.url.appendingPathComponent("site").path))

        let merged = try CLITests.run(["render", "--artifacts", "shard-1/artifacts", "--artifacts", "shard-2/artifacts", "--artifacts", "shard-3/artifacts",
                                       "--out", "merged", "--quiet"], in: folder.url)
        #expect(merged.status == 0, "\(merged.stderr)")
        let a = try SiteBuildTests.hashes(folder.url.appendingPathComponent("whole").path)
        let b = try SiteBuildTests.hashes(folder.url.appendingPathComponent("merged").path)
        #expect(a.count > 50)
        #expect(a == b, "differ: \(Set(a.keys).union(b.keys).filter { a[$0] != b[$0] }.sorted().prefix(5))")

        // A missing or repeated shard is a clear error (exit 2), and no site is written.
        let missing = try CLITests.run(["render", "--artifacts", "shard-1/artifacts", "--artifacts", "shard-3/artifacts", "--out", "partial"], in: folder.url)
        #expect(missing.status == 2 && missing.stderr.contains("shard 2/3 missing"))
        let twice = try CLITests.run(["render", "--artifacts", "shard-1/artifacts", "--artifacts", "shard-1/artifacts", "--out", "partial"], in: folder.url)
        #expect(twice.status == 2 && twice.stderr.contains("given twice"))
        #expect(!FileManager.default.fileExists(atPath: folder.url.appendingPathComponent("partial").path))
        let bad = try CLITests.run(["build", "--shard", "0/3"], in: folder.url)
        #expect(bad.status == 2 && bad.stderr.contains("--shard"))
    }
}

