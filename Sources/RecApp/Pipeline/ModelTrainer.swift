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
        switch name {
        case "popularity": return PopularityRecommender(train: split.train)
        case "itemknn": return ItemKNN(train: split.train, configuration: settings.itemKNN)
        case "als": return ImplicitALS(train: split.train, configuration: settings.als)
        default: throw DataError(file: "--models", "unknown model '\(name)'; expected one of \(Self.knownModels.joined(separator: ", "))")
        }
    }

    private func importModel(_ entry: BuildSettings.ModelImport) throws -> any Recommender {
        throw DataError(file: entry.path, "import is not available yet")
    }
}
