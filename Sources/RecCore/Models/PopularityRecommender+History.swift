extension PopularityRecommender: HistoryConditionedRecommender {
    public var historyScoring: HistoryScoring { .constant }
    public var historyScoringSummary: String {
        "Popularity ignores the user's history: every history gives the same scores, so there is nothing to explain."
    }

    public func historyScorer(forUser user: Int) -> any HistoryScorer { ConstantHistoryScorer(events: [], fixedScores: counts) }
}
