import RecCore

/// Everything RecLens knows about one trainable model, in one value: its name on the command line,
/// its display name and help, the models it is built from, its experiment-file section (typed
/// fields over its `Configuration` in `BuildSettings`) and how it is trained. The `--models` help
/// and validation, `BuildSettings.knownModels`, the YAML keys, `reclens init` and `ModelTrainer`
/// all read `ModelRegistry.all`; adding a model is its own files plus one registration.
public struct ModelRegistration: Sendable {
    /// Lower-case name in `--models`, file names and on pages ("als", "two-tower").
    public let name: String
    /// Human-readable name for help text ("implicit ALS").
    public let displayName: String
    /// One line for `--help` and the README.
    public let help: String
    /// Models this one is built from; they are trained (or the listed ones reused) first, but only
    /// models named in `--models` are evaluated and shown.
    public let dependencies: [String]
    /// Whether a build without `--models` trains it (baselines of other models are opt-in).
    public let inDefaultBuild: Bool
    /// The `name:` section of the experiment file: hyperparameters, then `explainers`.
    public let section: SettingsSection
    /// Trains the model from the context's settings and split.
    let train: @Sendable (_ context: ModelTrainingContext) throws -> any Recommender
    /// The trained model's type when the model cache keeps it (nil: always trained — models
    /// that only count or combine others, whose "training" costs less than reading a file).
    let persisted: (any PersistableModel.Type)?

    init(name: String, displayName: String, help: String, dependencies: [String] = [], inDefaultBuild: Bool = true,
         fields: [SettingsField], persisted: (any PersistableModel.Type)? = nil,
         train: @escaping @Sendable (ModelTrainingContext) throws -> any Recommender) {
        self.name = name
        self.displayName = displayName
        self.help = help
        self.dependencies = dependencies
        self.inDefaultBuild = inDefaultBuild
        self.section = SettingsSection(key: name, help: help, fields: fields + [ModelRegistry.explainersField(for: name)])
        self.persisted = persisted
        self.train = train
    }
}

/// What a training closure reads: the resolved settings, the data and the models it depends on.
struct ModelTrainingContext {
    let settings: BuildSettings
    let dataset: Dataset
    let split: Split
    /// Trained dependencies by name (every entry of the registration's `dependencies`).
    let dependencies: [String: any Recommender]

    /// The trained dependency `name` as `type`.
    func dependency<T>(_ name: String, as type: T.Type) throws -> T {
        guard let model = dependencies[name] as? T else {
            throw DataError(file: "--models", "model dependency '\(name)' is missing or of the wrong kind")
        }
        return model
    }
}
