extension ItemKNN: HistoryConditionedRecommender {
    public var historyScoring: HistoryScoring { .native }
    public var historyScoringSummary: String {
        "ItemKNN scores any history natively: an item's score is the sum of its similarities to the history items present, so removing an item removes exactly its term (items that no present history item points to score 0)."
    }
    public var isMaskDifferentiable: Bool { true }

    public func historyScorer(forUser user: Int) -> any HistoryScorer { ItemKNNHistoryScorer(model: self, user: user) }
}

/// ItemKNN's scores as a linear function of the mask: s_i(m) = Σ_j m_j S[j][i].
struct ItemKNNHistoryScorer: MaskDifferentiableScorer {
    let model: ItemKNN
    let events: [ScoredHistoryEvent]
    var itemCount: Int { model.itemCount }

    init(model: ItemKNN, user: Int) {
        self.model = model
        self.events = FoldInHistory(train: model.train, user: user).events
    }

    /// O(Σ_j neighbours(j)) — events are summed in ascending item order so the full mask gives
    /// the same floating-point sums as `scores(forUser:)`.
    func scores(mask: [Float], into scores: inout [Float]) {
        for i in 0..<itemCount { scores[i] = 0 }
        for e in events.indices.sorted(by: { events[$0].item < events[$1].item }) where mask[e] != 0 {
            let j = events[e].item, m = mask[e]
            for p in model.neighbourStart[j]..<model.neighbourStart[j + 1] {
                scores[Int(model.neighbourItems[p])] += m == 1 ? model.neighbourSimilarities[p] : m * model.neighbourSimilarities[p]
            }
        }
    }

    /// Linear in the mask: one stored-similarity lookup per (event, target).
    func scores(masks: [Float], count: Int, targets: [Int]) -> [Float] {
        let n = events.count, k = targets.count
        let weights = targets.map { t in events.map { model.storedSimilarity(from: $0.item, to: t) } }
        let order = events.indices.sorted { events[$0].item < events[$1].item }
        var result = [Float](repeating: 0, count: count * k)
        for c in 0..<count {
            for t in 0..<k {
                var sum: Float = 0
                for e in order where masks[c * n + e] != 0 { sum += masks[c * n + e] * weights[t][e] }
                result[c * k + t] = sum
            }
        }
        return result
    }

    /// Linear: ∂(Σᵢ wᵢ sᵢ)/∂mⱼ = Σ over j's stored neighbours i of wᵢ·S[j][i]. O(Σⱼ neighbours(j)).
    func pullback(mask: [Float], weights: [Float]) -> [Float] {
        events.map { event in
            var sum: Float = 0
            for p in model.neighbourStart[event.item]..<model.neighbourStart[event.item + 1] {
                sum += weights[Int(model.neighbourItems[p])] * model.neighbourSimilarities[p]
            }
            return sum
        }
    }

    func scoreAndGradient(mask: [Float], target: Int) -> (score: Float, gradient: [Float]) {
        let gradient = events.map { model.storedSimilarity(from: $0.item, to: target) }
        var score: Float = 0
        for e in events.indices.sorted(by: { events[$0].item < events[$1].item }) { score += mask[e] * gradient[e] }
        return (score, gradient)
    }
}
