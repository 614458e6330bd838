/// A history scorer whose scores do not depend on the mask (zero gradient): Popularity's, and the
/// fallback of a hybrid part that cannot fold a history in.
struct ConstantHistoryScorer: MaskDifferentiableScorer {
    let events: [ScoredHistoryEvent]
    let fixedScores: [Float]
    var itemCount: Int { fixedScores.count }

    func scores(mask: [Float], into scores: inout [Float]) {
        for i in 0..<itemCount { scores[i] = fixedScores[i] }
    }

    func scoreAndGradient(mask: [Float], target: Int) -> (score: Float, gradient: [Float]) {
        (fixedScores[target], [Float](repeating: 0, count: events.count))
    }

    func pullback(mask: [Float], weights: [Float]) -> [Float] { [Float](repeating: 0, count: events.count) }
}
