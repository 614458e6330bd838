import RecCore

/// An additive history scorer: score(i) = bias[i] + Σ_j mask[j] · weights[item_j][i].
struct AdditiveScorer: HistoryScorer {
    let events: [ScoredHistoryEvent]
    /// weights[item][i]: what an event on `item` adds to item i's score.
    let weights: [[Float]]
    let bias: [Float]
    var itemCount: Int { bias.count }

    init(historyItems: [Int], weights: [[Float]], bias: [Float]) {
        let n = historyItems.count
        events = historyItems.enumerated().map { ScoredHistoryEvent(item: $0.element, position: $0.offset - n, rating: 1) }
        self.weights = weights
        self.bias = bias
    }

    func scores(mask: [Float], into scores: inout [Float]) {
        for i in 0..<itemCount {
            var s = bias[i]
            for (j, event) in events.enumerated() { s += mask[j] * weights[event.item][i] }
            scores[i] = s
        }
    }

    /// The exact contribution of each event to `target`'s score.
    func contributions(to target: Int) -> [Float] { events.map { weights[$0.item][target] } }
}

/// A recommender over `AdditiveScorer`s of the training histories.
struct AdditiveModel: HistoryConditionedRecommender {
    let train: InteractionMatrix
    let weights: [[Float]]
    let bias: [Float]
    var name: String { "additive" }
    var displayName: String { "Additive <test> & \"model\"" }
    var summary: String { "Sum of per-event weights." }
    var hyperparameters: [String: String] { [:] }
    var itemCount: Int { bias.count }
    var scoreUnit: ScoreUnit { ScoreUnit(short: "score", meaning: "a test score.") }
    var historyScoring: HistoryScoring { .native }
    var historyScoringSummary: String { "An absent event adds nothing." }

    func historyScorer(forUser user: Int) -> any HistoryScorer {
        AdditiveScorer(historyItems: train.range(ofUser: user).map { Int(train.items[$0]) }, weights: weights, bias: bias)
    }

    func scores(forUser user: Int, into scores: inout [Float]) {
        let scorer = historyScorer(forUser: user)
        scorer.scores(mask: scorer.fullMask, into: &scores)
    }
}

/// Test explainers: the true additive contributions, their negation (the reversed ranking), or
/// a constant (every event tied).
struct ContributionExplainer: Explainer {
    enum Mode: Sendable { case truth, reversed, constant }
    let mode: Mode
    var name: String {
        switch mode {
        case .truth: "truth"
        case .reversed: "reversed"
        case .constant: "constant"
        }
    }
    var meaning: ExplanationMeaning {
        ExplanationMeaning(kind: .exactDecomposition, summary: "Test values <\(name)>.", additive: mode == .truth, valueName: "value", scoreUnits: true)
    }
    func reason(notApplyingTo model: any Recommender) -> String? { model is AdditiveModel ? nil : "not additive" }

    func explain(_ request: ExplanationRequest) -> Explanation? {
        guard let scorer = request.scorer as? AdditiveScorer, let target = request.targets.first else { return nil }
        let truth = scorer.contributions(to: target)
        let values: [Float] = switch mode {
        case .truth: truth
        case .reversed: truth.map { -$0 }
        case .constant: truth.map { _ in 1 }
        }
        // Players in reverse order, to check that the runner matches them by position.
        let order = Array(scorer.events.indices.reversed())
        let players = order.map { Attribution.Player(label: "event \(scorer.events[$0].position)", position: scorer.events[$0].position) }
        let cells = order.enumerated().map { p, e in Attribution.Cell(player: p, target: 0, value: values[e]) }
        let attribution = Attribution(explainer: name, meaning: meaning, level: "event", targets: ["\(target)"], players: players, cells: cells,
                                      output: [0], baseline: [0])
        return Explanation(attribution: attribution, evaluations: mode == .truth ? 1 : 2)
    }
}
