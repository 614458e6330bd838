import RecCore

/// The models this version can train, in leaderboard order (see `ModelRegistration`).
public enum ModelRegistry {
    /// Every registration, in the order of `--models` defaults and of the example file.
    public static let all: [ModelRegistration] = [
        popularity, itemKNN, implicitALS, bpr, logisticMF, twoTower, mf, pmf, hybrid, gru4rec, multVAE,
        attributionNet, attributionMLP,
    ]

    /// Model names, in order.
    public static var names: [String] { all.map(\.name) }

    /// The models a build trains without `--models`, in order.
    public static var defaultNames: [String] { all.filter(\.inDefaultBuild).map(\.name) }

    /// "hybrid also trains lmf and pmf", for help texts.
    static var dependencyNote: String {
        all.filter { !$0.dependencies.isEmpty }
            .map { "\($0.name) also trains \($0.dependencies.joined(separator: " and "))" }
            .joined(separator: "; ")
    }

    /// The registration named `name` (any case).
    public static func registration(named name: String) -> ModelRegistration? {
        all.first { $0.name == name.lowercased() }
    }

    /// The registration named `name`, or an exit-2 error listing the allowed names.
    static func require(_ name: String, source: String) throws -> ModelRegistration {
        guard let registration = registration(named: name) else {
            throw DataError(file: source, "unknown model '\(name)'; expected one of \(names.joined(separator: ", "))")
        }
        return registration
    }

    /// Trains the model called `name` (and, first, the models it is built from) from `settings`, as
    /// a build does: for benchmarks and tools outside the pipeline.
    public static func train(_ name: String, settings: BuildSettings, dataset: Dataset, split: Split) throws -> any Recommender {
        var trained: [String: any Recommender] = [:]
        for model in try trainingOrder([name]) {
            let registration = try require(model, source: "--models")
            var dependencies: [String: any Recommender] = [:]
            for dependency in registration.dependencies { dependencies[dependency] = trained[dependency] }
            trained[model] = try registration.train(ModelTrainingContext(settings: settings, dataset: dataset, split: split, dependencies: dependencies))
        }
        return trained[name.lowercased()]!
    }

    /// `models` and, before each, the models it depends on (transitively), without repeats:
    /// the order in which they can be trained.
    static func trainingOrder(_ models: [String]) throws -> [String] {
        var order: [String] = []
        func visit(_ name: String, path: [String]) throws {
            guard !order.contains(name) else { return }
            guard !path.contains(name) else { throw DataError(file: "--models", "model dependency cycle: \((path + [name]).joined(separator: " → "))") }
            for dependency in try require(name, source: "--models").dependencies { try visit(dependency, path: path + [name]) }
            order.append(name)
        }
        for name in models { try visit(name.lowercased(), path: []) }
        return order
    }

    /// The `explainers:` key every model section has (this model's explainers, overriding the
    /// global `explainers` list).
    static func explainersField(for model: String) -> SettingsField {
        SettingsField("explainers", "this model's explainers; default: the global list", placeholder: "[shap, lime]", read: { settings, value, context in
            settings.modelExplainers[model] = try value.names(allowed: knownExplainerNames, context)
        }, example: { settings in settings.modelExplainers[model].map { "[\($0.joined(separator: ", "))]" } })
    }
}
