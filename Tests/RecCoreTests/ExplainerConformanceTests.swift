import RecCore
import Testing

/// The explainer conformance suite: every (model, explainer) pair that applies, on small trained
/// models, plus properties checked on toy models where the truth is known.
@Suite struct ExplainerConformanceTests {
    /// A small synthetic dataset: short histories so `shap` enumerates exactly (≤ 14 events).
    static let data: (train: InteractionMatrix, ids: [String], titles: [String]) = {
        var c = SyntheticGenerator.Configuration()
        c.users = 60
        c.items = 40
        c.interactions = 500
        c.seed = 7
        let dataset = SyntheticGenerator.generate(c)
        let split = Split(dataset.interactions, strategy: .random(testFraction: 0.2), minRelevantRating: nil, seed: 7)
        return (split.train, dataset.itemIDs, (0..<dataset.itemCount).map(dataset.title(ofItem:)))
    }()

    static var context: ExplanationContext { ExplanationContext(train: data.train, itemIDs: data.ids, titles: data.titles, seed: 3) }

    /// Every model type RecLens trains, small.
    static let models: [any Recommender] = {
        let train = data.train
        var models: [any Recommender] = [PopularityRecommender(train: train), ItemKNN(train: train)]
        models.append(ImplicitALS(train: train, configuration: .init(factors: 6, regularization: 0.1, iterations: 4, recordLoss: false)))
        models.append(MatrixFactorization(train: train, validation: nil, configuration: .init(factors: 4, epochs: 3, regularization: .none)))
        models.append(MatrixFactorization(train: train, validation: nil, configuration: .init(factors: 4, epochs: 3)))
        models.append(BPRMF(train: train, configuration: .init(factors: 4, epochs: 3)))
        let lmf = LogisticMF(train: train, configuration: .init(factors: 4, iterations: 3))
        models.append(lmf)
        models.append(TwoTower(train: train, configuration: .init(dimension: 4, epochs: 2)))
        models.append(MultVAE(train: train, configuration: .init(hiddenSize: 16, latentSize: 4, epochs: 3, batchSize: 20)))
        return models
    }()

    static let allExplainers: [any Explainer] = {
        var settings = ExplainerSettings()
        settings.limeSamples = 64
        settings.seed = 11
        settings.lxr = LXRConfiguration(hiddenSize: 8, epochs: 3, batchSize: 16)
        return ExplainerRegistry.names.map { ExplainerRegistry.make($0, settings: settings)! }
    }()

    /// Users with 2…12 training events.
    static let users: [Int] = (0..<data.train.userCount).filter { (2...12).contains(data.train.rowCount(ofUser: $0)) }.prefix(4).map { $0 }

    static func top(_ model: any Recommender, user: Int, k: Int = 3) -> [Int] {
        var buffer: [Float] = []
        let seen = data.train.items[data.train.range(ofUser: user)]
        return model.topK(forUser: user, k: k, excluding: seen, buffer: &buffer).map(\.item)
    }

    @Test func everyApplicablePairIsDeterministicAndAdditiveWhereItClaimsIt() {
        var pairs = 0
        for model in Self.models {
            for explainer in Self.allExplainers where explainer.applies(to: model) {
                for user in Self.users {
                    let targets = Self.top(model, user: user)
                    guard !targets.isEmpty else { continue }
                    let request = ExplanationRequest(model: model, user: user, targets: targets, context: Self.context)
                    guard let first = explainer.explain(request) else { continue }
                    pairs += 1
                    let again = explainer.explain(ExplanationRequest(model: model, user: user, targets: targets, context: Self.context))
                    #expect(again == first, "\(model.name) × \(explainer.name): not deterministic")
                    #expect(first.attribution.meaning == explainer.meaning || first.attribution.meaning.kind == explainer.meaning.kind)
                    #expect(first.attribution.targets.count == targets.count)
                    if first.attribution.meaning.additive {
                        let dense = first.attribution.dense()
                        for t in targets.indices {
                            let sum = dense.reduce(0.0) { $0 + Double($1[t]) }
                            let gap = Double(first.attribution.output[t] - first.attribution.baseline[t])
                            let tolerance = explainer.name == "integrated-gradients" ? 0.011 * abs(gap) + 1e-4 : 1e-3 * max(1, abs(gap))
                            #expect(abs(sum - gap) <= tolerance, "\(model.name) × \(explainer.name) user \(user) target \(t): Σ \(sum) vs \(gap)")
                        }
                    }
                }
            }
        }
        #expect(pairs >= 20)
    }

    /// Every scorer's pullback (vector–Jacobian product) is Σᵢ wᵢ ∂sᵢ/∂m, at a fractional mask.
    @Test func pullbackIsTheWeightedSumOfTheTargetGradients() throws {
        var checked = 0
        var c = SyntheticGenerator.Configuration()
        (c.users, c.items, c.interactions, c.seed) = (60, 40, 500, 7)
        let dataset = SyntheticGenerator.generate(c)
        let gru = GRU4Rec(train: Self.data.train, dataset: dataset, configuration: .init(embeddingSize: 4, hiddenSize: 4, epochs: 1, validationUsers: 0))
        let hybrid = HybridRecommender(implicit: Self.models[6] as! LogisticMF, explicit: Self.models[4] as! MatrixFactorization)
        for model in Self.models + [gru, hybrid] {
            guard let conditioned = model as? any HistoryConditionedRecommender, conditioned.isMaskDifferentiable else { continue }
            for user in Self.users.prefix(2) {
                let scorer = try #require(conditioned.historyScorer(forUser: user) as? any MaskDifferentiableScorer)
                let mask = scorer.events.indices.map { Float(0.3 + 0.6 * Double($0 % 3) / 2) }
                var full = [Float](repeating: 0, count: scorer.itemCount)
                scorer.scores(mask: mask, into: &full)
                var weights = [Float](repeating: 0, count: scorer.itemCount)
                for (k, i) in full.indices.filter({ full[$0].isFinite }).prefix(6).enumerated() { weights[i] = [0.5, -1.2, 0.8, 2, -0.3, 1][k] }
                let pulled = scorer.pullback(mask: mask, weights: weights)
                var expected = [Float](repeating: 0, count: scorer.events.count)
                for i in weights.indices where weights[i] != 0 {
                    let g = scorer.scoreAndGradient(mask: mask, target: i).gradient
                    for j in expected.indices { expected[j] += weights[i] * g[j] }
                }
                let scale = max(1, expected.map(abs).max() ?? 0)
                #expect(zip(pulled, expected).allSatisfy { abs($0 - $1) <= 1e-4 * scale }, "\(model.name): \(pulled) vs \(expected)")
                checked += 1
            }
        }
        #expect(checked >= 18)
    }

    @Test func popularityHasNoApplicableHistoryExplainer() {
        let popularity = Self.models[0]
        #expect(Self.allExplainers.filter { $0.applies(to: popularity) }.isEmpty)
        #expect(SHAPExplainer().reason(notApplyingTo: popularity)!.contains("do not depend"))
    }

    @Test func shapEqualsTheExactContributionsOnItemKNN() throws {
        let knn = Self.models[1]
        for user in Self.users {
            let targets = Self.top(knn, user: user)
            let request = ExplanationRequest(model: knn, user: user, targets: targets, context: Self.context)
            let exact = try #require(ExactExplainer().explain(request)).attribution.dense()
            let shap = try #require(SHAPExplainer(budget: 512, exactLimit: 14, seed: 1).explain(request)).attribution
            let exactRows = try #require(ExactExplainer().explain(request)).attribution.players
            for (p, player) in shap.players.enumerated() {
                let e = try #require(exactRows.firstIndex { $0.position == player.position })
                for t in targets.indices { #expect(abs(shap.dense()[p][t] - exact[e][t]) < 1e-5) }
            }
        }
    }

    @Test func gradientTimesInputEqualsTheExactSplitOfALinearModel() throws {
        let knn = Self.models[1]
        for user in Self.users {
            let targets = Self.top(knn, user: user)
            let request = ExplanationRequest(model: knn, user: user, targets: targets, context: Self.context)
            let exact = try #require(ExactExplainer().explain(request)).attribution
            let gradient = try #require(GradientExplainer().explain(request)).attribution
            let ig = try #require(IntegratedGradientsExplainer(steps: 4).explain(request)).attribution
            #expect(gradient.players == exact.players)
            #expect(zip(gradient.dense().joined(), exact.dense().joined()).allSatisfy { abs($0 - $1) < 1e-6 })
            #expect(zip(ig.dense().joined(), exact.dense().joined()).allSatisfy { abs($0 - $1) < 1e-5 })
        }
    }

    // MARK: toy model with known structure

    /// s_t(m) = w_t·(m₀ + m₁)² + v_t·m₃ over 4 events: events 0 and 1 are symmetric, event 2 is a
    /// null player.
    struct ToyModel: HistoryConditionedRecommender {
        let name = "toy"
        let displayName = "Toy"
        let summary = ""
        let hyperparameters: [String: String] = [:]
        let itemCount = 6
        var scoreUnit: ScoreUnit { ScoreUnit(short: "score", meaning: "a test score.") }
        let w: [Float] = [1, 2, 0.5, 0, 0, 0]
        let v: [Float] = [0.3, -0.2, 1, 0.7, 0, 0]
        var historyScoring: HistoryScoring { .native }
        var historyScoringSummary: String { "toy" }
        var isMaskDifferentiable: Bool { true }
        func scores(forUser user: Int, into scores: inout [Float]) { ToyScorer(model: self).scores(mask: [1, 1, 1, 1], into: &scores) }
        func historyScorer(forUser user: Int) -> any HistoryScorer { ToyScorer(model: self) }
    }

    struct ToyScorer: MaskDifferentiableScorer {
        let model: ToyModel
        var events: [ScoredHistoryEvent] { (0..<4).map { ScoredHistoryEvent(item: 2 + $0, position: $0 - 4, rating: 1) } }
        var itemCount: Int { model.itemCount }
        func scores(mask: [Float], into scores: inout [Float]) {
            let a = mask[0] + mask[1]
            for i in 0..<itemCount { scores[i] = model.w[i] * a * a + model.v[i] * mask[3] }
        }
        func scoreAndGradient(mask: [Float], target: Int) -> (score: Float, gradient: [Float]) {
            let a = mask[0] + mask[1]
            let g = 2 * model.w[target] * a
            return (model.w[target] * a * a + model.v[target] * mask[3], [g, g, 0, model.v[target]])
        }
    }

    static let toyContext = ExplanationContext(
        train: InteractionMatrix(userCount: 1, itemCount: 6, interactions: (0..<4).map { Interaction(user: 0, item: 2 + $0, rating: 1, timestamp: Int64($0)) }),
        itemIDs: (0..<6).map { "i\($0)" }, titles: (0..<6).map { "Item \($0)" }, seed: 5)

    @Test func nullPlayersGetZeroAndSymmetricPlayersEqualValues() throws {
        let request = ExplanationRequest(model: ToyModel(), user: 0, targets: [0, 1, 2, 3], context: Self.toyContext)
        for name in ["shap", "gradient", "integrated-gradients", "lime"] {
            var settings = ExplainerSettings()
            settings.limeSamples = 400
            let a = try #require(ExplainerRegistry.make(name, settings: settings)!.explain(request)).attribution
            let dense = a.dense()
            func value(_ position: Int, _ t: Int) -> Float {
                a.players.firstIndex { $0.position == position }.map { dense[$0][t] } ?? 0
            }
            // LIME's surrogate is linear: only on the target that is linear in the mask (3) are its
            // null and symmetric players exact properties (on the quadratic ones a linear fit leaks).
            for t in name == "lime" ? [3] : [0, 1, 2, 3] {
                let tolerance: Float = name == "lime" ? 0.02 : 1e-5
                #expect(abs(value(-2, t)) <= tolerance, "\(name): the null player gets \(value(-2, t))")
                #expect(abs(value(-4, t) - value(-3, t)) <= tolerance, "\(name): symmetric players differ")
            }
        }
        // Hand-computed Shapley values for target 0 (w = 1, v = 0.3): v({0,1}) = 4, v({0}) = v({1}) = 1,
        // so φ₀ = φ₁ = ½·1 + ½·(4 − 1) = 2, φ₃ = 0.3.
        let shap = try #require(SHAPExplainer().explain(request)).attribution
        let dense = shap.dense()
        #expect(abs(dense[shap.players.firstIndex { $0.position == -4 }!][0] - 2) < 1e-5)
        #expect(abs(dense[shap.players.firstIndex { $0.position == -1 }!][0] - 0.3) < 1e-5)
        // Integrated gradients on the diagonal path: φ₀ = ∫ 2·(2α) dα = 2, φ₃ = 0.3 (midpoint rule is exact for linear integrands).
        let ig = try #require(IntegratedGradientsExplainer(steps: 8).explain(request)).attribution
        #expect(abs(ig.dense()[ig.players.firstIndex { $0.position == -4 }!][0] - 2) < 1e-5)
    }

    @Test func similarityBaselinesMatchTheCooccurrenceDefinitions() {
        // Items 0, 1 share users {0, 1}; item 2 has users {1, 2}.
        let train = InteractionMatrix(userCount: 3, itemCount: 3, interactions: [
            Interaction(user: 0, item: 0, rating: 1, timestamp: 1), Interaction(user: 0, item: 1, rating: 1, timestamp: 2),
            Interaction(user: 1, item: 0, rating: 1, timestamp: 1), Interaction(user: 1, item: 1, rating: 1, timestamp: 2),
            Interaction(user: 1, item: 2, rating: 1, timestamp: 3), Interaction(user: 2, item: 2, rating: 1, timestamp: 1),
        ])
        let c = ItemCooccurrence(train: train)
        #expect(c.cosine(of: 2, with: [0, 1]) == [0.5, 0.5])  // 1 / √(2·2)
        #expect(abs(c.jaccard(of: 2, with: [0])[0] - 1 / 3) < 1e-7)  // |{1}| / |{0, 1, 2}|
        #expect(c.cosine(of: 0, with: [1]) == [1])
    }

    @Test func unknownExplainerNamesAreRejectedWithTheKnownList() {
        #expect(throws: DataError.self) { try ExplainerRegistry.make(["shap", "magic"], settings: .init(), source: "--explainers") }
        do {
            _ = try ExplainerRegistry.make(["magic"], settings: .init(), source: "--explainers")
        } catch {
            #expect("\(error)".contains("exact, intrinsic, timeshap, shap, lime"))
        }
    }
}
