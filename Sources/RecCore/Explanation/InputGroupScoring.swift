/// A model whose inputs fall into a few named groups (content, user identity, item identity)
/// and that can score items with any groups absent: the players of `shap` for models that are not
/// conditioned on a history.
public protocol InputGroupScoring: Recommender {
    /// The players, in order ("content", "user identity", "item identity").
    var inputGroups: [String] { get }
    /// What an absent group becomes, for readers.
    var absentInputSummary: String { get }
    /// Scores of `targets` for `user` with only each coalition's groups present:
    /// `result[c * targets.count + t]`.
    func scores(user: Int, targets: [Int], coalitions: CoalitionBatch) -> [Float]
}

/// The coalition game of a model's input groups for one user's targets.
struct InputGroupGame: CoalitionGame {
    let model: any InputGroupScoring
    let user: Int
    let targets: [Int]
    var playerCount: Int { model.inputGroups.count }
    var outputCount: Int { targets.count }

    func values(of coalitions: CoalitionBatch) -> [Double] {
        model.scores(user: user, targets: targets, coalitions: coalitions).map(Double.init)
    }
}

extension SHAPExplainer {
    /// Shapley values of the input groups (exact: a handful of players).
    func explainInputGroups(_ request: ExplanationRequest, model: any InputGroupScoring) -> Explanation? {
        guard !request.targets.isEmpty, !model.inputGroups.isEmpty else { return nil }
        let values = ShapleyEngine.explain(InputGroupGame(model: model, user: request.user, targets: request.targets),
                                           configuration: ShapleyConfiguration(exactPlayerLimit: exactLimit, sampleBudget: budget))
        var cells: [Attribution.Cell] = []
        for p in model.inputGroups.indices {
            for t in request.targets.indices {
                let v = Float(values.value(player: p, output: t))
                if v != 0 { cells.append(.init(player: p, target: t, value: v)) }
            }
        }
        var m = meaning
        m.summary = "Shapley values of the model's input groups: each group's average effect on the score over all orders of adding the groups, where \(model.absentInputSummary); an item's values add up to its score minus its score with every group absent."
        let attribution = Attribution(
            explainer: name, meaning: m, level: "feature", targets: request.targets.map { request.context.itemIDs[$0] },
            players: model.inputGroups.map { Attribution.Player(label: $0, feature: $0) }, cells: cells,
            output: values.full.map { Float($0) }, baseline: values.empty.map { Float($0) })
        return Explanation(attribution: attribution, evaluations: values.evaluations)
    }
}
