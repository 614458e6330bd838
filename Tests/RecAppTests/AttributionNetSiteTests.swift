import Foundation
import RecApp
import RecCheck
import RecCore
import RecTestSupport
import Testing

/// End-to-end: a small synthetic build with the attribution network and its baseline: the
/// intrinsic bars on user pages, the model-page views, the check, byte-identical rebuilds.
@Suite(.serialized) struct AttributionNetSiteTests {
    static func settings(in folder: URL) -> BuildSettings {
        var s = SiteBuildTests.settings(in: folder)
        s.models = ["popularity", "attribution-net", "attribution-mlp"]
        s.attributionNet.epochs = 2
        s.attributionNet.embeddingSize = 8
        s.attributionNet.hiddenSizes = [16, 8]
        s.attributionMLP.epochs = 2
        s.attributionMLP.embeddingSize = 8
        s.attributionMLP.hiddenSizes = [16, 8]
        s.fidelityUsers = 0
        return s
    }

    @Test func pagesShowTheIntrinsicAttributionPassTheCheckAndRebuildIdentically() throws {
        let folder = try TemporaryFolder()
        let settings = Self.settings(in: folder.url)
        let bundle = try SiteBuild.build(settings: settings, progress: Progress(quiet: true))
        let problems = try SiteChecker().check(directory: URL(fileURLWithPath: settings.out))
        #expect(problems.isEmpty, "\(problems.prefix(5))")
        let net = try #require(bundle.models.first { $0.name == "attribution-net" })
        let summary = try #require(net.intrinsicSummary)
        #expect(summary.parts == ["content", "content + user", "content + item", "content + user + item"])
        #expect(abs(summary.meanShares.reduce(0, +) - 1) < 1e-3)
        #expect(summary.shapAgreement?.groups == ["content", "user identity", "item identity"])
        #expect(bundle.models.first { $0.name == "attribution-mlp" }?.intrinsicSummary == nil)
        let user = try #require(bundle.users.first)
        let explanations = try #require(user.recommendations.first { $0.model == "attribution-net" }?.explanations)
        #expect(explanations.first?.attribution.meaning.kind == .intrinsic)
        let page = try String(contentsOfFile: settings.out + "/users/\(PathSlug.slug(user.id)).html", encoding: .utf8)
        #expect(page.contains("predictions for user \(user.id) come from"))
        #expect(page.contains("class=\"part-lines\""))
        let model = try String(contentsOfFile: settings.out + "/models/attribution-net.html", encoding: .utf8)
        for needle in ["The model's own attribution", "by user activity", "shap over the same input groups", "Mean mixture weight of each sub-network"] {
            #expect(model.contains(needle), "model page lacks \(needle)")
        }
        let first = try SiteBuildTests.hashes(settings.out)
        _ = try SiteBuild.build(settings: settings, progress: Progress(quiet: true))
        #expect(try SiteBuildTests.hashes(settings.out) == first)
    }
}
