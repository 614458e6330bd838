extension ImplicitALS: EventAttributing {
    public var explainerName: String { "als-exact" }
    public var explainerSummary: String {
        "Exact attributions (Hu, Koren & Volinsky 2008, section 5): the user's factor is the solution of a weighted least-squares problem over their history, so a score splits into one term per history item — that item's confidence times its similarity to the recommended item as weighted by the user's own inverse Gram matrix (YᵀCᵤY + λI)⁻¹. The contributions add up to the score of the exactly re-solved user factor."
    }

    /// Event-level exact attribution of `targets`' scores to `user`'s training events
    /// (explainer "als-exact", baseline 0 = the score with an empty history, whose exact user
    /// factor is 0).
    ///
    /// `output` holds the scores under the exactly re-solved user factor
    /// (`explainedScore(user:item:)`), which the contributions sum to; they differ slightly from
    /// `scores(forUser:)` (stored factor). Players are the events with a non-zero contribution to
    /// some target, position −1 = most recent. Cost: one factorisation, then O(F² + |Iᵤ|·F) per target.
    public func attribution(ofUser user: Int, targets: [Int], itemIDs: [String], titles: [String]) -> Attribution {
        let explanation = explanation(ofUser: user)
        return .events(
            explainer: explainerName, history: train.items[train.range(ofUser: user)], targets: targets,
            columns: targets.map { explanation.contributions(toItem: $0) }, output: targets.map { explanation.score(ofItem: $0) },
            itemIDs: itemIDs, titles: titles)
    }
}
