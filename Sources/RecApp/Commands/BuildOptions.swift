import ArgumentParser
import RecCore

/// Flags shared by `build` (they override the experiment file).
struct BuildOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Dataset folder or CSV file. Default: the embedded synthetic dataset.", valueName: "path"))
    var data: String?

    @Option(name: .long, help: ArgumentHelp("Dataset format: auto, movielens-100k, movielens-1m, movielens-latest or csv. Default: auto (detected from the files).", valueName: "format"))
    var format: String?

    @Option(name: .long, help: ArgumentHelp("YAML experiment file; flags override its values (`reclens init` writes an example).", valueName: "file"))
    var config: String?

    @Option(name: .long, help: ArgumentHelp("Site folder, replaced atomically. Default: site.", valueName: "dir"))
    var out: String?

    @Option(name: .long, help: ArgumentHelp("Artifact folder. Default: .reclens.", valueName: "dir"))
    var artifacts: String?

    @Option(name: .long, help: ArgumentHelp("Template folder (*.mustache) to restyle the site. Default: the bundled templates.", valueName: "dir"))
    var templates: String?

    @Option(name: .long, help: ArgumentHelp("Seed of every random choice (split, sampling, synthetic data). Default: 42.", valueName: "n"))
    var seed: UInt64?

    @Option(name: .long, help: ArgumentHelp("Users that get a page: N (seeded sample beyond N), all, or raw ids ID,ID,… Default: 1000.", valueName: "N|all|ids"))
    var users: String?

    @Option(name: .long, help: ArgumentHelp("Cut-off K of recommendation lists and metrics. Default: 10.", valueName: "k"))
    var k: Int?

    @Option(name: .long, help: ArgumentHelp("Comma-separated models: \(ModelRegistry.names.joined(separator: ", ")) (any case; \(ModelRegistry.dependencyNote), without listing them). Default: all but \(ModelRegistry.all.filter { !$0.inDefaultBuild }.map(\.name).joined(separator: ", ")).", valueName: "names"))
    var models: String?

    @Option(name: .long, help: ArgumentHelp("Comma-separated explainers run for every model (a model section's `explainers` in the experiment file overrides it): \(knownExplainerNames.joined(separator: ", ")). Default: each model's own set.", valueName: "names"))
    var explainers: String?

    @Option(name: .long, help: ArgumentHelp("KernelSHAP coalitions per explained item above the exact limit (≥ 16). Default: 2048.", valueName: "n"))
    var shapBudget: Int?

    @Option(name: .long, help: ArgumentHelp("LIME perturbed histories per explained user (≥ 1). Default: 256.", valueName: "n"))
    var limeSamples: Int?

    @Option(name: .long, help: ArgumentHelp("Split: time (global time split), leave-last-out or random. Default: time.", valueName: "strategy"))
    var split: String?

    @Option(name: .long, help: ArgumentHelp("Test fraction of the time and random splits. Default: 0.2.", valueName: "f"))
    var testFraction: Double?

    @Option(name: .long, help: ArgumentHelp("Test interactions rated at least this are relevant; 0 = all. Default: 4.", valueName: "r"))
    var minRelevantRating: Float?

    @Option(name: .long, help: ArgumentHelp("Keep only interactions rated at least this (implicit feedback). Default: keep all.", valueName: "r"))
    var minRating: Float?

    @Option(name: .long, help: ArgumentHelp("Drop users with fewer interactions. Default: 0.", valueName: "n"))
    var minUserInteractions: Int?

    @Option(name: .long, help: ArgumentHelp("Drop items with fewer interactions. Default: 0.", valueName: "n"))
    var minItemInteractions: Int?

    @Flag(name: .long, help: "Repeat the minimum filters until nothing changes (k-core).")
    var kCore = false

    @Option(name: .long, help: ArgumentHelp("ItemKNN neighbours kept per item. Default: 100.", valueName: "n"))
    var neighbours: Int?

    @OptionGroup var csv: CSVFlags

    @Option(name: .customLong("import"), help: ArgumentHelp("A model trained elsewhere, KIND=FILE.npz; named KIND-imported. gru4rec=FILE.npz: a PyTorch GRU4Rec state_dict (item_emb.weight, gru.weight_ih_l0, gru.weight_hh_l0, gru.bias_ih_l0, gru.bias_hh_l0, optional out.weight/out.bias) plus item_ids; any other KIND: user_factors, item_factors, user_ids, item_ids (optional user_bias, item_bias, global_bias). Repeatable.", valueName: "kind=file"))
    var imports: [String] = []

    @Option(name: .customLong("import-fold-in"), help: ArgumentHelp("Fold-in of users an imported factor model has no row for: ridge lambda > 0 and confidence alpha ≥ 0 (c = 1 + alpha·r), for the import of KIND or, without KIND, every import. Repeatable. Default: lambda=1,alpha=1.", valueName: "[kind:]lambda=l,alpha=a"))
    var importFoldIns: [String] = []

    @Option(name: .long, help: ArgumentHelp("Similarity of the ego graphs and neighbour lists: itemknn or a model with item factors (als, pmf, mf, bpr, two-tower, lmf, KIND-imported). Default: itemknn when built.", valueName: "model"))
    var egoSimilarity: String?

    @Option(name: .long, help: ArgumentHelp("Ego graph radius in hops (1–4). Default: 2.", valueName: "r"))
    var egoRadius: Int?

    @Option(name: .long, help: ArgumentHelp("Neighbours followed from each ego-graph node (1–10). Default: 5.", valueName: "m"))
    var egoNeighbours: Int?

    @Option(name: .long, help: ArgumentHelp("TimeSHAP pruning tolerance η in score units: events older than the first cut whose joint |Shapley value| is at most η become one player; 0 turns pruning off. Default: 0.025.", valueName: "eta"))
    var pruneTolerance: Double?

    @Option(name: .long, help: ArgumentHelp("TimeSHAP absent-event baseline: zero, mean (mean item embedding) or item:RAWID. Default: zero.", valueName: "baseline"))
    var explainBaseline: String?

    @Option(name: .long, help: ArgumentHelp("GRU4Rec event features beside the item: comma-separated rating, time-gap, genres, or none. Default: all the dataset has.", valueName: "list"))
    var gru4recFeatures: String?

    @Option(name: .long, help: ArgumentHelp("Size of the synthetic dataset as USERS,ITEMS,INTERACTIONS. Default: 943,1682,100000.", valueName: "u,i,n"))
    var syntheticSize: String?

    @Option(name: .long, help: ArgumentHelp("Users in the explainers' fidelity benchmark (explainers.html); 0 = off. Default: 200.", valueName: "n"))
    var fidelityUsers: Int?

    @Option(name: .long, help: ArgumentHelp("Explainers compared in the fidelity benchmark: names or `all`. Default: the user pages' explainers and random.", valueName: "names"))
    var fidelityExplainers: String?

    @Flag(name: .long, help: "Also write every user and item chart as a standalone SVG + CSV in figures/ (large; `reclens figure PAGE` writes one page's).")
    var figures = false

    @Flag(name: .long, help: "No progress output.")
    var quiet = false

    @Option(name: .long, help: ArgumentHelp("Trained-model cache: a rebuild with the same data, split, seed, model settings and reclens binary loads the models instead of training them; `none` turns it off. Default: .reclens-cache beside the artifact folder.", valueName: "dir"))
    var modelCache: String?

    @Flag(name: .long, help: "Train every model even when the model cache has it (and refresh the cache).")
    var retrain = false

    @Option(name: .long, help: ArgumentHelp("Explain only shard i of n of the users (1 ≤ i ≤ n; a fixed assignment by position), into this build's artifact folder; `reclens render --artifacts A --artifacts B …` merges the shards into the site an unsharded build writes.", valueName: "i/n"))
    var shard: String?

    /// Defaults, then the experiment file, then these flags.
    func resolve() throws -> BuildSettings {
        var settings = BuildSettings()
        if let config { try settings.apply(try ExperimentFile.load(path: config), file: config) }
        if let v = data { settings.data = v }
        if let v = format { settings.format = try BuildSettings.parseFormat(v, file: "--format") }
        if let v = out { settings.out = v }
        if let v = artifacts { settings.artifacts = v }
        if let v = templates { settings.templates = v }
        if let v = seed { settings.seed = v }
        if let v = users { settings.users = try UserSelection(parsing: v, source: "--users") }
        if let v = k { settings.k = v }
        if let v = models {
            settings.models = Self.list(v)
            for name in settings.models { _ = try ModelRegistry.require(name, source: "--models") }
        }
        if let v = explainers { settings.explainers = try BuildSettings.parseExplainers(Self.list(v), source: "--explainers") }
        if let v = shapBudget {
            guard v >= 16 else { throw DataError(file: "--shap-budget", "must be at least 16, got \(v)") }
            settings.explainerOptions.shapBudget = v
        }
        if let v = limeSamples {
            guard v >= 1 else { throw DataError(file: "--lime-samples", "must be at least 1, got \(v)") }
            settings.explainerOptions.limeSamples = v
        }
        if split != nil || testFraction != nil {
            let name = split ?? settings.split.name
            guard let strategy = SplitStrategy(name: name, testFraction: testFraction ?? settings.split.testFraction ?? 0.2) else {
                throw DataError(file: "--split", "unknown split strategy '\(name)'; expected one of \(SplitStrategy.names.joined(separator: ", "))")
            }
            settings.split = strategy
        }
        if let v = minRelevantRating { settings.minRelevantRating = v > 0 ? v : nil }
        if let v = minRating { settings.filter.minRating = v }
        if let v = minUserInteractions { settings.filter.minUserInteractions = v }
        if let v = minItemInteractions { settings.filter.minItemInteractions = v }
        if kCore { settings.filter.iterate = true }
        if let v = neighbours { settings.itemKNN.neighbours = v }
        try csv.apply(to: &settings.csv)
        if !imports.isEmpty { settings.imports = try imports.map { try BuildSettings.ModelImport(parsing: $0, source: "--import") } }
        for text in importFoldIns { try BuildSettings.ModelImport.applyFoldIn(text, to: &settings.imports) }
        if let v = egoSimilarity { settings.ego.similarity = v.lowercased() }
        if let v = egoRadius { settings.ego.radius = v }
        if let v = egoNeighbours { settings.ego.neighbours = v }
        if let v = pruneTolerance { settings.timeshap.tolerance = v }
        if let v = explainBaseline { try settings.setBaseline(v, source: "--explain-baseline") }
        if let v = gru4recFeatures {
            let names = v.lowercased() == "none" ? [] : v.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            try settings.setFeatures(names, source: "--gru4rec-features")
        }
        if let v = syntheticSize {
            let numbers = v.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
            guard numbers.count == 3 else { throw DataError(file: "--synthetic-size", "expected USERS,ITEMS,INTERACTIONS, found '\(v)'") }
            settings.synthetic.users = numbers[0]
            settings.synthetic.items = numbers[1]
            settings.synthetic.interactions = numbers[2]
        }
        if let v = fidelityUsers { settings.fidelityUsers = v }
        if let v = fidelityExplainers {
            settings.fidelityExplainers = v.lowercased() == "all" ? knownExplainerNames : try BuildSettings.parseExplainers(Self.list(v), source: "--fidelity-explainers")
        }
        settings.quiet = quiet
        settings.pageFigures = figures
        if let v = modelCache {
            if v == "none" { settings.usesModelCache = false } else { settings.modelCache = v }
        }
        settings.retrain = retrain
        if let v = shard {
            let parts = v.split(separator: "/").map { Int($0.trimmingCharacters(in: .whitespaces)) }
            guard parts.count == 2, let i = parts[0], let n = parts[1], n >= 1, i >= 1, i <= n else {
                throw DataError(file: "--shard", "expected i/n with 1 ≤ i ≤ n (e.g. 2/3), found '\(v)'")
            }
            settings.shard = .init(index: i, count: n)
        }
        try settings.validate(source: config ?? "command line")
        return settings
    }

    /// "a, B,c" → ["a", "b", "c"].
    private static func list(_ text: String) -> [String] {
        text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }.filter { !$0.isEmpty }
    }
}
