/// `timeshap`: TimeSHAP on a GRU-based sequential recommender (event, feature and cell levels,
/// temporal-coalition pruning, deletion check); see ``TimeSHAP``.
public struct TimeSHAPExplainer: Explainer {
    public let name = TimeSHAP.name
    public let configuration: TimeSHAP.Configuration
    public var meaning: ExplanationMeaning { TimeSHAP.meaning }

    public init(configuration: TimeSHAP.Configuration = .init()) { self.configuration = configuration }

    public func reason(notApplyingTo model: any Recommender) -> String? {
        model is any GRUSequenceModel ? nil : "\(model.name) is not a GRU sequence model (timeshap explains gru4rec)"
    }

    public func explain(_ request: ExplanationRequest) -> Explanation? {
        guard let model = request.model as? any GRUSequenceModel else { return nil }
        let train = request.context.train
        let seen = Array(train.items[train.range(ofUser: request.user)])
        guard let result = TimeSHAP(model: model, configuration: configuration)
            .explainCounting(user: request.user, targets: request.targets, itemIDs: request.context.itemIDs, seen: seen)
        else { return nil }
        var events = result.events
        var m = meaning
        let note = result.details.methodNote(players: events.players.count)
        m.summary += " " + note.prefix(1).uppercased() + note.dropFirst() + "."
        events.meaning = m
        return Explanation(attribution: events, sequence: result.details, evaluations: result.evaluations)
    }
}
