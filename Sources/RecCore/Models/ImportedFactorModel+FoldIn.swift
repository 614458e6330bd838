extension ImportedFactorModel: HistoryConditionedRecommender {
    public var historyScoring: HistoryScoring { .foldIn }
    public var isMaskDifferentiable: Bool { true }

    public var historyScoringSummary: String {
        "The user's factors are not taken from the file but solved again from the imported item factors and the history kept, as implicit ALS would (λ = \(foldInLambda), α = \(foldInAlpha)); an absent event is an item the user never touched, and an empty history leaves only the item biases."
    }

    /// The implicit-ALS fold-in over the imported item factors Y (`WeightedRidgeScorer`), with
    /// λ = `foldInLambda`, α = `foldInAlpha` and mask weights mⱼ on the user's distinct history
    /// items in `train` (`FoldInHistory`):
    ///
    ///     p(m) = (YᵀY + α Σⱼ mⱼ yⱼyⱼᵀ + λI)⁻¹ (1 + α) Σⱼ mⱼ yⱼ,   sᵢ = p·yᵢ + bᵢ,
    ///
    /// bᵢ the imported item bias (0 without one); items without a row in the file score −∞. The
    /// global and user biases are left out (they do not depend on the history nor change a
    /// ranking). ∂sᵢ/∂mⱼ = (z·yⱼ)((1 + α) − α (yⱼ·p)), z = A⁻¹yᵢ. Building O(n log n + F²);
    /// each mask O(n·F² + F³).
    public func historyScorer(forUser user: Int) -> any HistoryScorer {
        let history = train.map { FoldInHistory(train: $0, user: user) }
        let events = history?.events ?? []
        let f = factors, lambda = Double(foldInLambda), alpha = Double(foldInAlpha)
        var prior = itemGram.map(Double.init)
        for d in 0..<f { prior[d * f + d] += lambda }
        return WeightedRidgeScorer(events: events, features: itemVectors, prior: prior,
                                   curvature: [Double](repeating: alpha, count: events.count),
                                   response: [Double](repeating: 1 + alpha, count: events.count),
                                   offsets: itemBias, recommendable: hasItem)
    }
}
