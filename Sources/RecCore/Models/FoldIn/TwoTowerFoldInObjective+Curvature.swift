extension TwoTowerFoldInObjective {
    /// ∇L alone: `derivatives`' gradient bit for bit, without the O(I·d²) Hessian. O(I·d).
    func gradient(_ w: [Double], mask: [Float]) -> [Double] {
        let (_, sigma, sum) = items.sigmoidPass(w, weight: positiveWeight(mask) * negativeRate)
        var gradient = sum
        for (k, i) in history.enumerated() {
            items.add(-Double(mask[k]) * counts[k] * (1 - sigma[i]), timesFeatureOf: i, to: &gradient)
        }
        for d in 0..<items.dimension { gradient[d] += 2 * prior * w[d] }
        return gradient
    }

    /// ∇²L alone: `derivatives`' Hessian bit for bit, without the I softplus terms. O(I·d²).
    func hessian(_ w: [Double], mask: [Float]) -> [Double] {
        let sigma = FoldInItems.sigmoids(items.scores(w)), weight = positiveWeight(mask) * negativeRate, f = items.dimension
        var v = [Double](repeating: 0, count: items.count)
        if weight != 0 {
            for i in 0..<items.count {
                let p = sigma[i]
                v[i] = weight * p * (1 - p)
            }
        }
        for (k, i) in history.enumerated() {
            let c = Double(mask[k]) * counts[k], p = sigma[i]
            v[i] += c * p * (1 - p)
        }
        var hessian = items.weightedGram(v)
        for d in 0..<f { hessian[d * f + d] += 2 * prior }
        return hessian
    }

    /// ∇²L(w; m) exactly: A₀ = 2ρnᵤI, S = (N/I) Σᵢ σᵢ(1 − σᵢ)eᵢeᵢᵀ scaled by W = Σₖ mₖnₖ, one
    /// rank-one term nₖσₖ(1 − σₖ)eₖeₖᵀ per event. O(I·d²).
    func curvature(at w: [Double]) -> FoldInCurvature {
        let s = items.scores(w), f = items.dimension
        var base = [Double](repeating: 0, count: f * f)
        for d in 0..<f { base[d * f + d] = 2 * prior }
        let shared = items.weightedGram(s.map { negativeRate * Double.sigmoid($0) * (1 - Double.sigmoid($0)) })
        let weights = history.enumerated().map { k, i in
            let p = Double.sigmoid(s[i])
            return counts[k] * p * (1 - p)
        }
        return FoldInCurvature(dimension: f, base: base, shared: shared, sharedWeights: counts,
                               rows: history.flatMap { items.feature($0) }, rowEvents: Array(history.indices), rowWeights: weights)
    }
}
