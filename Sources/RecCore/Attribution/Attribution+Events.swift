extension Attribution {
    /// An event-level attribution from per-event contribution columns.
    ///
    /// - Parameters:
    ///   - history: the user's training events (item indices in time order).
    ///   - columns: one column per target, one contribution per history event.
    ///   - output: each target's explained score (baseline 0 = empty history).
    /// Players are the events that contribute to at least one target, position −1 = most recent.
    public static func events(
        explainer: String, meaning: ExplanationMeaning, history: ArraySlice<Int32>, targets: [Int], columns: [[Float]], output: [Float],
        itemIDs: [String], titles: [String]
    ) -> Attribution {
        var players: [Player] = []
        var flat: [Float] = []
        for (offset, item) in history.enumerated() {
            let values = columns.map { $0[offset] }
            guard values.contains(where: { $0 != 0 }) else { continue }
            players.append(Player(label: titles[Int(item)], position: offset - history.count, historyItem: itemIDs[Int(item)]))
            flat.append(contentsOf: values)
        }
        return Attribution(
            explainer: explainer, meaning: meaning, level: "event", targets: targets.map { itemIDs[$0] }, players: players,
            values: DenseValues(players: players.count, targets: targets.count, flat: flat), output: output, baseline: targets.map { _ in 0 })
    }
}
