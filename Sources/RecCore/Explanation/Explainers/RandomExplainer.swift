/// `random`: a seeded random value in [0, 1) per history event and target — the floor every
/// real explainer must beat on fidelity.
public struct RandomExplainer: Explainer {
    public let name = "random"
    public let seed: UInt64
    public var meaning: ExplanationMeaning {
        ExplanationMeaning(
            kind: .random, summary: "A seeded random ranking of the history: the floor that a real explanation must beat on the fidelity benchmark.",
            additive: false, valueName: "random value", scoreUnits: false)
    }

    public init(seed: UInt64) { self.seed = seed }

    public func reason(notApplyingTo model: any Recommender) -> String? { historyReason(model) }

    public func explain(_ request: ExplanationRequest) -> Explanation? {
        guard let scorer = request.scorer, !scorer.events.isEmpty, !request.targets.isEmpty else { return nil }
        var rng = SplitMix64(seed: seed).derived(0x7261_6e64).derived(UInt64(request.user))
        let values = request.targets.map { _ in scorer.events.map { _ in Float(rng.nextDouble()) } }
        let (full, empty) = request.fullAndEmpty!
        let attribution = Attribution.history(
            explainer: name, meaning: meaning, events: scorer.events, targets: request.targets, values: values, output: full,
            baseline: empty, context: request.context)
        return Explanation(attribution: attribution, evaluations: 2)
    }
}
