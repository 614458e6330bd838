import Foundation
import RecCore

/// Trains the models named in the settings (and loads imported ones), in leaderboard order.
struct ModelTrainer {
    let settings: BuildSettings
    let dataset: Dataset
    let split: Split
    let progress: Progress

    /// Trains the listed models without dependencies concurrently (each single-threaded in BLAS,
    /// so results do not depend on scheduling), then the ones built from others (the hybrid) in
    /// dependency order, reusing listed dependencies and training unlisted ones (which are not
    /// returned), then the imports.
    func trainAll() throws -> [any Recommender] {
        let names = settings.models.map { $0.lowercased() }
        let registrations = try names.map { try ModelRegistry.require($0, source: "--models") }
        let independent = registrations.filter(\.dependencies.isEmpty)
        var slots = [Result<any Recommender, any Error>?](repeating: nil, count: independent.count)
        // Longest first: each worker takes the next model of `order` (results go to their slots).
        let order = ModelRegistry.longestFirst(independent.count) { ModelRegistry.typicalSeconds[independent[$0].name]?.training ?? 0 }
        slots.withUnsafeMutableBufferPointer { buffer in
            let output = UnsafeSendable(buffer)
            DispatchQueue.concurrentPerform(iterations: independent.count) { k in
                let m = order[k], started = Date()
                output.buffer[m] = Result { try BLAS.withSingleThread { try cachedOrTrained(independent[m], trained: [:], started: started) } }
            }
        }
        var trained: [String: any Recommender] = [:]
        for (registration, slot) in zip(independent, slots) { trained[registration.name] = try slot!.get() }
        for name in try ModelRegistry.trainingOrder(names) where trained[name] == nil {
            trained[name] = try cachedOrTrained(try ModelRegistry.require(name, source: "--models"), trained: trained, started: Date(),
                                                reports: names.contains(name))
        }
        var models = names.map { trained[$0]! }
        for entry in settings.imports {
            models.append(try importModel(entry))
            progress.step("imported \(entry.name) from \(entry.path)")
        }
        return models
    }

    /// The model from the cache (`ModelCache`) when it has it and `--retrain` is off, else
    /// trained (and then cached).
    private func cachedOrTrained(_ registration: ModelRegistration, trained: [String: any Recommender], started: Date,
                                 reports: Bool = true) throws -> any Recommender {
        let cache = settings.modelCacheFolder.map { ModelCache(folder: $0, settings: settings, dataset: dataset) }
        if let cache, !settings.retrain, let model = cache.load(registration, train: split.train) {
            if reports { progress.step("loaded \(registration.name) from the model cache (\(seconds(since: started)))") }
            return model
        }
        let model = try train(registration, trained: trained)
        if reports { progress.step("trained \(registration.name) (\(seconds(since: started)))") }
        try cache?.store(model, registration: registration)
        return model
    }

    /// Trains one model; its dependencies must be in `trained`.
    private func train(_ registration: ModelRegistration, trained: [String: any Recommender]) throws -> any Recommender {
        var dependencies: [String: any Recommender] = [:]
        for name in registration.dependencies { dependencies[name] = trained[name] }
        return try registration.train(ModelTrainingContext(settings: settings, dataset: dataset, split: split, dependencies: dependencies))
    }

    private func importModel(_ entry: BuildSettings.ModelImport) throws -> any Recommender {
        guard let data = FileManager.default.contents(atPath: entry.path) else {
            throw DataError(file: entry.path, "cannot read the model to import (missing or unreadable); expected a NumPy .npz file")
        }
        let archive = try NumPyArchive(SourceFile(name: entry.path, bytes: Array(data)))
        if entry.kind.lowercased() == "gru4rec" {
            let model = try GRU4Rec(archive: archive, dataset: dataset, train: split.train, maxLength: settings.gru4rec.maxLength)
            if model.ignoredItems > 0 {
                printError("warning: \(entry.path): \(model.ignoredItems) embedding row(s) have ids not in the dataset (padding or unknown items); they are never recommended")
            }
            return model
        }
        var model = try ImportedFactorModel(archive: archive, dataset: dataset, kind: entry.kind.lowercased())
        model.foldInLambda = entry.foldInLambda
        model.foldInAlpha = entry.foldInAlpha
        model.train = split.train
        if model.ignoredUsers > 0 || model.ignoredItems > 0 {
            printError("warning: \(entry.path): ignored \(model.ignoredUsers) user row(s) and \(model.ignoredItems) item row(s) whose ids are not in the dataset")
        }
        return model
    }
}
