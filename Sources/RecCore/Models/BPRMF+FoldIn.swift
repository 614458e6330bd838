extension BPRMF: HistoryConditionedRecommender {
    public var historyScoring: HistoryScoring { .foldIn }
    public var isMaskDifferentiable: Bool { true }

    public var historyScoringSummary: String {
        "The user's vector is re-fitted to convergence (quasi-Newton steps preconditioned by the full-history curvature, Newton as fallback) to the model's own ranking loss, averaged over a fixed seeded sample of \(Self.foldInNegatives) items the user never touched as negatives (as BPR samples its negatives in training), with the item vectors frozen; an absent event is simply left out of the loss (its item is not used as a negative either, and the user's prior stays as trained)."
    }

    /// The BPR fold-in of `user` (`NewtonFoldInScorer` over `BPRFoldInObjective`): the expected
    /// training loss of the user's triples with event k's weight multiplied by mₖ, negatives
    /// uniform over a fixed seeded sample of `foldInNegatives` items outside the full history, prior λ·nᵤ‖p‖² (λ = `regularization`
    /// per triple, nᵤ the user's training events). Scores pᵤ·qᵢ + bᵢ like `scores(forUser:)`.
    /// Building O(I·D + steps·(|H|·I·D + I·D²)), Newton from the trained user vector, plus the curvature model O(|H|·N·D + N·D²); per
    /// mask O(steps·(|kept H|·N + I·D)) (`NewtonFoldInScorer`).
    /// Negatives of the fold-in: a fixed sample per user (seeded by the model's seed and the user).
    public static let foldInNegatives = 128

    public func historyScorer(forUser user: Int) -> any HistoryScorer {
        let history = FoldInHistory(train: train, user: user)
        let items = foldInItems.value
        let objective = BPRFoldInObjective(items: items, history: history.items, counts: history.counts.map(Double.init),
                                           lambda: Double(configuration.regularization),
                                           negativeSample: (Self.foldInNegatives, SplitMix64(seed: configuration.seed).derived(0x6670_6e65).derived(UInt64(user))))
        let d = parameters.factors
        let trained = user < parameters.userBias.count ? (0..<d).map { Double(parameters.userFactors[user * d + $0]) } : nil
        return NewtonFoldInScorer(events: history.events, objective: objective, initialGuess: trained)
    }
}
