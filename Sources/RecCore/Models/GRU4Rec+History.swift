extension GRU4Rec: HistoryConditionedRecommender {
    /// `.native`: the GRU reads any sequence of events by construction.
    public var historyScoring: HistoryScoring { .native }
    public var isMaskDifferentiable: Bool { true }

    /// How `historyScorer(forUser:)` reads a mask (the events, the baseline, interpolation).
    public var historyScoringSummary: String {
        "The events are the user's last \(maxLength) training events, which the network reads in order. An absent event is not removed but replaced by a baseline event (\(historyBaselineDescription)), as TimeSHAP does, so the sequence keeps its length; a fractional weight m gives the event the input m·x + (1 − m)·x_baseline (the whole input: item embedding and event features), and scores are differentiable in m."
    }

    /// The scorer of `user`'s last ≤ L training events, absent events replaced by
    /// `historyBaseline` (`GRU4RecHistoryScorer`). O(n · D · H + I · E).
    public func historyScorer(forUser user: Int) -> any HistoryScorer {
        GRU4RecHistoryScorer(model: self, user: user)
    }

    /// The baseline event in words, for `historyScoringSummary`.
    var historyBaselineDescription: String {
        let features = featureGroups.count > 1 ? " with the training-mean rating and time gap" : ""
        switch historyBaseline {
        case .zero: return (zeroEmbedding.allSatisfy { $0 == 0 } ? "a zero item embedding" : "the padding row's embedding") + features
        case .meanItem: return "the mean item embedding" + features
        case .item(let i): return "item #\(i)" + features
        }
    }
}
