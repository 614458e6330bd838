import Foundation
import RecApp
import RecCore
import RecTestSupport
import Testing

/// `reclens build --import KIND=FILE.npz`: an imported model is evaluated and rendered like a
/// trained one; bad files are clear errors.
@Suite(.serialized) struct ImportCLITests {
    static let small = ["--synthetic-size", "30,60,900", "--users", "5", "--fidelity-users", "6", "--quiet", "--models", "popularity,itemknn"]

    /// The raw ids of the dataset the CLI builds with `small` (same generator, seed 42).
    static func smallDataset() -> Dataset {
        var c = SyntheticGenerator.Configuration()
        c.users = 30
        c.items = 60
        c.interactions = 900
        c.seed = 42
        return SyntheticGenerator.generate(c)
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: CLITests.binary))) func importedModelIsOnTheLeaderboardAndHasAPage() throws {
        let folder = try TemporaryFolder()
        let d = Self.smallDataset()
        var rng = SplitMix64(seed: 1)
        let users = Matrix(rows: d.userCount + 1, columns: 4, gaussianScale: 0.5, rng: &rng)
        let items = Matrix(rows: d.itemCount, columns: 4, gaussianScale: 0.5, rng: &rng)
        // One user row whose id is not in the dataset: ignored with a warning.
        let bytes = ImportedFactorModel.export(userFactors: users, itemFactors: items, userIDs: d.userIDs + ["stranger"], itemIDs: d.itemIDs)
        try Data(bytes).write(to: folder.url.appendingPathComponent("factors.npz"))
        let run = try CLITests.run(["build"] + Self.small + ["--import", "mf=factors.npz"], in: folder.url)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("ignored 1 user row"))
        let index = try String(contentsOf: folder.url.appendingPathComponent("site/index.html"), encoding: .utf8)
        #expect(index.contains("models/mf-imported.html"))
        let page = try String(contentsOf: folder.url.appendingPathComponent("site/models/mf-imported.html"), encoding: .utf8)
        #expect(page.contains("imported from factors.npz"))
        #expect(try CLITests.run(["check", "site"], in: folder.url).status == 0)
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: CLITests.binary))) func shapeMismatchIsAClearError() throws {
        let folder = try TemporaryFolder()
        let d = Self.smallDataset()
        var rng = SplitMix64(seed: 1)
        let users = Matrix(rows: d.userCount, columns: 4, gaussianScale: 0.5, rng: &rng)
        let items = Matrix(rows: d.itemCount, columns: 3, gaussianScale: 0.5, rng: &rng)
        var arrays = [
            "user_factors": NumPyArray(users), "item_factors": NumPyArray(items),
        ]
        arrays["user_ids"] = NumPyArray(shape: [d.userCount], values: .string(d.userIDs))
        arrays["item_ids"] = NumPyArray(shape: [d.itemCount], values: .string(d.itemIDs))
        try Data(NumPyArchive.write(arrays)).write(to: folder.url.appendingPathComponent("bad.npz"))
        let run = try CLITests.run(["build"] + Self.small + ["--import", "mf=bad.npz"], in: folder.url)
        #expect(run.status == 2)
        #expect(run.stderr.contains("bad.npz"))
        let missing = try CLITests.run(["build"] + Self.small + ["--import", "mf=nowhere.npz"], in: folder.url)
        #expect(missing.status == 2 && missing.stderr.contains("nowhere.npz"))
    }

    /// A PyTorch GRU4Rec (the committed fixture: raw item ids 1…11 and a padding row −1) on a CSV
    /// dataset of those items: named gru4rec-imported, explained by TimeSHAP at the event level.
    @Test(.enabled(if: FileManager.default.fileExists(atPath: CLITests.binary))) func importedGRU4RecIsExplainedByTimeSHAP() throws {
        let folder = try TemporaryFolder()
        var rng = SplitMix64(seed: 3)
        var csv = "user,item,rating,timestamp\n"
        for u in 1...8 {
            for t in 0..<14 { csv += "\(u),\(1 + rng.nextInt(below: 11)),\(1 + rng.nextInt(below: 5)),\(1_000 * t + u)\n" }
        }
        try Data(csv.utf8).write(to: folder.url.appendingPathComponent("data.csv"))
        let model = SharedData.repositoryRoot.appendingPathComponent("Data/fixtures/import/gru4rec-out.npz").path
        let run = try CLITests.run(["build", "--data", "data.csv", "--models", "popularity", "--users", "3", "--fidelity-users", "3", "--quiet", "--import", "gru4rec=\(model)"], in: folder.url)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("1 embedding row(s) have ids not in the dataset"), "\(run.stderr)")
        let index = try String(contentsOf: folder.url.appendingPathComponent("site/index.html"), encoding: .utf8)
        #expect(index.contains("models/gru4rec-imported.html"))
        #expect(try CLITests.run(["check", "site"], in: folder.url).status == 0)
        let user = try ArtifactStore.readManifest(from: folder.url.appendingPathComponent(".reclens").path).users[0]
        let events = try CLITests.run(["attributions", "--user", user, "--model", "GRU4Rec-Imported"], in: folder.url)
        #expect(events.status == 0 && events.stdout.hasPrefix("item,player,position,history_item,value\n"), "\(events.stderr)")
        // Item inputs only: no feature or cell level.
        let features = try CLITests.run(["attributions", "--user", user, "--model", "gru4rec-imported", "--level", "feature"], in: folder.url)
        #expect(features.status == 2)
    }
}
