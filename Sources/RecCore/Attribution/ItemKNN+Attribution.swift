extension ItemKNN: EventAttributing {
    public var explainerName: String { "itemknn-exact" }
    public var explainerSummary: String {
        "Exact attributions: each history item's contribution to a recommended item's score is its stored similarity to that item, so the contributions of a user's history add up exactly to the score."
    }

    /// Event-level exact attribution of `targets`' scores to `user`'s training events.
    ///
    /// Players are the events that contribute to at least one target (all others contribute 0),
    /// with position −1 for the most recent training event. Baseline 0 (empty history), so for
    /// every target `output = Σ contributions` (0 for an item no history item points to).
    public func attribution(ofUser user: Int, targets: [Int], itemIDs: [String], titles: [String]) -> Attribution {
        let range = train.range(ofUser: user)
        let columns = targets.map { contributions(ofUser: user, toItem: $0) }
        var players: [Attribution.Player] = []
        var cells: [Attribution.Cell] = []
        for offset in 0..<range.count {
            let values = columns.map { $0[offset] }
            guard values.contains(where: { $0 != 0 }) else { continue }
            let item = Int(train.items[range.lowerBound + offset])
            let player = players.count
            players.append(Attribution.Player(label: titles[item], position: offset - range.count, historyItem: itemIDs[item]))
            for (t, v) in values.enumerated() where v != 0 { cells.append(Attribution.Cell(player: player, target: t, value: v)) }
        }
        var all = [Float](repeating: 0, count: itemCount)
        scores(forUser: user, into: &all)
        return Attribution(
            explainer: "itemknn-exact", level: "event", targets: targets.map { itemIDs[$0] }, players: players, cells: cells,
            output: targets.map { all[$0].isFinite ? all[$0] : 0 }, baseline: targets.map { _ in 0 })
    }
}
