extension PopularityRecommender: HistoryConditionedRecommender {
    public var historyScoring: HistoryScoring { .constant }
    public var historyScoringSummary: String {
        "Popularity ignores the user's history: every history gives the same scores, so there is nothing to explain."
    }

    public func historyScorer(forUser user: Int) -> any HistoryScorer { ConstantHistoryScorer(scores: counts, events: []) }
}

/// Scores that do not depend on the mask.
struct ConstantHistoryScorer: HistoryScorer {
    let scores: [Float]
    let events: [ScoredHistoryEvent]
    var itemCount: Int { scores.count }

    func scores(mask: [Float], into scores: inout [Float]) {
        for i in 0..<itemCount { scores[i] = self.scores[i] }
    }
}
