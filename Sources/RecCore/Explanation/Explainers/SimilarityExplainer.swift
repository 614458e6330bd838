/// `cosine`, `jaccard`: LXR's similarity baselines (Barkan et al. 2024): each history item is
/// ranked by its co-occurrence similarity to the recommended item in the training data, without
/// asking the model anything.
public struct SimilarityExplainer: Explainer {
    public enum Measure: String, Sendable { case cosine, jaccard }
    public let measure: Measure
    public var name: String { measure.rawValue }
    public var meaning: ExplanationMeaning {
        let what = measure == .cosine
            ? "cosine similarity of the two items' sets of training users"
            : "Jaccard similarity (shared users over all users) of the two items' sets of training users"
        return ExplanationMeaning(
            kind: .similarity,
            summary: "A model-free baseline: each history item's value is the \(what) with the recommended item; it does not look at the model at all.",
            additive: false, valueName: "\(measure.rawValue) similarity", scoreUnits: false)
    }

    public init(measure: Measure) { self.measure = measure }

    public func reason(notApplyingTo model: any Recommender) -> String? { historyReason(model) }

    public func explain(_ request: ExplanationRequest) -> Explanation? {
        guard let scorer = request.scorer, !scorer.events.isEmpty, !request.targets.isEmpty else { return nil }
        let items = scorer.events.map(\.item)
        let c = request.context.cooccurrence
        let values = request.targets.map { t in measure == .cosine ? c.cosine(of: t, with: items) : c.jaccard(of: t, with: items) }
        let (full, empty) = request.fullAndEmpty!
        let attribution = Attribution.history(
            explainer: name, meaning: meaning, events: scorer.events, targets: request.targets, values: values, output: full,
            baseline: empty, context: request.context)
        return Explanation(attribution: attribution, evaluations: 2)
    }
}
