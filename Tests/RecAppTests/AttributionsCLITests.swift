import Foundation
import RecApp
import RecCore
import RecTestSupport
import Testing

/// `reclens attributions` prints the stored attributions of a build as CSV.
@Suite(.serialized) struct AttributionsCLITests {
    static let build = ["build", "--synthetic-size", "40,60,1200", "--users", "4", "--fidelity-users", "4", "--models", "popularity,itemknn,gru4rec", "--quiet"]

    static func rows(_ csv: String) -> [[String]] {
        csv.split(separator: "\n").dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    }

    @Test func printsEveryLevelOfTheSequentialModelAndTheEventLevelOfItemKNN() throws {
        let folder = try TemporaryFolder()
        let built = try CLITests.run(Self.build, in: folder.url)
        #expect(built.status == 0, "\(built.stderr)")
        let manifest = try ArtifactStore.readManifest(from: folder.url.appendingPathComponent(".reclens").path)
        let user = manifest.users[0]
        let artifact = try ArtifactStore.readUser(id: user, from: folder.url.appendingPathComponent(".reclens").path)
        let gru = artifact.recommendations.first { $0.model == "gru4rec" }!
        for level in ["event", "feature", "cell"] {
            // Model names match case-insensitively.
            let run = try CLITests.run(["attributions", "--user", user, "--model", "GRU4Rec", "--level", level], in: folder.url)
            #expect(run.status == 0, "\(level): \(run.stderr)")
            #expect(run.stdout.hasPrefix("item,player,position,history_item,value\n"))
            let timeshap = gru.explanation("timeshap")!
            let attribution = level == "event" ? timeshap.attribution : (level == "feature" ? timeshap.sequence!.features! : timeshap.sequence!.cells!)
            let rows = Self.rows(run.stdout)
            #expect(rows.count == attribution.targets.count * attribution.players.count)
            // Per item, the values add up to output − baseline (printed with full precision).
            for (t, item) in attribution.targets.enumerated() {
                let sum = rows.filter { $0[0] == item }.reduce(0.0) { $0 + Double($1[4])! }
                let gap = Double(attribution.output[t] - attribution.baseline[t])
                #expect(abs(sum - gap) <= 1e-3 * max(1, abs(gap)), "\(level) item \(item)")
            }
        }
        let events = Self.rows(try CLITests.run(["attributions", "--user", user, "--model", "gru4rec"], in: folder.url).stdout)
        let history = artifact.history.suffix(20).map(\.item)
        for row in events where row[2] != "pruned" {
            let position = Int(row[2])!
            #expect((-20)...(-1) ~= position)
            #expect(row[3] == history[history.count + position], "history_item is the raw id of the event at that position")
        }
        let knn = try CLITests.run(["attributions", "--user", user, "--model", "itemknn", "--level", "event"], in: folder.url)
        #expect(knn.status == 0 && knn.stdout.hasPrefix("item,player,position,history_item,value\n"))
    }

    @Test func badRequestsExitTwoWithAClearMessage() throws {
        let folder = try TemporaryFolder()
        #expect(try CLITests.run(Self.build, in: folder.url).status == 0)
        let user = try ArtifactStore.readManifest(from: folder.url.appendingPathComponent(".reclens").path).users[0]
        let cases: [([String], String)] = [
            (["--user", user, "--model", "nope"], "no model 'nope'"),
            (["--user", "no-such-user", "--model", "gru4rec"], "was not explained"),
            (["--user", user, "--model", "itemknn", "--level", "feature"], "no feature-level attributions"),
            (["--user", user, "--model", "gru4rec", "--level", "pixel"], "expected event, feature or cell"),
            (["--user", user, "--model", "popularity"], "no explainer"),
        ]
        for (arguments, needle) in cases {
            let run = try CLITests.run(["attributions"] + arguments, in: folder.url)
            #expect(run.status == 2, "\(arguments): exit \(run.status)")
            #expect(run.stderr.contains(needle), "\(arguments): \(run.stderr)")
        }
    }

    @Test func pruningToleranceIsABuildSetting() throws {
        let folder = try TemporaryFolder()
        #expect(try CLITests.run(Self.build + ["--prune-tolerance", "1e9"], in: folder.url).status == 0)
        let user = try ArtifactStore.readManifest(from: folder.url.appendingPathComponent(".reclens").path).users[0]
        let rows = Self.rows(try CLITests.run(["attributions", "--user", user, "--model", "gru4rec"], in: folder.url).stdout)
        // The largest tolerance keeps only the latest event apart; everything older is one player.
        #expect(Set(rows.map { $0[2] }) == ["pruned", "-1"])
        let off = try TemporaryFolder()
        #expect(try CLITests.run(Self.build + ["--prune-tolerance", "0"], in: off.url).status == 0)
        let unpruned = Self.rows(try CLITests.run(["attributions", "--user", user, "--model", "gru4rec"], in: off.url).stdout)
        #expect(!unpruned.contains { $0[2] == "pruned" })
    }
}
