import Foundation
@testable import RecApp
import RecCore
import RecTestSupport
import Testing

/// One registration per model: names, sections and dependencies all derive from it.
@Suite struct ModelRegistryTests {
    @Test func namesAreTheKnownModelsInLeaderboardOrder() {
        #expect(ModelRegistry.names == ["popularity", "itemknn", "als", "bpr", "lmf", "two-tower", "mf", "pmf", "hybrid", "gru4rec", "vae", "attribution-net", "attribution-mlp"])
        #expect(BuildSettings.knownModels == ModelRegistry.names)
        #expect(BuildSettings().models == ModelRegistry.names.filter { !$0.hasPrefix("attribution-") })
    }

    @Test func everyModelHasItsOwnSectionWithExplainers() {
        for registration in ModelRegistry.all {
            #expect(registration.section.key == registration.name)
            #expect(registration.section.keys.last == "explainers")
            #expect(Set(registration.section.keys).count == registration.section.keys.count, "duplicate key in \(registration.name)")
        }
        let topLevel = ExperimentFile.topLevelKeys
        #expect(Set(topLevel).count == topLevel.count, "a section key collides with another top-level key")
    }

    @Test func dependenciesComeFirstInTrainingOrder() throws {
        #expect(ModelRegistry.registration(named: "HYBRID")?.dependencies == ["lmf", "pmf"])
        #expect(try ModelRegistry.trainingOrder(["hybrid"]) == ["lmf", "pmf", "hybrid"])
        #expect(try ModelRegistry.trainingOrder(["pmf", "hybrid", "als"]) == ["pmf", "lmf", "hybrid", "als"])
        #expect(throws: DataError.self) { try ModelRegistry.trainingOrder(["nope"]) }
    }

    @Test func hybridAloneTrainsItsPartsButListsOnlyItself() throws {
        let folder = try TemporaryFolder()
        var settings = SiteBuildTests.settings(in: folder.url)
        settings.models = ["hybrid"]
        let bundle = try SiteBuild.build(settings: settings, progress: Progress(quiet: true))
        #expect(bundle.models.map(\.name) == ["hybrid"])
    }
}
