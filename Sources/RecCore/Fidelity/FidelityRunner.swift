import Dispatch

/// Runs the fidelity benchmark: every history-conditioned model × every explainer that applies
/// to it, over a seeded sample of users.
///
/// Per user and model, the explained target is the model's own top-1 item with the user's
/// training items excluded, picked from `scores(forUser:)` (as LXR explains the recommended
/// item); for fold-in models the scorer's full-history scores need not rank it first
/// (``FidelityCurves/fullHistoryRank`` says where it is). Each explainer's values for that
/// target (players matched to `scorer.events` by `position`; events without a value read 0;
/// feature, cell and pruned-group players are ignored) rank the events, largest first, ties by
/// the more recent event first (``RankAgreement/ranking(_:)``).
public struct FidelityRunner: Sendable {
    /// Named sub-stream of the seed for the user sample.
    public static let samplingStream: UInt64 = 0xF1DE_0001
    /// Named sub-stream of the seed for the bootstrap.
    public static let bootstrapStream: UInt64 = 0xF1DE_0002

    public var ks: [Int] = [5, 10, 20]
    public var chunks = 10
    public var fixedLengths = Array(1...5)
    public var resamples = 1000
    public var level = 0.95

    public init() {}

    /// What a run returns: the artifact and, apart from it (it varies between runs), wall-clock
    /// milliseconds per explanation, by model name then explainer name, over the explanations
    /// made here (an explainer whose explanations all came from `precomputed` has no entry).
    public struct Output: Sendable {
        public var artifact: FidelityArtifact
        public var millisecondsPerExplanation: [String: [String: Double]]
    }

    /// `count` users drawn without replacement (seeded) among those with at least 2 training
    /// events, ascending; all of them when `count` is larger.
    public static func sampleUsers(train: InteractionMatrix, count: Int, seed: UInt64) -> [Int] {
        let candidates = (0..<train.userCount).filter { train.rowCount(ofUser: $0) >= 2 }
        guard count < candidates.count else { return candidates }
        var rng = SplitMix64(seed: seed).derived(samplingStream)
        return rng.sample(max(count, 0), from: candidates.count).map { candidates[$0] }
    }

    /// The benchmark artifact for `models` × `explainers` over `users`.
    /// - Parameter precomputed: explanations already made for a (model name, user), e.g. the user
    ///   pages'; one whose explainer matches and whose first target is the benchmark's target is
    ///   used as is (its first column), so the benchmark measures what readers see and pays once.
    public func run(models: [any Recommender], explainers: [any Explainer], users: [Int], context: ExplanationContext,
                    precomputed: @Sendable (String, Int) -> [Explanation] = { _, _ in [] }) -> Output {
        let settings = FidelityArtifact.Settings(
            usersSampled: users.count, chunks: chunks, ks: ks, fixedLengths: fixedLengths, bootstrapResamples: resamples,
            confidence: level, seed: context.seed)
        var results: [FidelityArtifact.Model] = []
        var milliseconds: [String: [String: Double]] = [:]
        for model in models {
            guard let conditioned = model as? any HistoryConditionedRecommender, conditioned.historyScoring != .constant else { continue }
            let applicable = explainers.filter { $0.applies(to: model) }
            guard !applicable.isEmpty else { continue }
            let (result, times) = BLAS.withSingleThread {
                benchmark(conditioned, explainers: applicable, users: users, context: context, precomputed: precomputed)
            }
            results.append(result)
            milliseconds[model.name] = times
        }
        return Output(artifact: FidelityArtifact(settings: settings, models: results), millisecondsPerExplanation: milliseconds)
    }

    /// One explainer's outcome for one user.
    struct Outcome: Sendable {
        var curves: FidelityCurves
        var values: [Double]
        var ranking: [Int]
        var evaluations: Int
        /// Time to explain; nil when the explanation was reused (`precomputed`).
        var nanoseconds: UInt64?
    }

    private func benchmark(_ model: any HistoryConditionedRecommender, explainers: [any Explainer], users: [Int],
                           context: ExplanationContext, precomputed: @Sendable (String, Int) -> [Explanation]) -> (FidelityArtifact.Model, [String: Double]) {
        // outcomes[u][e]: nil when the user has no target or the explainer returned nothing.
        var outcomes = [[Outcome?]](repeating: [], count: users.count)
        // One user per work item, the longest histories first (each user's result is its own,
        // whatever the thread): the models run one after another, and a last chunk of several
        // long users used to leave the other core idle at the end of each.
        let order = context.train.longestHistoriesFirst(users)
        outcomes.withUnsafeMutableBufferPointer { buffer in
            let output = UnsafeSendable(buffer)
            DispatchQueue.concurrentPerform(iterations: order.count) { k in
                let index = order[k]
                var scores = [Float](repeating: 0, count: model.itemCount)
                output.buffer[index] = evaluate(model, user: users[index], explainers: explainers, context: context, buffer: &scores,
                                                precomputed: precomputed(model.name, users[index]))
            }
        }
        let metrics = FidelityMetric.all(ks: ks)
        var stream = SplitMix64(seed: context.seed).derived(Self.bootstrapStream)
        let seed = stream.next()
        var rows: [FidelityArtifact.Row] = []
        var times: [String: Double] = [:]
        for (e, explainer) in explainers.enumerated() {
            let done = outcomes.compactMap { $0.isEmpty ? nil : $0[e] }
            let summary = FidelitySummary.aggregate(done.map(\.curves), metrics: metrics, resamples: resamples, level: level, seed: seed)
            let evaluations = done.isEmpty ? 0 : Double(done.reduce(0) { $0 + $1.evaluations }) / Double(done.count)
            rows.append(FidelityArtifact.Row(explainer: explainer.name, meaning: explainer.meaning, summary: summary, evaluationsPerExplanation: evaluations))
            let made = done.compactMap(\.nanoseconds)
            if !made.isEmpty { times[explainer.name] = Double(made.reduce(0, +)) / Double(made.count) / 1e6 }
        }
        var agreement: [FidelityArtifact.Agreement] = []
        for a in explainers.indices {
            for b in explainers.indices where b > a {
                let pairs = outcomes.compactMap { row -> (Outcome, Outcome)? in
                    guard !row.isEmpty, let x = row[a], let y = row[b] else { return nil }
                    return (x, y)
                }
                let taus = pairs.compactMap { RankAgreement.kendallTauB($0.0.values, $0.1.values) }
                let overlaps = pairs.map { RankAgreement.topOverlap($0.0.ranking, $0.1.ranking, k: 3) }
                agreement.append(FidelityArtifact.Agreement(
                    first: explainers[a].name, second: explainers[b].name,
                    kendallTau: taus.isEmpty ? nil : FidelityCurves.mean(taus), tauUsers: taus.count,
                    topOverlap: overlaps.isEmpty ? nil : FidelityCurves.mean(overlaps), users: pairs.count))
            }
        }
        let explained = outcomes.filter { !$0.isEmpty }.count
        let artifact = FidelityArtifact.Model(
            name: model.name, displayName: model.displayName, historyScoring: model.historyScoring, users: explained, rows: rows, agreement: agreement)
        return (artifact, times)
    }

    /// Every explainer's outcome for one user; empty when the user has no target or no event.
    private func evaluate(_ model: any HistoryConditionedRecommender, user: Int, explainers: [any Explainer], context: ExplanationContext,
                          buffer: inout [Float], precomputed: [Explanation]) -> [Outcome?] {
        let train = context.train
        let seen = train.items[train.range(ofUser: user)]
        guard let target = model.topK(forUser: user, k: 1, excluding: seen, buffer: &buffer).first?.item else { return [] }
        let scorer = model.historyScorer(forUser: user)
        guard !scorer.events.isEmpty else { return [] }
        let excluded = Set(seen.map { Int($0) })
        let request = ExplanationRequest(model: model, user: user, targets: [target], scorer: scorer, context: context)
        // The explainers' curves meet on many masks (both ends of every curve, whole curves when
        // two rankings agree): each distinct mask is scored once for all of them.
        let curveScorer = MemoizedHistoryScorer(scorer)
        return explainers.map { explainer -> Outcome? in
            let start = DispatchTime.now().uptimeNanoseconds
            let reused = precomputed.first { $0.explainer == explainer.name && $0.attribution.targets.first == context.itemIDs[target] }
            guard let explanation = reused ?? explainer.explain(request) else { return nil }
            let elapsed = DispatchTime.now().uptimeNanoseconds - start
            let values = Self.eventValues(explanation.attribution, events: scorer.events)
            let ranking = RankAgreement.ranking(values)
            let curves = FidelityCurves.evaluate(scorer: curveScorer, target: target, ranking: ranking, excluded: excluded,
                                                 ks: ks, chunks: chunks, fixedLengths: fixedLengths)
            return Outcome(curves: curves, values: values, ranking: ranking, evaluations: explanation.evaluations,
                           nanoseconds: reused == nil ? elapsed : nil)
        }
    }

    /// Each event's value for target 0 (events matched by `position`; missing events read 0).
    static func eventValues(_ attribution: Attribution, events: [ScoredHistoryEvent]) -> [Double] {
        var byPosition: [Int: Int] = [:]
        for (e, event) in events.enumerated() { byPosition[event.position] = e }
        var values = [Double](repeating: 0, count: events.count)
        guard !attribution.targets.isEmpty else { return values }
        for (p, player) in attribution.players.enumerated() {
            guard player.feature == nil, player.group == nil, let position = player.position, let e = byPosition[position] else { continue }
            values[e] += Double(attribution.values[p, 0])
        }
        return values
    }
}
