import Foundation
@testable import RecCore
import RecTestSupport
import Testing

/// LXR: the loss gradient against finite differences, determinism, and on a planted model whose
/// recommendation rests on exactly one history item, the largest mask on that item.
@Suite struct LXRTests {
    // MARK: gradient of the loss

    /// A toy recommender in Double: sᵢ(m) = tanh(Σⱼ mⱼ Aⱼᵢ), p = softmax(s); the oracle returns
    /// log p(y | m) and its exact gradient.
    static func oracle(items: Int, history: Int, target: Int) -> LXRObjective.Oracle<Double> {
        let a = GradientCheck.values(history * items, seed: 31, scale: 1.5)
        return { (m: [Double]) -> (logProbability: Double, gradient: [Double]) in
            var s = [Double](repeating: 0, count: items)
            for i in 0..<items {
                var z = 0.0
                for j in 0..<history { z += m[j] * a[j * items + i] }
                s[i] = tanh(z)
            }
            let top = s.max()!
            var total = 0.0
            for v in s { total += exp(v - top) }
            let lse = top + log(total)
            var gradient = [Double](repeating: 0, count: history)
            for j in 0..<history {
                for i in 0..<items {
                    let weight: Double = (i == target ? 1 : 0) - exp(s[i] - lse)
                    gradient[j] += weight * (1 - s[i] * s[i]) * a[j * items + i]
                }
            }
            return (s[target] - lse, gradient)
        }
    }

    @Test func lossGradientMatchesFiniteDifferences() {
        let items = 9, h = 4
        let history = [1, 4, 6, 7], target = 2
        var rng = SplitMix64(seed: 3)
        let network = LXRNetwork<Double>(items: items, hiddenSize: h, rng: &rng)
        let c = LXRConfiguration(hiddenSize: h, lambdaPositive: 2.5, lambdaNegative: 1.3, alpha: 0.7)
        let oracle = Self.oracle(items: items, history: history.count, target: target)
        var gradient = LXRNetwork<Double>(items: items, hiddenSize: h)
        _ = LXRObjective.user(network, history: history, target: target, oracle: oracle, configuration: c, scale: 1, gradient: &gradient)
        // Every block that the example reaches gets gradient.
        for path in LXRNetwork<Double>.blocks { #expect(gradient[keyPath: path].map(abs).max()! > 1e-6) }
        let error = GradientCheck.maxRelativeError(at: network, fields: LXRNetwork<Double>.blocks, analytic: gradient) { q in
            var scratch = LXRNetwork<Double>(items: items, hiddenSize: h)
            return LXRObjective.user(q, history: history, target: target, oracle: oracle, configuration: c, scale: 1, gradient: &scratch).total
        }
        #expect(error < 1e-7)
        var wrong = gradient
        wrong.hiddenWeight[3] += 1e-3
        #expect(GradientCheck.maxRelativeError(at: network, fields: [\.hiddenWeight], analytic: wrong) { q in
            var scratch = LXRNetwork<Double>(items: items, hiddenSize: h)
            return LXRObjective.user(q, history: history, target: target, oracle: oracle, configuration: c, scale: 1, gradient: &scratch).total
        } > 1e-4)
    }

    /// The softmax oracle of a real scorer: its gradient against central differences of log p.
    @Test func targetProbabilityGradientMatchesFiniteDifferences() throws {
        let model = PlantedModel.make()
        for logProbabilities in [false, true] {
            let scorer = try #require(model.historyScorer(forUser: 3) as? any MaskDifferentiableScorer)
            let p = LXRTargetProbability(scorer: scorer, target: 1, logProbabilities: logProbabilities)
            let mask = p.items.indices.map { Float(0.2 + 0.15 * Double($0)) }
            let (_, gradient) = p.evaluate(mask)
            for j in mask.indices {
                var plus = mask, minus = mask
                plus[j] += 1e-2
                minus[j] -= 1e-2
                let numeric = (p.evaluate(plus).logProbability - p.evaluate(minus).logProbability) / 2e-2
                #expect(abs(gradient[j] - numeric) < 1e-3 * max(1, abs(numeric)), "item \(j): \(gradient[j]) vs \(numeric)")
            }
        }
    }

    /// Mult-VAE's batched pass (LXR's training batches) gives each user's own log p and gradient.
    @Test func batchedVAEProbabilitiesEqualTheOneByOneOracle() throws {
        let train = Self.planted.train
        let vae = MultVAE(train: train, configuration: .init(hiddenSize: 16, latentSize: 4, epochs: 2, batchSize: 30))
        var rows: [(items: [Int32], mask: [Float], target: Int)] = []
        var single: [(logProbability: Float, gradient: [Float])] = []
        for (u, target) in [(0, 5), (1, 6), (7, 30)] {
            let scorer = try #require(vae.historyScorer(forUser: u) as? MultVAEHistoryScorer)
            let probability = LXRTargetProbability(scorer: scorer, target: target, logProbabilities: true)
            let mask = scorer.events.indices.map { Float(0.1 + 0.8 * Double(($0 * 7 + u) % 5) / 4) }
            rows.append((scorer.events.map { Int32($0.item) }, mask, target))
            single.append(probability.evaluate(mask))
        }
        let batched = MultVAEHistoryScorer.targetLogProbabilities(vae.parameters, rows: rows)
        for (a, b) in zip(batched, single) {
            #expect(abs(a.logProbability - b.logProbability) < 1e-5)
            #expect(zip(a.gradient, b.gradient).allSatisfy { abs($0 - $1) < 1e-5 })
        }
    }

    // MARK: planted model

    /// 40 items; items 0…4 are keys, 5…9 their followers (key k → follower k + 5). Each user's
    /// history holds one key and five fillers (items 10…39); the score of an item is a small
    /// fixed offset plus 3 × the mask weight of the key pointing to it. The top-1 item is the
    /// follower of the user's key, and it rests on exactly that one history item.
    struct PlantedModel: HistoryConditionedRecommender {
        let name = "planted"
        let displayName = "Planted"
        let summary = ""
        var hyperparameters: [String: String] { [:] }
        let itemCount = 40
        var scoreUnit: ScoreUnit { ScoreUnit(short: "score", meaning: "a test score.") }
        let train: InteractionMatrix
        let offsets: [Float]
        var historyScoring: HistoryScoring { .native }
        var historyScoringSummary: String { "planted" }
        var isMaskDifferentiable: Bool { true }

        static func make(users: Int = 120) -> PlantedModel {
            var rng = SplitMix64(seed: 17)
            var interactions: [Interaction] = []
            for u in 0..<users {
                let fillers = rng.sample(5, from: 30).map { $0 + 10 }
                var row = fillers + [u % 5]
                rng.shuffle(&row)
                for (t, item) in row.enumerated() { interactions.append(Interaction(user: u, item: item, rating: 1, timestamp: Int64(t))) }
            }
            let offsets = (0..<40).map { _ in Float(rng.nextDouble() * 0.5) }
            return PlantedModel(train: InteractionMatrix(userCount: users, itemCount: 40, interactions: interactions), offsets: offsets)
        }

        func scores(forUser user: Int, into scores: inout [Float]) { historyScorer(forUser: user).scores(mask: historyScorer(forUser: user).fullMask, into: &scores) }
        func historyScorer(forUser user: Int) -> any HistoryScorer { Scorer(model: self, events: FoldInHistory(train: train, user: user).events) }

        struct Scorer: MaskDifferentiableScorer {
            let model: PlantedModel
            let events: [ScoredHistoryEvent]
            var itemCount: Int { model.itemCount }
            func scores(mask: [Float], into scores: inout [Float]) {
                for i in 0..<itemCount { scores[i] = model.offsets[i] }
                for (j, event) in events.enumerated() where event.item < 5 { scores[event.item + 5] += 3 * mask[j] }
            }
            func scoreAndGradient(mask: [Float], target: Int) -> (score: Float, gradient: [Float]) {
                var s = [Float](repeating: 0, count: itemCount)
                scores(mask: mask, into: &s)
                return (s[target], events.map { $0.item < 5 && $0.item + 5 == target ? 3 : 0 })
            }
        }
    }

    static let planted = PlantedModel.make()
    static let configuration = LXRConfiguration(hiddenSize: 16, lambdaPositive: 3, lambdaNegative: 1.5, alpha: 1, learningRate: 0.01, epochs: 30, batchSize: 16)

    @Test func theLargestMaskIsOnTheOneItemTheRecommendationRestsOn() throws {
        let trained = LXRTrainer.train(model: Self.planted, train: Self.planted.train, configuration: Self.configuration)
        #expect(trained.users == 120)
        let loss = try #require(trained.curves.first { $0.name == "LXR loss" }).values
        #expect(loss.count == 30 && loss.last! < loss.first!)
        // Through the explainer (as pages and the fidelity benchmark use it), for every user.
        let explainer = LXRExplainer(configuration: Self.configuration)
        let context = ExplanationContext(train: Self.planted.train, itemIDs: (0..<40).map { "\($0)" }, titles: (0..<40).map { "Item \($0)" }, seed: 1)
        var hits = 0
        for u in 0..<120 {
            let key = u % 5
            let attribution = try #require(explainer.explain(ExplanationRequest(model: Self.planted, user: u, targets: [key + 5], context: context))).attribution
            let dense = attribution.dense()
            let best = dense.indices.max { dense[$0][0] < dense[$1][0] }!
            if attribution.players[best].historyItem == "\(key)" { hits += 1 }
        }
        #expect(hits >= 114, "the key item has the largest mask for \(hits) of 120 users")
    }

    @Test func trainingIsDeterministic() {
        let c = LXRConfiguration(hiddenSize: 8, epochs: 3, batchSize: 10)
        let a = LXRTrainer.train(model: Self.planted, train: Self.planted.train, configuration: c)
        let b = LXRTrainer.train(model: Self.planted, train: Self.planted.train, configuration: c)
        #expect(a.network == b.network && a.curves == b.curves)
        var other = c
        other.seed = 7
        #expect(LXRTrainer.train(model: Self.planted, train: Self.planted.train, configuration: other).network != a.network)
    }

    /// On a Newton fold-in (logistic MF, whose masks are solved iteratively and warm-started from
    /// each example's previous optimum): deterministic, and within a small tolerance of the
    /// training whose every fold-in starts cold.
    @Test func foldInTrainingIsDeterministicAndWarmStartsMatchColdStarts() {
        let model = NewtonFoldInTests.lmf, train = NewtonFoldInTests.train
        let c = LXRConfiguration(hiddenSize: 8, epochs: 6, batchSize: 10)
        let a = LXRTrainer.train(model: model, train: train, configuration: c)
        let b = LXRTrainer.train(model: model, train: train, configuration: c)
        #expect(a.network == b.network && a.curves == b.curves)
        let cold = LXRTrainer.train(model: model, train: train, configuration: c, warmStarts: false)
        for path in LXRNetwork<Float>.blocks {
            let warm = a.network[keyPath: path], reference = cold.network[keyPath: path]
            let gap = zip(warm, reference).map { abs($0 - $1) }.max() ?? 0
            #expect(gap <= 1e-4, "parameters differ from the cold-start training by \(gap)")
        }
        for (warm, reference) in zip(a.curves, cold.curves) {
            #expect(zip(warm.values, reference.values).allSatisfy { abs($0 - $1) <= 1e-4 * max(1, abs($1)) }, "\(warm.name)")
        }
    }

    @Test func theLearningRateDecaysTenfoldEveryFifteenEpochs() {
        let c = LXRConfiguration(learningRate: 0.005)
        #expect(c.learningRate(epoch: 0) == 0.005 && c.learningRate(epoch: 14) == 0.005)
        #expect(abs(c.learningRate(epoch: 15) - 0.0005) < 1e-9 && abs(c.learningRate(epoch: 39) - 0.00005) < 1e-10)
    }

    /// One store trains each model once and shares the network between explainer values.
    @Test func theStoreTrainsEachModelOnce() {
        let store = LXRStore()
        let c = LXRConfiguration(hiddenSize: 8, epochs: 2, batchSize: 10)
        let first = store.trained(for: Self.planted, train: Self.planted.train, configuration: c)
        let again = store.trained(for: Self.planted, train: Self.planted.train, configuration: c)
        #expect(first.network == again.network)
        var settings = ExplainerSettings()
        settings.lxr = c
        let a = ExplainerRegistry.make("lxr", settings: settings) as? LXRExplainer
        let b = ExplainerRegistry.make("lxr", settings: settings) as? LXRExplainer
        #expect(a != nil && a?.store === b?.store)
    }
}
