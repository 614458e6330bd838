extension LogisticFoldInObjective {
    /// ∇L alone: `derivatives`' gradient bit for bit, without the O(I·D²) Hessian. O(I·D).
    func gradient(_ w: [Double], mask: [Float]) -> [Double] {
        let (_, sigma, sum) = items.sigmoidPass(w, weight: 1), f = items.dimension
        var gradient = sum
        for (j, i) in history.enumerated() {
            items.add(Double(mask[j]) * confidence[j] * (sigma[i] - 1), timesFeatureOf: i, to: &gradient)
        }
        for d in 0..<(f - 1) { gradient[d] += lambda * w[d] }
        gradient[f - 1] += biasRidge * w[f - 1]
        return gradient
    }

    /// ∇²L alone: `derivatives`' Hessian bit for bit, without the I softplus terms. O(I·D²).
    func hessian(_ w: [Double], mask: [Float]) -> [Double] {
        let sigma = FoldInItems.sigmoids(items.scores(w)), f = items.dimension
        var v = [Double](repeating: 0, count: items.count)
        for i in 0..<items.count { v[i] = sigma[i] * (1 - sigma[i]) }
        for (j, i) in history.enumerated() {
            let weight = Double(mask[j]) * confidence[j], s = sigma[i]
            v[i] += weight * s * (1 - s)
        }
        var hessian = items.weightedGram(v)
        for d in 0..<(f - 1) { hessian[d * f + d] += lambda }
        hessian[(f - 1) * f + f - 1] += biasRidge
        return hessian
    }

    /// ∇²L(w; m) exactly: A₀ = Σᵢ σᵢ(1 − σᵢ)x̃ᵢx̃ᵢᵀ + diag(λ, …, λ, ε), one rank-one term
    /// cⱼσⱼ(1 − σⱼ)x̃ⱼx̃ⱼᵀ per event. O(I·D²).
    func curvature(at w: [Double]) -> FoldInCurvature {
        let l = items.scores(w), f = items.dimension
        var base = items.weightedGram(l.map { Double.sigmoid($0) * (1 - Double.sigmoid($0)) })
        for d in 0..<(f - 1) { base[d * f + d] += lambda }
        base[(f - 1) * f + f - 1] += biasRidge
        let weights = history.enumerated().map { j, i in
            let s = Double.sigmoid(l[i])
            return confidence[j] * s * (1 - s)
        }
        return FoldInCurvature(dimension: f, base: base, rows: history.flatMap { items.feature($0) },
                               rowEvents: Array(history.indices), rowWeights: weights)
    }
}
