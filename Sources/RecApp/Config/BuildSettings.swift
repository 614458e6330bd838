import Foundation
import RecCore

/// Fully resolved settings of one build: defaults, then the experiment file, then flags.
public struct BuildSettings: Sendable, Equatable {
    /// Dataset path; nil = the embedded synthetic dataset.
    public var data: String?
    /// Dataset format; nil = detect from the files.
    public var format: DatasetFormat?
    public var seed: UInt64 = 42
    public var out: String = "site"
    public var artifacts: String = ".reclens"
    /// Template folder; nil = the default templates.
    public var templates: String?
    public var users: UserSelection = .count(1000)
    public var k: Int = 10
    public var models: [String] = ModelRegistry.defaultNames
    /// Explainers of the user pages, run for every model where they apply; nil =
    /// `ExplainerRegistry.defaultNames`.
    public var explainers: [String]?
    /// Per-model explainer lists (a model section's `explainers`), overriding `explainers`.
    public var modelExplainers: [String: [String]] = [:]
    /// Options of the model-agnostic explainers.
    public var explainerOptions = ExplainerOptions()
    public var split: SplitStrategy = .globalTime(testFraction: 0.2)
    public var minRelevantRating: Float? = 4
    public var filter = DatasetFilter()
    public var itemKNN = ItemKNN.Configuration()
    public var als = ImplicitALS.Configuration()
    /// `mf`: its regularisation is always none (see `ModelRegistry.mf`).
    public var mf = MatrixFactorization.Configuration()
    /// `pmf`: adaptive (empirical-Bayes) regularisation.
    public var pmf = MatrixFactorization.Configuration()
    public var bpr = BPRMF.Configuration()
    public var twoTower = TwoTower.Configuration()
    public var lmf = LogisticMF.Configuration()
    public var gru4rec = GRU4Rec.Configuration()
    public var vae = MultVAE.Configuration()
    public var attributionNet = AttributionNet.Configuration()
    /// `attribution-mlp`: the same inputs, 4× wider.
    public var attributionMLP = AttributionNet.Configuration.baseline
    public var timeshap = TimeSHAP.Configuration()
    /// Raw item id of the `item:ID` TimeSHAP baseline (resolved against the dataset when explaining).
    public var baselineItem: String?
    public var csv = ExperimentFile.CSVSection()
    public var synthetic = SyntheticSize()
    /// Models trained elsewhere: (kind, .npz path), named "<kind>-imported".
    public var imports: [ModelImport] = []
    /// Ego graphs on item pages.
    public var ego = EgoSettings()
    /// Users in the explainers' fidelity benchmark (seeded sample of users with ≥ 2 training
    /// events); 0 turns it off.
    public var fidelityUsers = 200
    /// Explainers benchmarked (names); nil = the user pages' explainers (`explainers`, or the
    /// registry's defaults) and `random`, each where it applies.
    public var fidelityExplainers: [String]?
    public var quiet = false
    /// Write user and item charts as standalone figures too (render only; not in the fingerprint).
    public var pageFigures = false
    /// Folder of the trained-model cache (`ModelCache`); nil = `.reclens-cache` beside the
    /// artifact folder.
    public var modelCache: String?
    /// Whether trained models are cached and reused at all.
    public var usesModelCache = true
    /// `--shard i/n`: explain only the users at positions p with p mod n = i − 1 of the resolved
    /// user list (1-based i); nil = all.
    public var shard: ShardSelection?

    /// Shard i of n (1-based).
    public struct ShardSelection: Sendable, Equatable {
        public var index: Int
        public var count: Int
        public init(index: Int, count: Int) {
            self.index = index
            self.count = count
        }
    }
    /// Train every model even when the cache has it (the fresh models replace the cached ones).
    public var retrain = false

    /// The model cache's folder, nil when it is off.
    public var modelCacheFolder: String? {
        guard usesModelCache else { return nil }
        if let modelCache { return modelCache }
        let parent = (artifacts as NSString).deletingLastPathComponent
        return (parent.isEmpty ? "" : parent + "/") + ".reclens-cache"
    }

    /// Which item-item similarity the ego graphs and neighbour lists use, and their shape.
    public struct EgoSettings: Sendable, Equatable {
        /// A model name ("itemknn", "als", "pmf", …); nil = ItemKNN when built, else the first
        /// model with item vectors.
        public var similarity: String?
        /// Hops from the item (default 2).
        public var radius = 2
        /// Neighbours followed from each node (default 5).
        public var neighbours = 5
        public init() {}
    }

    public init() {}

    /// Size of the embedded synthetic dataset.
    public struct SyntheticSize: Sendable, Equatable {
        public var users = 943
        public var items = 1682
        public var interactions = 100_000
        public init() {}
    }

    /// Models this version knows (`ModelRegistry`), in leaderboard order.
    public static var knownModels: [String] { ModelRegistry.names }

    /// Applies an experiment file over the current values. `file` names it in errors.
    public mutating func apply(_ experiment: ExperimentFile, file: String) throws {
        if let v = experiment.data { data = v }
        if let v = experiment.format { format = try Self.parseFormat(v, file: file) }
        if let v = experiment.seed { seed = v }
        if let v = experiment.out { out = v }
        if let v = experiment.artifacts { artifacts = v }
        if let v = experiment.templates { templates = v }
        if let v = experiment.users { users = try UserSelection(parsing: v, source: file) }
        if let v = experiment.k { k = v }
        if let v = experiment.models { models = v.map { $0.lowercased() } }
        if let v = experiment.explainers { explainers = try Self.parseExplainers(v, source: file) }
        if let s = experiment.split {
            let fraction = s.testFraction ?? split.testFraction ?? 0.2
            let name = s.strategy ?? split.name
            guard let strategy = SplitStrategy(name: name, testFraction: fraction) else {
                throw DataError(file: file, "unknown split strategy '\(name)'; expected one of \(SplitStrategy.names.joined(separator: ", "))")
            }
            split = strategy
            if let v = s.minRelevantRating { minRelevantRating = v > 0 ? v : nil }
        }
        if let f = experiment.filter {
            if let v = f.minRating { filter.minRating = v }
            if let v = f.minUserInteractions { filter.minUserInteractions = v }
            if let v = f.minItemInteractions { filter.minItemInteractions = v }
            if let v = f.kCore { filter.iterate = v }
        }
        for section in ExperimentFile.fieldSections {
            if let tree = experiment.sections[section.key] { try section.apply(tree, file: file, to: &self) }
        }
        if let c = experiment.csv { csv = c }
        if let list = experiment.imports { imports = list }
        if let e = experiment.ego {
            if let v = e.similarity { ego.similarity = v.lowercased() }
            if let v = e.radius { ego.radius = v }
            if let v = e.neighbours { ego.neighbours = v }
        }
        if let t = experiment.timeshap {
            if let v = t.pruneTolerance { timeshap.tolerance = v }
            if let v = t.baseline { try setBaseline(v, source: file) }
            if let v = t.samples { timeshap.sampleBudget = v }
        }
        if let s = experiment.synthetic {
            if let v = s.users { synthetic.users = v }
            if let v = s.items { synthetic.items = v }
            if let v = s.interactions { synthetic.interactions = v }
        }
        try validate(source: file)
    }

    /// Checks value ranges; `source` names the flag or file in the error.
    public func validate(source: String) throws {
        func fail(_ message: String) -> DataError { DataError(file: source, message) }
        guard k >= 1 else { throw fail("k must be at least 1, got \(k)") }
        if let fraction = split.testFraction, !(fraction > 0 && fraction < 1) {
            throw fail("test fraction must be between 0 and 1 (exclusive), got \(fraction)")
        }
        for model in models { _ = try ModelRegistry.require(model, source: source) }
        _ = try Self.parseExplainers(explainers ?? [], source: source)
        for (model, list) in modelExplainers {
            _ = try ModelRegistry.require(model, source: source)
            _ = try Self.parseExplainers(list, source: source)
        }
        guard !models.isEmpty else { throw fail("no model to build; expected at least one of \(Self.knownModels.joined(separator: ", "))") }
        guard (1...4).contains(ego.radius), (1...10).contains(ego.neighbours) else {
            throw fail("ego graphs need a radius of 1 to 4 and 1 to 10 neighbours per node, got radius \(ego.radius), \(ego.neighbours) neighbours")
        }
        var seen = Set<String>()
        for entry in imports where !seen.insert(entry.name).inserted {
            throw fail("model '\(entry.name)' is imported twice")
        }
        for entry in imports { try entry.validateFoldIn(source: source) }
        guard explainerOptions.shapBudget >= 16, explainerOptions.shapExactLimit >= 1, explainerOptions.limeSamples >= 1 else {
            throw fail("shap budget must be at least 16, shap exact_limit and lime samples at least 1, got \(explainerOptions.shapBudget), \(explainerOptions.shapExactLimit) and \(explainerOptions.limeSamples)")
        }
        guard fidelityUsers >= 0 else { throw fail("fidelity users must be at least 0, got \(fidelityUsers) (0 = no fidelity benchmark)") }
        guard itemKNN.neighbours >= 1 else { throw fail("itemknn neighbours must be at least 1, got \(itemKNN.neighbours)") }
        guard gru4rec.outputLayer || gru4rec.embeddingSize == gru4rec.hiddenSize else {
            throw fail("gru4rec without an output layer scores h · item embedding, so embedding and hidden sizes must be equal, got \(gru4rec.embeddingSize) and \(gru4rec.hiddenSize)")
        }
        guard gru4rec.embeddingSize >= 1, gru4rec.hiddenSize >= 1, gru4rec.maxLength >= 1, gru4rec.epochs >= 1, gru4rec.batchSize >= 1, gru4rec.negatives >= 1, gru4rec.learningRate > 0 else {
            throw fail("gru4rec sizes, length, epochs, batch and negatives must be at least 1 and the learning rate positive")
        }
        guard timeshap.tolerance >= 0, timeshap.sampleBudget >= 16 else {
            throw fail("timeshap prune_tolerance must be ≥ 0 and samples ≥ 16, got \(timeshap.tolerance) and \(timeshap.sampleBudget)")
        }
        guard synthetic.users >= 2, synthetic.items >= 2, synthetic.interactions >= synthetic.users else {
            throw fail("synthetic size needs at least 2 users, 2 items and one interaction per user")
        }
    }

    /// Lower-cased explainer names, each in `knownExplainerNames`, else an exit-2 error listing them.
    static func parseExplainers(_ names: [String], source: String) throws -> [String] {
        try names.map { name in
            let lower = name.lowercased()
            guard knownExplainerNames.contains(lower) else {
                throw DataError(file: source, "unknown explainer '\(name)'; expected any of \(knownExplainerNames.joined(separator: ", "))")
            }
            return lower
        }
    }

    /// Switches GRU4Rec's event feature groups: any of rating, time-gap, genres.
    mutating func setFeatures(_ names: [String], source: String) throws {
        let known = GRU4Rec.Configuration.featureNames
        for name in names where !known.contains(name.lowercased()) {
            throw DataError(file: source, "unknown gru4rec feature '\(name)'; expected any of \(known.joined(separator: ", ")) (or none)")
        }
        gru4rec.features = names.map { $0.lowercased() }
    }

    /// Parses the TimeSHAP baseline: zero, mean, or item:RAWID.
    mutating func setBaseline(_ text: String, source: String) throws {
        let lower = text.lowercased()
        if lower == "zero" {
            timeshap.baseline = .zero
            baselineItem = nil
        } else if lower == "mean" || lower == "mean-item" {
            timeshap.baseline = .meanItem
            baselineItem = nil
        } else if lower.hasPrefix("item:"), text.count > 5 {
            baselineItem = String(text.dropFirst(5))
        } else {
            throw DataError(file: source, "unknown TimeSHAP baseline '\(text)'; expected zero, mean or item:RAWID")
        }
    }

    /// Parses a format name; "auto" means detect.
    public static func parseFormat(_ text: String, file: String) throws -> DatasetFormat? {
        if text.lowercased() == "auto" { return nil }
        guard let format = DatasetFormat(rawValue: text.lowercased()), format != .synthetic else {
            let names = DatasetFormat.allCases.filter { $0 != .synthetic }.map(\.rawValue)
            throw DataError(file: file, "unknown format '\(text)'; expected auto, \(names.joined(separator: ", "))")
        }
        return format
    }

    /// The settings as display strings, stored in the manifest and shown on the index page.
    public var summary: [String: String] {
        var result: [String: String] = [
            "data": data.map(lastPathComponent) ?? "embedded synthetic (\(synthetic.users) users, \(synthetic.items) items, \(synthetic.interactions) interactions)",
            "format": format?.rawValue ?? "auto",
            "seed": "\(seed)",
            "users": users.description,
            "k": "\(k)",
            "models": models.joined(separator: ", "),
            "split": split.name,
            "min_relevant_rating": minRelevantRating.map { "\($0)" } ?? "none",
            "itemknn.neighbours": "\(itemKNN.neighbours)",
            "ego.radius": "\(ego.radius)",
            "ego.neighbours": "\(ego.neighbours)",
            "ego.similarity": ego.similarity ?? "auto",
        ]
        if models.contains("gru4rec") || imports.contains(where: { $0.kind.lowercased() == "gru4rec" }) {
            result["timeshap.prune_tolerance"] = "\(timeshap.tolerance)"
            result["timeshap.baseline"] = baselineItem.map { "item:\($0)" } ?? (timeshap.baseline == .meanItem ? "mean" : "zero")
            result["timeshap.samples"] = "\(timeshap.sampleBudget)"
        }
        for entry in imports {
            result["import.\(entry.kind)"] = lastPathComponent(entry.path)
            result["import.\(entry.kind).fold_in"] = "lambda=\(entry.foldInLambda),alpha=\(entry.foldInAlpha)"
        }
        result["explainers"] = (explainers ?? ExplainerRegistry.defaultNames).joined(separator: ", ")
        for (model, names) in modelExplainers.sorted(by: { $0.key < $1.key }) { result["\(model).explainers"] = names.joined(separator: ", ") }
        result["fidelity.users"] = "\(fidelityUsers)"
        if let names = fidelityExplainers { result["fidelity.explainers"] = names.joined(separator: ", ") }
        result["shap.budget"] = "\(explainerOptions.shapBudget)"
        result["lime.samples"] = "\(explainerOptions.limeSamples)"
        if let f = split.testFraction { result["test_fraction"] = "\(f)" }
        return result
    }
}

/// The last component of a path ("a/b/c.npz" → "c.npz"), for display.
func lastPathComponent(_ path: String) -> String {
    let trimmed = path.hasSuffix("/") ? String(path.dropLast()) : path
    return trimmed.split(separator: "/").last.map(String.init) ?? trimmed
}

extension SplitStrategy {
    /// The test fraction of time and random splits.
    public var testFraction: Double? {
        switch self {
        case .globalTime(let f), .random(let f): f
        case .leaveLastOut: nil
        }
    }
}
