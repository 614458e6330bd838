import Foundation
import RecCore

/// Trains the models named in the settings (and loads imported ones), in leaderboard order.
struct ModelTrainer {
    let settings: BuildSettings
    let dataset: Dataset
    let split: Split
    let progress: Progress

    /// Trains the listed models concurrently (each single-threaded in BLAS, so results do not
    /// depend on scheduling), then the hybrid from the trained parts, then the imports.
    func trainAll() throws -> [any Recommender] {
        let names = settings.models.map { $0.lowercased() }
        let independent = names.filter { $0 != "hybrid" }
        var slots = [Result<any Recommender, any Error>?](repeating: nil, count: independent.count)
        slots.withUnsafeMutableBufferPointer { buffer in
            let output = UnsafeSendable(buffer)
            DispatchQueue.concurrentPerform(iterations: independent.count) { m in
                let started = Date()
                output.buffer[m] = Result { try BLAS.withSingleThread { try train(independent[m], trained: []) } }
                progress.step("trained \(independent[m]) (\(seconds(since: started)))")
            }
        }
        var trained: [String: any Recommender] = [:]
        for (name, slot) in zip(independent, slots) { trained[name] = try slot!.get() }
        var models: [any Recommender] = []
        for name in names {
            if let model = trained[name] {
                models.append(model)
            } else {
                models.append(try train(name, trained: Array(trained.values)))
                progress.step("trained \(name)")
            }
        }
        for entry in settings.imports {
            models.append(try importModel(entry))
            progress.step("imported \(entry.name) from \(entry.path)")
        }
        return models
    }

    private func train(_ name: String, trained: [any Recommender]) throws -> any Recommender {
        let seed = settings.seed
        switch name {
        case "popularity":
            return PopularityRecommender(train: split.train)
        case "itemknn":
            return ItemKNN(train: split.train, configuration: settings.itemKNN)
        case "als":
            var c = settings.als
            c.seed = seed
            return ImplicitALS(train: split.train, configuration: c)
        case "mf", "pmf":
            var c = settings.mf
            c.name = name
            c.seed = seed
            c.regularization = name == "mf" ? .none : .adaptive()
            c.ratingScale = max(1, dataset.ratingScale.upperBound)
            return MatrixFactorization(train: split.train, validation: split.test, configuration: c)
        case "bpr":
            var c = settings.bpr
            c.seed = seed
            return BPRMF(train: split.train, configuration: c)
        case "two-tower":
            var c = settings.twoTower
            c.seed = seed
            return TwoTower(train: split.train, validation: split.test, configuration: c)
        case "lmf":
            var c = settings.lmf
            c.seed = seed
            return LogisticMF(train: split.train, configuration: c)
        case "gru4rec":
            var c = settings.gru4rec
            c.seed = seed
            return GRU4Rec(train: split.train, dataset: dataset, configuration: c)
        case "hybrid":
            let implicit = try trained.first { $0.name == "lmf" } ?? train("lmf", trained: [])
            let explicit = try trained.first { $0.name == "pmf" } ?? train("pmf", trained: [])
            return HybridRecommender(
                implicit: implicit as! any ProbabilisticRecommender, explicit: explicit as! any RatingPredictor, name: "hybrid",
                displayName: "Hybrid (LMF × PMF)")
        default:
            throw DataError(file: "--models", "unknown model '\(name)'; expected one of \(BuildSettings.knownModels.joined(separator: ", "))")
        }
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
        let model = try ImportedFactorModel(archive: archive, dataset: dataset, kind: entry.kind.lowercased())
        if model.ignoredUsers > 0 || model.ignoredItems > 0 {
            printError("warning: \(entry.path): ignored \(model.ignoredUsers) user row(s) and \(model.ignoredItems) item row(s) whose ids are not in the dataset")
        }
        return model
    }
}
