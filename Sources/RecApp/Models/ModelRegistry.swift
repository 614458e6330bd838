import RecCore

/// The models this version can train, in leaderboard order (see `ModelRegistration`).
public enum ModelRegistry {
    /// Every registration, in the order of `--models` defaults and of the example file.
    public static let all: [ModelRegistration] = [
        popularity, itemKNN, implicitALS, bpr, logisticMF, twoTower, mf, pmf, hybrid, gru4rec, multVAE,
        attributionNet, attributionMLP,
    ]

    /// Seconds each model's training and its LXR training took in the issue-9 build on ML-100k
    /// (release, 2 cores, two jobs at a time; attribution networks from `reclens-bench
    /// attribution-net`). A build starts the longest work first (longest-processing-time-first on
    /// two workers), so the last job to finish is a short one: VAE, which trains longest, used to
    /// start last and run alone for ten seconds. Only the order of the work follows these numbers,
    /// never a result; models not listed (imports) come last.
    static let typicalSeconds: [String: (training: Double, lxr: Double)] = [
        "attribution-net": (400, 0), "attribution-mlp": (250, 0), "vae": (11.5, 11.4), "two-tower": (6.0, 18.7),
        "gru4rec": (2.9, 9.5), "lmf": (2.1, 19.7), "bpr": (1.2, 33.0), "pmf": (0.24, 5.2), "itemknn": (0.19, 3.3),
        "als": (0.15, 10.2), "mf": (0.12, 5.1), "hybrid": (0, 24.4), "popularity": (0, 0),
    ]

    /// `count` jobs in the order to start them: by `seconds` (of each job index) descending, ties
    /// in index order.
    static func longestFirst(_ count: Int, seconds: (Int) -> Double) -> [Int] {
        (0..<count).sorted { a, b in
            let (x, y) = (seconds(a), seconds(b))
            return x != y ? x > y : a < b
        }
    }

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
