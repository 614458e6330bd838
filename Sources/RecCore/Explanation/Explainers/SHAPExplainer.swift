/// `shap`: Shapley values of the history events for each target's score, with the existing
/// engine (``ShapleyEngine``): exact enumeration up to `exactLimit` players, KernelSHAP above
/// with `budget` coalitions. An absent event is whatever the model's history scorer does with a
/// 0 in the mask (removed from a fold-in, replaced by the baseline event in a sequence).
public struct SHAPExplainer: Explainer {
    public let name = "shap"
    public let budget: Int
    public let exactLimit: Int
    public let seed: UInt64
    public var meaning: ExplanationMeaning {
        ExplanationMeaning(
            kind: .shapley,
            summary: "Shapley values: each history item's average effect on the score over all orders of adding the items, against the empty history; an item's values add up to its score minus the empty-history score (exact up to \(exactLimit) events, KernelSHAP with \(budget) sampled histories above).",
            additive: true, valueName: "Shapley value", scoreUnits: true)
    }

    public init(budget: Int = 2048, exactLimit: Int = 14, seed: UInt64 = 42) {
        self.budget = budget
        self.exactLimit = exactLimit
        self.seed = seed
    }

    /// Applies to history-conditioned models (players = history events) and to models scored
    /// from input groups (players = the groups, `InputGroupScoring`).
    public func reason(notApplyingTo model: any Recommender) -> String? {
        model is any InputGroupScoring ? nil : historyReason(model)
    }

    public func explain(_ request: ExplanationRequest) -> Explanation? {
        if request.scorer == nil, let model = request.model as? any InputGroupScoring { return explainInputGroups(request, model: model) }
        guard let scorer = request.scorer, !scorer.events.isEmpty, !request.targets.isEmpty else { return nil }
        var configuration = ShapleyConfiguration(exactPlayerLimit: exactLimit, sampleBudget: budget)
        var stream = SplitMix64(seed: seed).derived(0x7368_6170).derived(UInt64(request.user))
        configuration.seed = stream.next()
        let values = ShapleyEngine.explain(HistoryGame(scorer: scorer, targets: request.targets), configuration: configuration)
        let columns = request.targets.indices.map { t in scorer.events.indices.map { Float(values.value(player: $0, output: t)) } }
        var m = meaning
        if values.exact { m.summary = "Shapley values: each history item's average effect on the score over all orders of adding the items, against the empty history; an item's values add up to its score minus the empty-history score (exact: every subset of the history evaluated)." }
        let attribution = Attribution.history(
            explainer: name, meaning: m, events: scorer.events, targets: request.targets, values: columns,
            output: values.full.map { Float($0) }, baseline: values.empty.map { Float($0) }, context: request.context)
        return Explanation(attribution: attribution, evaluations: values.evaluations)
    }
}

/// The coalition game of a user's history: players = the scorer's events, value = the targets'
/// scores with only the coalition's events present.
struct HistoryGame: CoalitionGame {
    let scorer: any HistoryScorer
    let targets: [Int]
    var playerCount: Int { scorer.events.count }
    var outputCount: Int { targets.count }

    func values(of coalitions: CoalitionBatch) -> [Double] {
        let masks = coalitions.masks.map { $0 ? Float(1) : 0 }
        return scorer.scores(masks: masks, count: coalitions.count, targets: targets).map(Double.init)
    }
}
