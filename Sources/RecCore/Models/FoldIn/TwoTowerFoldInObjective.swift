/// The user side of the two-tower BCE (`TwoTowerObjective`) with the item tower frozen, for the
/// user tower OUTPUT h (d values) optimised directly (the user embedding and dense layer are not
/// inverted: any h is reachable through the residual tower, and the score only sees h).
///
/// Training pairs each training event of item k with N negatives uniform over all I items, so in
/// expectation (eᵢ the item tower outputs, sᵢ = h·eᵢ):
///
///     L(h; m) = Σₖ mₖnₖ [softplus(−sₖ) + (N/I) Σᵢ softplus(sᵢ)] + ρ·nᵤ‖h‖²,
///
/// k over the distinct history items (nₖ events, nᵤ = Σ nₖ), ρ = `TwoTower.foldInRidge` (training
/// has no penalty; the ridge makes the objective strictly convex in directions no item vector
/// spans and keeps the empty history at h = 0). With W = Σₖ mₖnₖ:
/// ∇L = Σₖ mₖnₖ(−σ(−sₖ))eₖ + W(N/I) Σᵢ σ(sᵢ)eᵢ + 2ρnᵤh,
/// ∇²L = Σₖ mₖnₖ σₖ(1 − σₖ)eₖeₖᵀ + W(N/I) Σᵢ σᵢ(1 − σᵢ)eᵢeᵢᵀ + 2ρnᵤI,
/// ∂²L/∂h∂mₖ = nₖ[−σ(−sₖ)eₖ + (N/I) Σᵢ σ(sᵢ)eᵢ]. One evaluation with derivatives O(I·d²).
struct TwoTowerFoldInObjective: FoldInObjective {
    let items: FoldInItems
    let history: [Int]
    let counts: [Double]
    /// N / I.
    let negativeRate: Double
    /// ρ·nᵤ.
    let prior: Double
    var eventCount: Int { history.count }

    init(items: FoldInItems, history: [Int], counts: [Double], negatives: Int, ridge: Double) {
        self.items = items
        self.history = history
        self.counts = counts
        negativeRate = items.count == 0 ? 0 : Double(negatives) / Double(items.count)
        prior = ridge * max(counts.reduce(0, +), 1)
    }

    func positiveWeight(_ mask: [Float]) -> Double {
        var total = 0.0
        for k in history.indices { total += Double(mask[k]) * counts[k] }
        return total
    }

    func value(_ w: [Double], mask: [Float]) -> Double {
        let s = items.scores(w), weight = positiveWeight(mask) * negativeRate
        var total = prior * w.reduce(0) { $0 + $1 * $1 }
        if weight != 0 { for i in 0..<items.count { total += weight * Double.softplus(s[i]) } }
        for (k, i) in history.enumerated() { total += Double(mask[k]) * counts[k] * Double.softplus(-s[i]) }
        return total
    }

    func derivatives(_ w: [Double], mask: [Float]) -> (value: Double, gradient: [Double], hessian: [Double]) {
        let weight = positiveWeight(mask) * negativeRate, f = items.dimension
        let (s, sigma, sum) = items.sigmoidPass(w, weight: weight)
        var total = prior * w.reduce(0) { $0 + $1 * $1 }
        var v = [Double](repeating: 0, count: items.count)
        if weight != 0 {
            for i in 0..<items.count {
                let p = sigma[i]
                total += weight * Double.softplus(s[i])
                v[i] = weight * p * (1 - p)
            }
        }
        var gradient = sum
        for (k, i) in history.enumerated() {
            let c = Double(mask[k]) * counts[k], p = sigma[i]
            total += c * Double.softplus(-s[i])
            items.add(-c * (1 - p), timesFeatureOf: i, to: &gradient)
            v[i] += c * p * (1 - p)
        }
        var hessian = items.weightedGram(v)
        for d in 0..<f {
            gradient[d] += 2 * prior * w[d]
            hessian[d * f + d] += 2 * prior
        }
        return (total, gradient, hessian)
    }

    func mixedDerivatives(_ w: [Double]) -> [Double] {
        let s = items.scores(w), f = items.dimension
        let expected = items.transposedTimes(s.map { negativeRate * Double.sigmoid($0) })
        var result = [Double](repeating: 0, count: history.count * f)
        for (k, i) in history.enumerated() {
            let p = Double.sigmoid(-s[i])
            for d in 0..<f { result[k * f + d] = counts[k] * (expected[d] - p * items.features[i * f + d]) }
        }
        return result
    }
}
