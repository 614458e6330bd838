import Foundation
@testable import RecApp
import RecCore
import RecTestSupport
import Testing

/// The trained-model cache: a second build with the same inputs loads every cacheable model
/// instead of training it and writes the same site; `--retrain` and a changed hyperparameter train.
@Suite(.serialized) struct ModelCacheTests {
    static func settings(in folder: URL, out: String) -> BuildSettings {
        var s = SiteBuildTests.settings(in: folder)
        s.users = .count(5)
        s.fidelityUsers = 0
        s.out = folder.appendingPathComponent(out).path
        return s
    }

    static func trainedAndLoaded(_ progress: RecApp.Progress) -> (trained: Set<String>, loaded: Set<String>) {
        func names(_ prefix: String, _ suffix: String = "") -> Set<String> {
            Set(progress.recorded.filter { $0.hasPrefix(prefix) && (suffix.isEmpty || $0.contains(suffix)) }.map { String($0.dropFirst(prefix.count).split(separator: " ")[0]) })
        }
        return (names("trained "), names("loaded ", " from the model cache"))
    }

    @Test func aSecondBuildLoadsEveryCacheableModelAndWritesTheSameSite() throws {
        let folder = try TemporaryFolder()
        let first = RecApp.Progress(quiet: true, recording: true), second = RecApp.Progress(quiet: true, recording: true)
        let a = Self.settings(in: folder.url, out: "site-a"), b = Self.settings(in: folder.url, out: "site-b")
        try SiteBuild.build(settings: a, progress: first)
        try SiteBuild.build(settings: b, progress: second)
        let cacheable = Set(ModelRegistry.all.filter { $0.persisted != nil && a.models.contains($0.name) }.map(\.name))
        #expect(cacheable.count >= 8)
        #expect(Self.trainedAndLoaded(first).trained.isSuperset(of: cacheable))
        let (trained, loaded) = Self.trainedAndLoaded(second)
        #expect(loaded == cacheable, "loaded \(loaded.sorted())")
        #expect(trained.isDisjoint(with: cacheable), "trained again: \(trained.intersection(cacheable).sorted())")
        #expect(try SiteBuildTests.hashes(a.out) == SiteBuildTests.hashes(b.out))
        let cacheFiles = try FileManager.default.contentsOfDirectory(atPath: a.modelCacheFolder!)
        #expect(cacheFiles.filter { $0.hasSuffix(".json") }.count == cacheable.count)
        #expect(!cacheFiles.contains { $0.hasSuffix(".tmp") })

        // --retrain trains everything again; a changed hyperparameter retrains only that model.
        var retrain = Self.settings(in: folder.url, out: "site-c")
        retrain.retrain = true
        retrain.models = ["itemknn", "als"]
        let third = RecApp.Progress(quiet: true, recording: true)
        try SiteBuild.build(settings: retrain, progress: third)
        #expect(Self.trainedAndLoaded(third).trained == ["itemknn", "als"])
        var changed = Self.settings(in: folder.url, out: "site-d")
        changed.models = ["itemknn", "als"]
        changed.als.factors += 1
        let fourth = RecApp.Progress(quiet: true, recording: true)
        try SiteBuild.build(settings: changed, progress: fourth)
        #expect(Self.trainedAndLoaded(fourth).trained == ["als"])
        #expect(Self.trainedAndLoaded(fourth).loaded == ["itemknn"])
    }

    /// Every cacheable model restored from its state scores every user exactly as trained.
    @Test func restoredModelsScoreExactlyAsTrained() throws {
        let folder = try TemporaryFolder()
        let settings = Self.settings(in: folder.url, out: "site")
        var configuration = SyntheticGenerator.Configuration()
        (configuration.users, configuration.items, configuration.interactions, configuration.seed) = (60, 150, 3000, 7)
        let dataset = SyntheticGenerator.generate(configuration)
        let split = Split(dataset.interactions, strategy: settings.split, minRelevantRating: settings.minRelevantRating, seed: 7)
        for registration in ModelRegistry.all where registration.persisted != nil {
            let context = ModelTrainingContext(settings: settings, dataset: dataset, split: split, dependencies: [:])
            let model = try registration.train(context)
            let state = try #require(model as? any PersistableModel).persistedState()
            let restored = try registration.persisted!.restore(state, train: split.train, dataset: dataset)
            var a = [Float](repeating: 0, count: model.itemCount), b = a
            for user in 0..<split.train.userCount {
                model.scores(forUser: user, into: &a)
                restored.scores(forUser: user, into: &b)
                #expect(a == b, "\(registration.name), user \(user)")
                if a != b { break }
            }
            #expect(restored.hyperparameters == model.hyperparameters)
        }
    }
}
