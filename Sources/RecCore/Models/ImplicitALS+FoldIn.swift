extension ImplicitALS: HistoryConditionedRecommender {
    public var historyScoring: HistoryScoring { .foldIn }
    public var isMaskDifferentiable: Bool { true }

    public var historyScoringSummary: String {
        "The user's vector is solved again exactly from the item vectors and the history kept (the same least-squares solve as the explanation), so its full-history scores are the explained scores; an absent event is a history item treated like any item the user never touched (confidence 1, preference 0)."
    }

    /// The exact ALS fold-in of `user`'s history (`WeightedRidgeScorer`): with mask weights mⱼ on
    /// the distinct history items (most recent event each, `FoldInHistory`),
    ///
    ///     A(m) = YᵀY + λI + Σⱼ mⱼ (cⱼ − 1) yⱼyⱼᵀ,   b(m) = Σⱼ mⱼ cⱼ yⱼ,   p = A⁻¹b,   sᵢ = p·yᵢ,
    ///
    /// cⱼ = 1 + α·rⱼ the training confidence. The full mask reproduces
    /// `explanation(ofUser:).score(ofItem:)`; ∂sᵢ/∂mⱼ = z·(cⱼyⱼ − (cⱼ − 1) yⱼ (yⱼ·p)), z = A⁻¹yᵢ.
    /// Building: O(n log n + F²); each mask O(n·F² + F³).
    public func historyScorer(forUser user: Int) -> any HistoryScorer {
        let history = FoldInHistory(train: train, user: user)
        let start = confidence.rowStart[user], end = confidence.rowStart[user + 1]
        let columns = confidence.columns[start..<end]
        let c: [Double] = history.items.map { item in
            var low = start, high = end
            while low < high {
                let mid = (low + high) / 2
                if columns[mid] < Int32(item) { low = mid + 1 } else { high = mid }
            }
            return Double(confidence.confidence[low])
        }
        return WeightedRidgeScorer(events: history.events, features: itemFactors, prior: itemGram.map(Double.init),
                                   curvature: c.map { $0 - 1 }, response: c)
    }
}
