import Foundation

extension HybridRecommender: HistoryConditionedRecommender {
    public var historyScoring: HistoryScoring { .foldIn }
    public var isMaskDifferentiable: Bool { true }

    public var historyScoringSummary: String {
        "Both parts re-fit the user to the history kept (\(foldInPartSummary)), and the hybrid score is the re-fitted interaction probability times the re-fitted expected rating; an absent event is absent from both fits."
    }

    private var foldInPartSummary: String {
        func describe(_ model: any Recommender) -> String {
            model is any HistoryConditionedRecommender ? "\(model.displayName) by its own fold-in" : "\(model.displayName) cannot, so its trained scores are kept"
        }
        return "\(describe(implicit)); \(describe(explicit))"
    }

    /// σ(ℓᵢ(m))·r̂ᵢ(m) with ℓ the implicit part's fold-in logit and r̂ the explicit part's fold-in
    /// rating (`HybridFoldInScorer`). The parts are cast to `HistoryConditionedRecommender` once
    /// here; a part that is not one (or whose scorer is not mask-differentiable) keeps its
    /// trained, history-independent scores (logit ln p − ln(1 − p) of its probabilities, or
    /// its predicted ratings) with zero gradient. Cost: the two parts' scorers.
    public func historyScorer(forUser user: Int) -> any HistoryScorer {
        let implicitScorer = (implicit as? any HistoryConditionedRecommender)?.historyScorer(forUser: user) as? any MaskDifferentiableScorer
        let explicitScorer = (explicit as? any HistoryConditionedRecommender)?.historyScorer(forUser: user) as? any MaskDifferentiableScorer
        let events = implicitScorer?.events ?? explicitScorer?.events ?? []
        let implicitPart = implicitScorer ?? {
            var p = [Float](repeating: 0, count: itemCount)
            implicit.probabilities(forUser: user, into: &p)
            return ConstantHistoryScorer(events: events, fixedScores: p.map { Float(Foundation.log(Double($0)) - Foundation.log1p(-Double($0))) })
        }()
        let explicitPart = explicitScorer ?? ConstantHistoryScorer(events: events, fixedScores: (0..<itemCount).map { explicit.predictedRating(user: user, item: $0) })
        return HybridFoldInScorer(implicit: implicitPart, explicit: explicitPart)
    }
}
