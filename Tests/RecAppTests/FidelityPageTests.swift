import Foundation
import RecApp
import RecCheck
import RecCore
import RecTestSupport
import Testing

/// `explainers.html` from a fidelity artifact: links, escaping, best marks, the checker, and the
/// artifact store's round trip of `fidelity.json` / `fidelity.csv`.
@Suite(.serialized) struct FidelityPageTests {
    static func summary(_ base: Double, users: Int = 12) -> FidelitySummary {
        let metrics = FidelityMetric.all(ks: [5, 10, 20]).enumerated().map { m, metric in
            FidelitySummary.Metric(
                name: metric.name, lowerIsBetter: metric.lowerIsBetter, users: metric.kind == .insertion ? users - 2 : users,
                mean: base + Double(m) / 100, low: base + Double(m) / 100 - 0.05, high: base + Double(m) / 100 + 0.05,
                curve: (0...10).map { 1 - Double($0) / 10 * base }, fixed: [0.5, 0.4, 0.3, 0.2, 0.1])
        }
        return FidelitySummary(users: users, metrics: metrics)
    }

    static func artifact(model: String) -> FidelityArtifact {
        func meaning(_ text: String) -> ExplanationMeaning {
            ExplanationMeaning(kind: .shapley, summary: text, additive: true, valueName: "value", scoreUnits: true)
        }
        let rows = [
            FidelityArtifact.Row(explainer: "good<&\"x\">", meaning: meaning("Values <b>bold</b> & \"quoted\"."), summary: summary(0.2), evaluationsPerExplanation: 64),
            FidelityArtifact.Row(explainer: "floor", meaning: meaning("Random."), summary: summary(0.6), evaluationsPerExplanation: 0),
        ]
        let agreement = [FidelityArtifact.Agreement(first: "good<&\"x\">", second: "floor", kendallTau: 0.125, tauUsers: 11, topOverlap: nil, users: 12)]
        return FidelityArtifact(
            settings: .init(usersSampled: 12, seed: 7),
            models: [.init(name: model, displayName: "KNN <i>&</i> \"friends\"", historyScoring: .native, users: 12, rows: rows, agreement: agreement)])
    }

    @Test func explainersPageIsLinkedEscapedAndChecked() throws {
        let folder = try TemporaryFolder()
        var settings = SiteBuildTests.settings(in: folder.url)
        settings.models = ["popularity", "itemknn"]
        settings.users = .count(5)
        var bundle = try SiteBuild.build(settings: settings, progress: Progress(quiet: true))
        // A real build benchmarks itemknn (popularity's scores do not depend on the history).
        let built = try #require(bundle.fidelity)
        #expect(built.models.map(\.name) == ["itemknn"])
        // Default benchmark: the page explainers that apply, and random.
        #expect(built.models[0].rows.map(\.explainer) == ["exact", "gradient", "cosine", "random"])
        bundle.fidelity = Self.artifact(model: "itemknn")

        // The store writes and reads fidelity.json, and writes fidelity.csv.
        let artifacts = folder.url.appendingPathComponent("with-fidelity").path
        try ArtifactStore.write(bundle, to: artifacts)
        let read = try ArtifactStore.read(from: artifacts)
        #expect(read.fidelity == bundle.fidelity)
        let csv = try String(contentsOfFile: artifacts + "/fidelity.csv", encoding: .utf8)
        #expect(csv.hasPrefix(FidelityArtifact.csvHeader + "\n"))
        #expect(csv.split(separator: "\n").count == 1 + 2 * 9)

        let out = folder.url.appendingPathComponent("rendered").path
        try SiteBuild.render(read, templates: TemplateLoader.load(directory: settings.templates), out: out, progress: Progress(quiet: true))
        let problems = try SiteChecker().check(directory: URL(fileURLWithPath: out))
        #expect(problems.isEmpty, "\(problems.prefix(5))")
        let page = try String(contentsOfFile: out + "/explainers.html", encoding: .utf8)
        // Data strings are escaped.
        #expect(!page.contains("<b>bold</b>") && page.contains("&lt;b&gt;bold&lt;/b&gt;"))
        #expect(!page.contains("good<&") && page.contains("good&lt;&amp;&quot;x&quot;&gt;"))
        #expect(page.contains("KNN &lt;i&gt;&amp;&lt;/i&gt; &quot;friends&quot;"))
        // Columns with direction, best marked in bold and in text, intervals, cost, agreement.
        for needle in ["DEL ↓", "INS ↑", "CNDCG ↓", "POS@5 ↓", "POS@10 ↓", "POS@20 ↓", "NEG@5 ↑", "NEG@10 ↑", "NEG@20 ↑",
                       "<strong>0.2000</strong> <span class=\"marker\">(best)</span>", "[0.1500, 0.2500]", "10 of 12 users", "64.0", "0.125", "n/a",
                       "figures/explainers-itemknn-del.svg", "figures/explainers-itemknn-ins.svg", "figures/explainers-itemknn-pos10.csv",
                       "DEL K = 1", "INS K = 5"] {
            #expect(page.contains(needle), "explainers.html lacks \(needle)")
        }
        // INS and NEG are higher-is-better: the floor (0.6…) wins those columns.
        #expect(page.contains("<strong>0.6100</strong> <span class=\"marker\">(best)</span>"))
        // Linked from the nav, the leaderboard and the model page.
        let index = try String(contentsOfFile: out + "/index.html", encoding: .utf8)
        #expect(index.components(separatedBy: "href=\"explainers.html\"").count == 3)
        let model = try String(contentsOfFile: out + "/models/itemknn.html", encoding: .utf8)
        #expect(model.contains("../explainers.html#model-itemknn"))
        let popularity = try String(contentsOfFile: out + "/models/popularity.html", encoding: .utf8)
        #expect(!popularity.contains("explainers.html#"))
        // Rendering again gives the same bytes.
        let again = folder.url.appendingPathComponent("again").path
        try SiteBuild.render(read, templates: TemplateLoader.load(directory: settings.templates), out: again, progress: Progress(quiet: true))
        #expect(try SiteBuildTests.hashes(again) == SiteBuildTests.hashes(out))
    }

    @Test func fidelityUsersOptionAndValidation() throws {
        var settings = BuildSettings()
        #expect(settings.fidelityUsers == 200)
        settings.fidelityUsers = -1
        #expect(throws: DataError.self) { try settings.validate(source: "test") }
    }
}
