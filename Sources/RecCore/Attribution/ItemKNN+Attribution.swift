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
        var all = [Float](repeating: 0, count: itemCount)
        scores(forUser: user, into: &all)
        return .events(
            explainer: explainerName, history: train.items[train.range(ofUser: user)], targets: targets,
            columns: targets.map { contributions(ofUser: user, toItem: $0) }, output: targets.map { all[$0].isFinite ? all[$0] : 0 },
            itemIDs: itemIDs, titles: titles)
    }
}
