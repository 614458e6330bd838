import Foundation
import RecCore

/// Trains the models named in the settings (and loads imported ones), in leaderboard order.
struct ModelTrainer {
    let settings: BuildSettings
    let dataset: Dataset
    let split: Split
    let progress: Progress

    /// Every model name `--models` accepts.
    static let knownModels = BuildSettings.knownModels

    func trainAll() throws -> [any Recommender] {
        var models: [any Recommender] = []
        for name in settings.models.map({ $0.lowercased() }) {
            let started = Date()
            models.append(try train(name, trained: models))
            progress.step("trained \(name) (\(seconds(since: started)))")
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
        case "hybrid":
            let implicit = try trained.first { $0.name == "lmf" } ?? train("lmf", trained: [])
            let explicit = try trained.first { $0.name == "pmf" } ?? train("pmf", trained: [])
            return HybridRecommender(
                implicit: implicit as! any ProbabilisticRecommender, explicit: explicit as! any RatingPredictor, name: "hybrid",
                displayName: "Hybrid (LMF × PMF)")
        default:
            throw DataError(file: "--models", "unknown model '\(name)'; expected one of \(Self.knownModels.joined(separator: ", "))")
        }
    }

    private func importModel(_ entry: BuildSettings.ModelImport) throws -> any Recommender {
        throw DataError(file: entry.path, "import is not available yet")
    }
}
