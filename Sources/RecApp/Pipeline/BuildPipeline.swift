import Foundation
import RecCore

/// The build half: data → filter → split → models → evaluation → explanations → artifacts.
public struct BuildPipeline {
    public let settings: BuildSettings
    public let progress: Progress

    public init(settings: BuildSettings, progress: Progress) {
        self.settings = settings
        self.progress = progress
    }

    /// Loads the dataset named by the settings (or generates the synthetic one) and filters it.
    public func loadDataset() throws -> Dataset {
        let started = Date()
        var dataset: Dataset
        if let path = settings.data {
            dataset = try DatasetReader.read(path: path, format: settings.format, csv: try settings.csvOptions())
        } else {
            let s = settings.synthetic
            var configuration = SyntheticGenerator.Configuration()
            configuration.users = s.users
            configuration.items = s.items
            configuration.interactions = s.interactions
            configuration.seed = settings.seed
            dataset = SyntheticGenerator.generate(configuration)
        }
        dataset = try settings.filter.apply(to: dataset, source: settings.data ?? "synthetic data")
        progress.step("loaded \(dataset.name): \(dataset.userCount) users, \(dataset.itemCount) items, \(dataset.interactions.count) interactions (\(seconds(since: started)))")
        return dataset
    }

    /// Runs every step and returns the artifacts.
    public func run() throws -> ArtifactBundle {
        let dataset = try loadDataset()
        let split = Split(dataset.interactions, strategy: settings.split, minRelevantRating: settings.minRelevantRating, seed: settings.seed)
        guard split.train.count > 0 else {
            throw DataError(file: settings.data ?? "synthetic data", "the \(settings.split.name) split left no training interaction")
        }
        progress.step("split (\(settings.split.name)): \(split.train.count) train, \(split.test.count) test, \(split.evaluableUserCount) users with relevant test items")

        let training = Stopwatch()
        var models = try ModelTrainer(settings: settings, dataset: dataset, split: split, progress: progress).trainAll()
        progress.step("models ready (\(training.description))")
        let assembler = ArtifactAssembler(dataset: dataset, split: split, settings: settings)
        var modelArtifacts: [ModelArtifact] = []
        var perUser: [(full: [RankingMetrics.UserValues], sampled: [(hit: Double, ndcg: Double)])] = []
        for model in models {
            let evaluation = Evaluator.evaluation(model, split: split, k: settings.k, seed: settings.seed)
            let (sampled, sampledPerUser) = SampledMetrics.evaluation(model, split: split, k: settings.k, negatives: 100, seed: settings.seed)
            let metrics = evaluation.metrics
            modelArtifacts.append(assembler.modelArtifact(model, metrics: metrics, byActivity: evaluation.byActivity, sampled: sampled))
            perUser.append((evaluation.perUser, sampledPerUser))
            progress.step("evaluated \(model.name): NDCG@\(settings.k) \(format4(metrics.ndcg)), HitRate@\(settings.k) \(format4(metrics.hitRate)) over \(metrics.users) users; among 100 sampled negatives NDCG \(format4(sampled.ndcg)), HR \(format4(sampled.hitRate))")
        }
        // The metrics' intervals and tests are independent (each has its own seed stream), so
        // they run side by side: at 10M interactions (46,029 evaluated users) they took a minute
        // on one core.
        let comparisonStarted = Date()
        let comparisonSeed = SplitMix64(seed: settings.seed).derived(0x1EAD_E4B0)
        let metrics = LeaderboardMetric.allCases, names = models.map(\.name), scored = perUser
        var uncertainties = [[MetricUncertainty]](repeating: [], count: metrics.count)
        uncertainties.withUnsafeMutableBufferPointer { buffer in
            let output = UnsafeSendable(buffer)
            DispatchQueue.concurrentPerform(iterations: metrics.count) { c in
                let metric = metrics[c]
                let values = scored.map { model in model.full.indices.compactMap { metric.value(model.full[$0], sampled: model.sampled[$0]) } }
                output.buffer[c] = PairedComparison.compare(values, names: names, generator: comparisonSeed.derived(UInt64(c)))
            }
        }
        for (c, metric) in metrics.enumerated() {
            for (m, u) in uncertainties[c].enumerated() { modelArtifacts[m].uncertainty = (modelArtifacts[m].uncertainty ?? [:]).merging([metric.key: u]) { $1 } }
        }
        if let evaluated = perUser.first?.full.count, evaluated > 0 {
            progress.step("computed the leaderboard's intervals and tests (\(metrics.count) metrics over \(evaluated) users) (\(seconds(since: comparisonStarted)))")
        }
        let explainerSettings = try assembler.explainerSettings()
        // History scorers replace an absent GRU4Rec event by the same baseline as TimeSHAP.
        for m in models.indices {
            guard var gru = models[m] as? GRU4Rec else { continue }
            gru.historyBaseline = explainerSettings.timeshap.baseline
            models[m] = gru
        }
        let plan = try ExplainerPlan(settings: settings, models: models, registry: explainerSettings)
        let lxrCurves = LXRStep(settings: settings, dataset: dataset, split: split, progress: progress).run(models: models, plan: plan, registry: explainerSettings)
        for m in models.indices { modelArtifacts[m].curves += lxrCurves[m] }
        let titles = (0..<dataset.itemCount).map(dataset.title(ofItem:))
        let context = ExplanationContext(train: split.train, itemIDs: dataset.itemIDs, titles: titles, seed: settings.seed)
        let started = Stopwatch()
        let withHistory = (0..<split.train.userCount).filter { split.train.rowCount(ofUser: $0) > 0 }
        let users = try settings.users.resolve(userIDs: dataset.userIDs, candidates: withHistory, seed: settings.seed)
        // A shard explains every n-th user; the model-level figures below still cover all users
        // (or, for the sequence summaries, are recomputed from the merged users), and the
        // fidelity benchmark runs in shard 1 only, so that the merged shards equal a whole build.
        let explainedUsers = settings.shard.map { s in users.indices.filter { $0 % s.count == s.index - 1 }.map { users[$0] } } ?? users
        let userArtifacts = assembler.userArtifacts(users: explainedUsers, models: models, plan: plan, context: context, progress: progress)
        progress.step("explained \(explainedUsers.count) users\(settings.shard.map { " (shard \($0.index)/\($0.count))" } ?? "") (\(started.description))")
        var pages = Dictionary(uniqueKeysWithValues: zip(explainedUsers, userArtifacts))
        if settings.shard?.index == 1, settings.fidelityUsers > 0 {
            // The benchmark reuses the page explanations of its sampled users: shard 1 explains
            // the sampled users of other shards too (without writing them), so that its benchmark
            // is the whole build's.
            let explained = Set(users)
            let others = FidelityRunner.sampleUsers(train: split.train, count: settings.fidelityUsers, seed: settings.seed)
                .filter { explained.contains($0) && pages[$0] == nil }
            let quiet = Progress(quiet: true)
            for (user, artifact) in zip(others, assembler.userArtifacts(users: others, models: models, plan: plan, context: context, progress: quiet)) {
                pages[user] = artifact
            }
        }
        let fidelity = (settings.shard?.index ?? 1) != 1 ? nil : try FidelityStep(settings: settings, dataset: dataset, split: split, progress: progress)
            .run(models: models, explainers: FidelityStep.explainers(explainerSettings), context: context, pages: pages, plan: plan)
        let agreementStarted = Stopwatch()
        let agreements = FoldInAgreementStep.measure(models: models, users: users, train: split.train, k: settings.k)
        // Said in the log, so that the stages' times add up to the build's.
        if let sample = agreements.compactMap({ $0?.users }).max() {
            progress.step("measured the fold-ins' agreement with the trained models over \(sample) users (\(agreementStarted.description))")
        }
        for (m, model) in models.enumerated() {
            modelArtifacts[m].foldInAgreement = agreements[m]
            modelArtifacts[m].explainers = plan.perModel[m].map { ExplainerInfo(name: $0.name, meaning: $0.meaning) }
            if let attributing = model as? any IntrinsicallyAttributing & InputGroupScoring {
                modelArtifacts[m].intrinsicSummary = IntrinsicAttributionSummary.measure(attributing, users: users, train: split.train, k: settings.k)
            }
            guard let sequential = model as? any GRUSequenceModel else { continue }
            modelArtifacts[m].sequenceSummary = SequenceExplanationSummary.ofModel(m, users: userArtifacts, maxLength: sequential.maxLength, k: settings.k)
        }
        let neighbours = try assembler.neighbours(models: models)
        let ids = users.map { dataset.userIDs[$0] }
        var manifest = RunManifest(
            tool: "reclens \(RecLensVersion.string)", seed: settings.seed, datasetFingerprint: dataset.fingerprint,
            settings: settings.summary, models: models.map(\.name), users: explainedUsers.map { dataset.userIDs[$0] }, k: settings.k)
        manifest.shard = settings.shard.map { RunManifest.Shard(index: $0.index, count: $0.count, allUsers: ids) }
        return ArtifactBundle(
            manifest: manifest, dataset: assembler.datasetArtifact(), models: modelArtifacts, users: userArtifacts,
            neighbours: neighbours, fidelity: fidelity)
    }
}

func seconds(since start: Date) -> String { formatSeconds(Date().timeIntervalSince(start)) }

/// "812 ms" below a second, else "23.0 s" (tenths, truncated).
func formatSeconds(_ s: Double) -> String {
    s < 1 ? "\(Int(s * 1000)) ms" : "\(Int(s * 10) / 10).\(Int(s * 10) % 10) s"
}

/// x with 4 decimals ("-0.0123"); negative values keep their sign.
func format4(_ x: Double) -> String {
    guard x.isFinite else { return "\(x)" }
    let scaled = Int((abs(x) * 10000).rounded())
    let fraction = String(scaled % 10000)
    return "\(x < 0 && scaled > 0 ? "-" : "")\(scaled / 10000).\(String(repeating: "0", count: 4 - fraction.count))\(fraction)"
}
