/// `lxr`: LXR, Learning to eXplain Recommendations (Barkan et al., WWW 2024): an explainer
/// network trained on the model's own recommendations outputs a mask over the user's history
/// for the explained item (`LXRNetwork`, `LXRTrainer`); an event's value is its item's mask value
/// in (0, 1). The network is trained once per model (`LXRStore`, shared by every explainer of a
/// build), after which one explanation is one pass of the network: microseconds, no model call
/// beyond the two that every explanation's full and empty scores take.
public struct LXRExplainer: Explainer {
    public let name = "lxr"
    public let configuration: LXRConfiguration
    public let store: LXRStore
    public var meaning: ExplanationMeaning {
        ExplanationMeaning(
            kind: .learnedMask,
            summary: "LXR: a small network, trained on this model's own recommendations, outputs for each history item a weight between 0 and 1 — how much of the item it keeps so that the kept items alone still lead the model to the recommended item and the dropped ones do not. Higher means more important; the weights do not add up to the score.",
            additive: false, valueName: "LXR mask weight", scoreUnits: false)
    }

    public init(configuration: LXRConfiguration = .init(), store: LXRStore = LXRStore()) {
        self.configuration = configuration
        self.store = store
    }

    public func reason(notApplyingTo model: any Recommender) -> String? {
        if let reason = historyReason(model) { return reason }
        return (model as? any HistoryConditionedRecommender)?.isMaskDifferentiable == true ? nil : "\(model.name) is not differentiable in a history mask"
    }

    public func explain(_ request: ExplanationRequest) -> Explanation? {
        guard let model = request.model as? any HistoryConditionedRecommender, let scorer = request.scorer, !scorer.events.isEmpty,
              !request.targets.isEmpty else { return nil }
        let trained = store.trained(for: model, train: request.context.train, configuration: configuration)
        var slot: [Int: Int] = [:], items: [Int] = []
        let slots = scorer.events.map { event -> Int in
            if let s = slot[event.item] { return s }
            slot[event.item] = items.count
            items.append(event.item)
            return items.count - 1
        }
        let values = request.targets.map { target in
            let mask = trained.mask(history: items, target: target)
            return slots.map { mask[$0] }
        }
        let (full, empty) = request.fullAndEmpty!
        let attribution = Attribution.history(
            explainer: name, meaning: meaning, events: scorer.events, targets: request.targets, values: values, output: full,
            baseline: empty, context: request.context)
        return Explanation(attribution: attribution, evaluations: 2)
    }
}
