import Foundation
import RecApp
import RecCheck
import RecCore
import RecTestSupport
import Testing

/// `vae` and `lxr` in a real build: the VAE on the leaderboard, LXR trained once per model ahead
/// of the explanations, on the user pages and in the fidelity table, its curves on the model page.
@Suite struct LXRBuildTests {
    @Test func vaeAndLXRJoinTheSiteAndTheFidelityTable() throws {
        let folder = try TemporaryFolder()
        var settings = SiteBuildTests.settings(in: folder.url)
        settings.models = ["itemknn", "vae"]
        settings.vae = MultVAE.Configuration(hiddenSize: 32, latentSize: 8, epochs: 5, batchSize: 20)
        settings.explainerOptions.lxr = LXRConfiguration(hiddenSize: 8, epochs: 4, batchSize: 16)
        settings.explainers = ["gradient", "lxr"]
        settings.users = .count(5)
        let bundle = try SiteBuild.build(settings: settings, progress: Progress(quiet: true))
        #expect(bundle.models.map(\.name) == ["itemknn", "vae"])
        for model in bundle.models {
            #expect(model.explainers.map(\.name) == ["gradient", "lxr"])
            let curves = model.curves.map(\.name)
            #expect(curves.contains("LXR loss") && curves.contains("LXR mean mask"), "\(model.name): \(curves)")
            #expect(model.curves.first { $0.name == "LXR loss" }?.values.count == 4)
        }
        let vae = try #require(bundle.models.first { $0.name == "vae" })
        #expect(vae.curves.first { $0.name == "multinomial NLL" }?.values.count == 5)
        #expect(vae.historyScoring?.kind == .native)
        let explanation = try #require(bundle.users.first?.recommendations.first { $0.model == "vae" }?.explanations.first { $0.explainer == "lxr" })
        #expect(explanation.attribution.meaning.kind == .learnedMask)
        #expect(explanation.attribution.cells.allSatisfy { $0.value > 0 && $0.value < 1 })
        let fidelity = try #require(bundle.fidelity)
        for model in fidelity.models { #expect(model.rows.map(\.explainer).contains("lxr"), "\(model.name)") }
        let problems = try SiteChecker().check(directory: URL(fileURLWithPath: settings.out))
        #expect(problems.isEmpty, "\(problems.prefix(5))")
        let page = try String(contentsOfFile: settings.out + "/models/vae.html", encoding: .utf8)
        #expect(page.contains("LXR loss"))
    }
}
