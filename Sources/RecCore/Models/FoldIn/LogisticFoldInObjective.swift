/// The user-side negative log-posterior of logistic MF (`LMFObjective`) with the items frozen,
/// over ALL items, for w = [xᵤ; βᵤ] (D + 1) and item features x̃ᵢ = [yᵢ; 1], offsets βᵢ:
///
///     ℓᵢ = w·x̃ᵢ + βᵢ,
///     L(w; m) = Σᵢ softplus(ℓᵢ) + Σⱼ mⱼ cⱼ (softplus(ℓⱼ) − ℓⱼ) + λ/2 ‖xᵤ‖² + ε/2 βᵤ²,
///
/// j over the distinct history items with confidence cⱼ = α·rⱼ (rⱼ = number of training events).
/// Training leaves βᵤ unpenalised (ε = 0); the fold-in adds ε = `LogisticMF.foldInBiasRidge`
/// because without any positive term (the empty history) L decreases for ever as βᵤ → −∞.
/// ∇L = Σᵢ σ(ℓᵢ)x̃ᵢ + Σⱼ mⱼcⱼ(σ(ℓⱼ) − 1)x̃ⱼ + [λxᵤ; εβᵤ];
/// ∇²L = Σᵢ σᵢ(1 − σᵢ)x̃ᵢx̃ᵢᵀ + Σⱼ mⱼcⱼσⱼ(1 − σⱼ)x̃ⱼx̃ⱼᵀ + diag(λ, …, λ, ε) (positive definite);
/// ∂²L/∂w∂mⱼ = cⱼ(σ(ℓⱼ) − 1)x̃ⱼ.
/// One evaluation with derivatives O(I·D²), without O(I·D). σ is `FoldInItems`' (`sigmoidPass`,
/// `sigmoids`) in the gradient and Hessian of every method, so `hessian` equals `derivatives`'
/// Hessian bit for bit.
struct LogisticFoldInObjective: FoldInObjective {
    let items: FoldInItems
    /// Item index and cⱼ of each event.
    let history: [Int]
    let confidence: [Double]
    let lambda: Double
    /// ε on βᵤ.
    let biasRidge: Double
    var eventCount: Int { history.count }

    func value(_ w: [Double], mask: [Float]) -> Double {
        let l = items.scores(w)
        var total = 0.0
        for i in 0..<items.count { total += Double.softplus(l[i]) }
        for (j, i) in history.enumerated() { total += Double(mask[j]) * confidence[j] * (Double.softplus(l[i]) - l[i]) }
        return total + penalty(w)
    }

    private func penalty(_ w: [Double]) -> Double {
        var squares = 0.0
        let f = items.dimension
        for d in 0..<(f - 1) { squares += w[d] * w[d] }
        return lambda / 2 * squares + biasRidge / 2 * w[f - 1] * w[f - 1]
    }

    func derivatives(_ w: [Double], mask: [Float]) -> (value: Double, gradient: [Double], hessian: [Double]) {
        let (l, sigma, sum) = items.sigmoidPass(w, weight: 1), f = items.dimension
        var total = 0.0
        var v = [Double](repeating: 0, count: items.count)
        for i in 0..<items.count {
            total += Double.softplus(l[i])
            v[i] = sigma[i] * (1 - sigma[i])
        }
        var gradient = sum
        for (j, i) in history.enumerated() {
            let weight = Double(mask[j]) * confidence[j], s = sigma[i]
            total += weight * (Double.softplus(l[i]) - l[i])
            items.add(weight * (s - 1), timesFeatureOf: i, to: &gradient)
            v[i] += weight * s * (1 - s)
        }
        var hessian = items.weightedGram(v)
        for d in 0..<(f - 1) {
            gradient[d] += lambda * w[d]
            hessian[d * f + d] += lambda
        }
        gradient[f - 1] += biasRidge * w[f - 1]
        hessian[(f - 1) * f + f - 1] += biasRidge
        return (total + penalty(w), gradient, hessian)
    }

    func mixedDerivatives(_ w: [Double]) -> [Double] {
        let f = items.dimension
        var result = [Double](repeating: 0, count: history.count * f)
        for (j, i) in history.enumerated() {
            let c = confidence[j] * (Double.sigmoid(items.score(w, item: i)) - 1)
            for d in 0..<f { result[j * f + d] = c * items.features[i * f + d] }
        }
        return result
    }
}
