/// A model whose score splits exactly into one term per history event (ItemKNN, ALS).
public protocol ExactlyDecomposable: Recommender {
    /// What the exact terms are, in one or two sentences for readers.
    var exactSummary: String { get }
    /// Per target, one contribution per training event of `user` (time order), and the score they
    /// add up to (the empty history scores 0).
    func exactContributions(ofUser user: Int, targets: [Int]) -> (columns: [[Float]], output: [Float])
}

/// `exact`: the model's own exact decomposition of each score over the history events.
public struct ExactExplainer: Explainer {
    public let name = "exact"
    public var meaning: ExplanationMeaning {
        ExplanationMeaning(
            kind: .exactDecomposition,
            summary: "Exact decomposition: the model's score is a sum of one term per history item, so each value is exactly what that item adds and the values of an item add up to its score.",
            additive: true, valueName: "contribution to the score", scoreUnits: true)
    }
    public init() {}

    public func reason(notApplyingTo model: any Recommender) -> String? {
        model is any ExactlyDecomposable ? nil : "\(model.name) has no exact decomposition (only itemknn and als do)"
    }

    public func explain(_ request: ExplanationRequest) -> Explanation? {
        guard let model = request.model as? any ExactlyDecomposable, !request.targets.isEmpty else { return nil }
        let train = request.context.train
        let range = train.range(ofUser: request.user)
        guard !range.isEmpty else { return nil }
        let (columns, output) = model.exactContributions(ofUser: request.user, targets: request.targets)
        var m = meaning
        m.summary = model.exactSummary
        let attribution = Attribution.events(
            explainer: name, meaning: m, history: train.items[range], targets: request.targets, columns: columns, output: output,
            itemIDs: request.context.itemIDs, titles: request.context.titles)
        return Explanation(attribution: attribution, evaluations: 1)
    }
}
