/// The hybrid's history scorer: σ(implicit fold-in logit) × explicit fold-in rating.
///
/// With ℓᵢ(m) the implicit part's fold-in score (a logit: logistic MF and the two-tower model
/// score logits) and r̂ᵢ(m) the explicit part's fold-in rating, sᵢ(m) = σ(ℓᵢ)·r̂ᵢ and by the
/// product rule ∂sᵢ/∂mⱼ = σ(ℓᵢ)(1 − σ(ℓᵢ))·r̂ᵢ·∂ℓᵢ/∂mⱼ + σ(ℓᵢ)·∂r̂ᵢ/∂mⱼ. Both parts read the
/// same events (the same training histories). Cost: the two parts' costs.
struct HybridFoldInScorer: MaskDifferentiableScorer {
    let implicit: any MaskDifferentiableScorer
    let explicit: any MaskDifferentiableScorer
    var events: [ScoredHistoryEvent] { implicit.events }
    var itemCount: Int { implicit.itemCount }
    var chainsMasks: Bool { implicit.chainsMasks || explicit.chainsMasks }

    init(implicit: any MaskDifferentiableScorer, explicit: any MaskDifferentiableScorer) {
        precondition(implicit.events == explicit.events, "HybridFoldInScorer: the parts read different histories")
        self.implicit = implicit
        self.explicit = explicit
    }

    func scores(mask: [Float], into scores: inout [Float]) {
        var ratings = [Float](repeating: 0, count: itemCount)
        implicit.scores(mask: mask, into: &scores)
        explicit.scores(mask: mask, into: &ratings)
        for i in 0..<itemCount { scores[i] = Float.sigmoid(scores[i]) * ratings[i] }
    }

    /// Each part from its own warm start (`warmStart`'s parts 0 and 1).
    func scores(mask: [Float], into scores: inout [Float], warmStart: inout MaskWarmStart) {
        var ratings = [Float](repeating: 0, count: itemCount)
        var implicitStart = warmStart[part: 0], explicitStart = warmStart[part: 1]
        implicit.scores(mask: mask, into: &scores, warmStart: &implicitStart)
        explicit.scores(mask: mask, into: &ratings, warmStart: &explicitStart)
        warmStart[part: 0] = implicitStart
        warmStart[part: 1] = explicitStart
        for i in 0..<itemCount { scores[i] = Float.sigmoid(scores[i]) * ratings[i] }
    }

    func scores(masks: [Float], count: Int, targets: [Int]) -> [Float] {
        var logits = implicit.scores(masks: masks, count: count, targets: targets)
        let ratings = explicit.scores(masks: masks, count: count, targets: targets)
        for k in logits.indices { logits[k] = Float.sigmoid(logits[k]) * ratings[k] }
        return logits
    }

    func scoreAndGradient(mask: [Float], target: Int) -> (score: Float, gradient: [Float]) {
        let (logit, logitGradient) = implicit.scoreAndGradient(mask: mask, target: target)
        let (rating, ratingGradient) = explicit.scoreAndGradient(mask: mask, target: target)
        let p = Float.sigmoid(logit), slope = p * (1 - p) * rating
        return (p * rating, zip(logitGradient, ratingGradient).map { slope * $0 + p * $1 })
    }

    /// Σᵢ wᵢ ∂sᵢ/∂m = the implicit part's pullback of wᵢσ'(ℓᵢ)r̂ᵢ plus the explicit part's of wᵢσ(ℓᵢ).
    func pullback(mask: [Float], weights: [Float]) -> [Float] {
        scoresAndPullback(mask: mask) { _ in weights }.gradient
    }

    /// Each part evaluates the mask once: the explicit part's solve runs inside the implicit
    /// part's, where both parts' scores (and so the weights) are known.
    func scoresAndPullback(mask: [Float], weightsFrom weights: ([Float]) -> [Float]) -> (scores: [Float], gradient: [Float]) {
        var warmStart = MaskWarmStart()
        return scoresAndPullback(mask: mask, warmStart: &warmStart, weightsFrom: weights)
    }

    /// The same, each part with its own warm start (`warmStart`'s parts 0 and 1).
    func scoresAndPullback(mask: [Float], warmStart: inout MaskWarmStart, weightsFrom weights: ([Float]) -> [Float]) -> (scores: [Float], gradient: [Float]) {
        var scores: [Float] = [], ratingGradient: [Float] = []
        var implicitStart = warmStart[part: 0], explicitStart = warmStart[part: 1]
        defer {
            warmStart[part: 0] = implicitStart
            warmStart[part: 1] = explicitStart
        }
        let (_, logitGradient) = implicit.scoresAndPullback(mask: mask, warmStart: &implicitStart) { logits in
            var toLogits = [Float](repeating: 0, count: itemCount)
            (_, ratingGradient) = explicit.scoresAndPullback(mask: mask, warmStart: &explicitStart) { ratings in
                scores = (0..<itemCount).map { Float.sigmoid(logits[$0]) * ratings[$0] }
                let w = weights(scores)
                var toRatings = [Float](repeating: 0, count: itemCount)
                for i in 0..<itemCount where w[i] != 0 {
                    let p = Float.sigmoid(logits[i])
                    toLogits[i] = w[i] * p * (1 - p) * ratings[i]
                    toRatings[i] = w[i] * p
                }
                return toRatings
            }
            return toLogits
        }
        return (scores, zip(logitGradient, ratingGradient).map { $0 + $1 })
    }
}
