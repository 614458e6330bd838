/// `gradient`: gradient × input at the full history: the value of event j is
/// m_j · ∂s/∂m_j at m = 1, i.e. ∂s/∂m_j — how fast the score moves as the event's weight in the
/// model's history scoring shrinks. On a model linear in the mask it equals the exact split.
public struct GradientExplainer: Explainer {
    public let name = "gradient"
    public var meaning: ExplanationMeaning {
        ExplanationMeaning(
            kind: .gradient,
            summary: "Gradient × input: how fast the score changes as each history item's weight is turned down from the full history — a first-order, local reading that need not add up to the score.",
            additive: false, valueName: "gradient × input", scoreUnits: true)
    }
    public init() {}

    public func reason(notApplyingTo model: any Recommender) -> String? {
        if let reason = historyReason(model) { return reason }
        return (model as? any HistoryConditionedRecommender)?.isMaskDifferentiable == true ? nil : "\(model.name) is not differentiable in a history mask"
    }

    public func explain(_ request: ExplanationRequest) -> Explanation? {
        guard let scorer = request.scorer as? any MaskDifferentiableScorer, !scorer.events.isEmpty, !request.targets.isEmpty else { return nil }
        let ones = scorer.fullMask
        let rows = scorer.scoresAndGradients(mask: ones, targets: request.targets)
        let full = rows.map(\.score), columns = rows.map(\.gradient)
        let empty = request.fullAndEmpty!.empty
        let attribution = Attribution.history(
            explainer: name, meaning: meaning, events: scorer.events, targets: request.targets, values: columns, output: full,
            baseline: empty, context: request.context)
        return Explanation(attribution: attribution, evaluations: request.targets.count + 2)
    }
}
