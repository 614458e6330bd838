extension TwoTower: HistoryConditionedRecommender {
    /// ρ of the two-tower fold-in: the ridge ρ·nᵤ‖h‖² on the user tower output, per training event
    /// of the user (training has none; see `TwoTowerFoldInObjective`). 10⁻³.
    public static let foldInRidge: Double = 1e-3

    public var historyScoring: HistoryScoring { .foldIn }
    public var isMaskDifferentiable: Bool { true }

    public var historyScoringSummary: String {
        "The user tower's output vector is re-fitted to convergence (quasi-Newton steps preconditioned by the full-history curvature, Newton as fallback) to the model's own loss (each history item against randomly drawn items, in expectation), with the item tower frozen and a tiny ridge; an absent event is left out of the loss together with its negatives."
    }

    /// The two-tower fold-in of `user` (`NewtonFoldInScorer` over `TwoTowerFoldInObjective`):
    /// the user tower output h is fitted to the expected training BCE of the user's events (N =
    /// `negatives` uniform negatives per event), event k's terms weighted by mₖ, with the ridge
    /// `foldInRidge`·nᵤ‖h‖². Scores h·eᵢ (logits) like `scores(forUser:)`. Building
    /// O(I·d + steps·I·d²), Newton from the trained user tower output; per mask O(steps·I·d) (`NewtonFoldInScorer`).
    public func historyScorer(forUser user: Int) -> any HistoryScorer {
        let history = FoldInHistory(train: train, user: user)
        let items = foldInItems.value
        let objective = TwoTowerFoldInObjective(items: items, history: history.items, counts: history.counts.map(Double.init),
                                                negatives: configuration.negatives, ridge: Self.foldInRidge)
        let d = userVectors.columns
        let trained = user < userVectors.rows ? (0..<d).map { Double(userVectors.values[user * d + $0]) } : nil
        return NewtonFoldInScorer(events: history.events, objective: objective, initialGuess: trained)
    }
}
