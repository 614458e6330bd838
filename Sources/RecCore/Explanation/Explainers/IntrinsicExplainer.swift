/// A model whose prediction is, by construction, a sum of parts attributed to subsets of its
/// inputs (the attribution network). Models with no decomposition return no parts.
public protocol IntrinsicallyAttributing: Recommender {
    /// Names of the parts ("content", "content + user", …); empty when the model has none.
    var intrinsicParts: [String] { get }
    /// What the parts are, in one or two sentences for readers.
    var intrinsicSummary: String { get }
    /// Per target, one value per part, the prediction (the model's score) and what is left when
    /// the parts are subtracted from it (the baseline: a numerical guard, ~0).
    func intrinsicAttribution(user: Int, targets: [Int]) -> (parts: [[Float]], output: [Float], rest: [Float])
}

/// `intrinsic`: the model's own decomposition of each recommended item's score over subsets of
/// its inputs. Players are the subsets (level "feature"); values add up to the score.
public struct IntrinsicExplainer: Explainer {
    public let name = "intrinsic"
    public var meaning: ExplanationMeaning {
        ExplanationMeaning(
            kind: .intrinsic,
            summary: "The model's own decomposition: the prediction is a weighted mixture of sub-networks that see only some of the inputs, and each value is one sub-network's part of it, so an item's values add up to its score.",
            additive: true, valueName: "part of the predicted probability", scoreUnits: true)
    }

    public init() {}

    public func reason(notApplyingTo model: any Recommender) -> String? {
        guard let attributing = model as? any IntrinsicallyAttributing, !attributing.intrinsicParts.isEmpty else {
            return "\(model.name) has no intrinsic decomposition (only attribution-net has)"
        }
        return nil
    }

    public func explain(_ request: ExplanationRequest) -> Explanation? {
        guard let model = request.model as? any IntrinsicallyAttributing, !model.intrinsicParts.isEmpty, !request.targets.isEmpty else { return nil }
        let (parts, output, rest) = model.intrinsicAttribution(user: request.user, targets: request.targets)
        var cells: [Attribution.Cell] = []
        for p in model.intrinsicParts.indices {
            for t in request.targets.indices where parts[t][p] != 0 { cells.append(.init(player: p, target: t, value: parts[t][p])) }
        }
        var m = meaning
        m.summary = model.intrinsicSummary
        let attribution = Attribution(
            explainer: name, meaning: m, level: "feature", targets: request.targets.map { request.context.itemIDs[$0] },
            players: model.intrinsicParts.map { Attribution.Player(label: $0, feature: $0) }, cells: cells, output: output, baseline: rest)
        return Explanation(attribution: attribution, evaluations: 1)
    }
}
