extension Attribution {
    /// An event-level attribution over a history scorer's events.
    ///
    /// - Parameters:
    ///   - events: the players (`HistoryScorer.events`), oldest first.
    ///   - values: `values[t][e]`, the value of event e for target t.
    ///   - output, baseline: per target, the full-history and the empty-history score.
    /// Events whose value is 0 for every target are left out (they read as 0).
    public static func history(
        explainer: String, meaning: ExplanationMeaning, events: [ScoredHistoryEvent], targets: [Int], values: [[Float]],
        output: [Float], baseline: [Float], context: ExplanationContext
    ) -> Attribution {
        var players: [Player] = []
        var flat: [Float] = []
        for (e, event) in events.enumerated() {
            guard values.contains(where: { $0[e] != 0 }) else { continue }
            players.append(Player(label: context.titles[event.item], position: event.position, historyItem: context.itemIDs[event.item]))
            for t in values.indices { flat.append(values[t][e]) }
        }
        return Attribution(
            explainer: explainer, meaning: meaning, level: "event", targets: targets.map { context.itemIDs[$0] }, players: players,
            values: DenseValues(players: players.count, targets: values.count, flat: flat), output: output, baseline: baseline)
    }
}

extension HistoryScorer {
    /// Scores of `targets` with the full history and with the empty one (2 evaluations).
    public func fullAndEmpty(targets: [Int]) -> (full: [Float], empty: [Float]) {
        let n = events.count
        var masks = [Float](repeating: 1, count: 2 * n)
        for e in 0..<n { masks[n + e] = 0 }
        let v = scores(masks: masks, count: 2, targets: targets)
        return (Array(v[0..<targets.count]), Array(v[targets.count..<(2 * targets.count)]))
    }
}

/// The default reason an explainer of a user's history does not apply to a model.
func historyReason(_ model: any Recommender) -> String? {
    guard let conditioned = model as? any HistoryConditionedRecommender else {
        return "\(model.name) cannot score a modified history"
    }
    if conditioned.historyScoring == .constant { return "\(model.name)'s scores do not depend on the user's history" }
    return nil
}
