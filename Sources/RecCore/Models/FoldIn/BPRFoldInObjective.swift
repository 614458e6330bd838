import CBLAS

/// The user side of BPR-Opt (`BPRObjective`) with the items frozen, in expectation over the
/// negatives: training draws, per training event of item i, one negative j uniform over the N
/// items outside the user's (full) history and adds −ln σ(x̂ᵢ − x̂ⱼ) + λ‖p‖², x̂ = p·q + b. So
///
///     L(p; m) = Σₖ mₖ nₖ (1/N) Σ_{j∉H} softplus(sⱼ − sₖ) + λ·nᵤ‖p‖²,   sᵢ = p·qᵢ + bᵢ,
///
/// k over the distinct history items (nₖ events each, nᵤ = Σ nₖ, kept whatever the mask: the
/// prior belongs to the user). With σₖⱼ = σ(sⱼ − sₖ), vₖⱼ = σₖⱼ(1 − σₖⱼ), cₖ = mₖnₖ/N:
///
///     ∇L  = Σⱼ (Σₖ cₖσₖⱼ) qⱼ − Σₖ cₖ (Σⱼ σₖⱼ) qₖ + 2λnᵤ p,
///     ∇²L = Σⱼ ωⱼ qⱼqⱼᵀ − Σₖ cₖ (uₖqₖᵀ + qₖuₖᵀ) + Σₖ cₖ (Σⱼ vₖⱼ) qₖqₖᵀ + 2λnᵤ I,
///
/// ωⱼ = Σₖ cₖvₖⱼ, uₖ = Σⱼ vₖⱼqⱼ (the expansion of Σₖcₖ Σⱼ vₖⱼ(qⱼ − qₖ)(qⱼ − qₖ)ᵀ, which avoids
/// |H|·N·D² work); ∂²L/∂p∂mₖ = (nₖ/N)(Σⱼ σₖⱼqⱼ − (Σⱼ σₖⱼ) qₖ). One evaluation with derivatives
/// O(|H|·N·D + N·D² + |H|·D²), without O(|H|·N + I·D).
struct BPRFoldInObjective: FoldInObjective {
    let items: FoldInItems
    /// History item indices and their event counts nₖ.
    let history: [Int]
    let counts: [Double]
    /// The negatives (items outside the full history), ascending, and their features (N × D).
    let negatives: [Int]
    let negativeFeatures: [Double]
    /// λ·nᵤ (λ at least 10⁻⁶, nᵤ at least 1, so that the Hessian stays positive definite).
    let prior: Double
    var eventCount: Int { history.count }

    /// - Parameter negativeSample: nil = every item outside the history is a negative (the exact
    ///   expectation); else `(count, rng)`: a fixed uniform sample of that many of them without
    ///   replacement, drawn once from `rng` (ascending) — BPR's own training samples its negatives
    ///   too; a fixed sample keeps the fold-in deterministic and |H|·N work small.
    init(items: FoldInItems, history: [Int], counts: [Double], lambda: Double, negativeSample: (count: Int, rng: SplitMix64)? = nil) {
        self.items = items
        self.history = history
        self.counts = counts
        let seen = Set(history)
        var candidates = (0..<items.count).filter { !seen.contains($0) }
        if let (count, seeded) = negativeSample, count < candidates.count {
            var rng = seeded
            rng.shuffle(&candidates)
            candidates = Array(candidates.prefix(count)).sorted()
        }
        negatives = candidates
        negativeFeatures = negatives.flatMap { items.feature($0) }
        prior = max(lambda, 1e-6) * max(counts.reduce(0, +), 1)
    }

    /// σₖⱼ (|H| × N) at the scores s and the loss Σₖ cₖ Σⱼ softplus. Rows of events the mask
    /// leaves out (cₖ = 0) are left 0 unless `everyRow` (their σ is needed at a zero mask by the
    /// mixed derivatives and the curvature model, not by the loss or the derivatives in w).
    func pairs(_ s: [Double], mask: [Float], everyRow: Bool = false) -> (sigma: [Double], loss: Double) {
        let n = negatives.count
        var sigma = [Double](repeating: 0, count: history.count * n), loss = 0.0
        for (k, i) in history.enumerated() {
            let c = Double(mask[k]) * counts[k] / Double(n)
            if c == 0 && !everyRow { continue }
            for (t, j) in negatives.enumerated() {
                // σ(z) and softplus(z) from one exponential: e = e^−|z|.
                let z = s[j] - s[i], e = Double.exponential(-abs(z))
                sigma[k * n + t] = z >= 0 ? 1 / (1 + e) : e / (1 + e)
                if c != 0 { loss += c * (max(z, 0) + Double.logOnePlus(e)) }
            }
        }
        return (sigma, loss)
    }

    /// sᵢ for the items the loss reads, the history and the negatives (the other entries are 0):
    /// O((|H| + N)·D) instead of `items.scores`' O(I·D). Equal to `items.scores(w)` on those
    /// items up to rounding (another summation order).
    func pairScores(_ w: [Double]) -> [Double] {
        var s = [Double](repeating: 0, count: items.count)
        let f = items.dimension, n = negatives.count
        if n > 0 {
            var projections = [Double](repeating: 0, count: n)
            negativeFeatures.withUnsafeBufferPointer { q in
                cblas_dgemv(CblasRowMajor, CblasNoTrans, Int32(n), Int32(f), 1, q.baseAddress, Int32(f), w, 1, 0, &projections, 1)
            }
            for (t, j) in negatives.enumerated() { s[j] = items.offsets[j] + projections[t] }
        }
        for i in history { s[i] = items.score(w, item: i) }
        return s
    }

    /// The largest and smallest of `pairScores`' entries over the history and the negatives.
    func pairScoreRange(_ s: [Double]) -> (top: Double, bottom: Double) {
        var top = -Double.infinity, bottom = Double.infinity
        for i in history {
            top = max(top, s[i])
            bottom = min(bottom, s[i])
        }
        for j in negatives {
            top = max(top, s[j])
            bottom = min(bottom, s[j])
        }
        return (top, bottom)
    }

    private func squaredNorm(_ w: [Double]) -> Double { w.reduce(0) { $0 + $1 * $1 } }

    func value(_ w: [Double], mask: [Float]) -> Double {
        guard !negatives.isEmpty else { return prior * squaredNorm(w) }
        return loss(items.scores(w), mask: mask) + prior * squaredNorm(w)
    }

    /// `pairs(s, mask:).loss` alone, in the same order, without the σ matrix (a line search's
    /// trial points need only the loss).
    func loss(_ s: [Double], mask: [Float]) -> Double {
        let n = negatives.count
        var loss = 0.0
        for (k, i) in history.enumerated() {
            let c = Double(mask[k]) * counts[k] / Double(n)
            if c == 0 { continue }
            for j in negatives {
                let z = s[j] - s[i]
                loss += c * (max(z, 0) + Double.logOnePlus(Double.exponential(-abs(z))))
            }
        }
        return loss
    }

    /// R = M·Q_neg for an |H| × N matrix M (`cblas_dgemm`). O(|H|·N·D).
    func timesNegatives(_ m: [Double]) -> [Double] {
        let h = history.count, n = negatives.count, f = items.dimension
        var result = [Double](repeating: 0, count: h * f)
        guard h > 0, n > 0 else { return result }
        cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, Int32(h), Int32(f), Int32(n), 1, m, Int32(n),
                    negativeFeatures, Int32(f), 0, &result, Int32(f))
        return result
    }

    func derivatives(_ w: [Double], mask: [Float]) -> (value: Double, gradient: [Double], hessian: [Double]) {
        let f = items.dimension, n = negatives.count
        var gradient = w.map { 2 * prior * $0 }, hessian = [Double](repeating: 0, count: f * f)
        for d in 0..<f { hessian[d * f + d] = 2 * prior }
        guard n > 0 else { return (prior * squaredNorm(w), gradient, hessian) }
        let (sigma, loss) = pairs(items.scores(w), mask: mask)
        var curvature = sigma.map { $0 * (1 - $0) }
        let u = timesNegatives(curvature)
        var omega = [Double](repeating: 0, count: n), sigmaWeights = omega
        // Rows √(cₖΣⱼvₖⱼ)·qₖ, cₖuₖ and qₖ of the history, for the two rank-|H| updates below.
        let h = history.count
        var rooted = [Double](repeating: 0, count: h * f), weightedU = rooted, features = rooted
        for (k, i) in history.enumerated() {
            let c = Double(mask[k]) * counts[k] / Double(n)
            guard c != 0 else { continue }
            var sigmaSum = 0.0, curvatureSum = 0.0
            for t in 0..<n {
                sigmaWeights[t] += c * sigma[k * n + t]
                omega[t] += c * curvature[k * n + t]
                sigmaSum += sigma[k * n + t]
                curvatureSum += curvature[k * n + t]
            }
            let r = (c * curvatureSum).squareRoot()
            for a in 0..<f {
                let qa = items.features[i * f + a]
                gradient[a] -= c * sigmaSum * qa
                rooted[k * f + a] = r * qa
                weightedU[k * f + a] = c * u[k * f + a]
                features[k * f + a] = qa
            }
        }
        curvature = []
        // Lower triangle += Σₖ cₖ(Σⱼvₖⱼ) qₖqₖᵀ − Σₖ cₖ(uₖqₖᵀ + qₖuₖᵀ): O(|H|·D²) in BLAS.
        cblas_dsyrk(CblasRowMajor, CblasLower, CblasTrans, Int32(f), Int32(h), 1, rooted, Int32(f), 1, &hessian, Int32(f))
        cblas_dsyr2k(CblasRowMajor, CblasLower, CblasTrans, Int32(f), Int32(h), -1, weightedU, Int32(f), features, Int32(f), 1, &hessian, Int32(f))
        // Σⱼ (Σₖ cₖσₖⱼ) qⱼ and Σⱼ ωⱼ qⱼqⱼᵀ over the negatives.
        var scaled = [Double](repeating: 0, count: n * f)
        for t in 0..<n {
            let r = omega[t].squareRoot()
            for a in 0..<f {
                gradient[a] += sigmaWeights[t] * negativeFeatures[t * f + a]
                scaled[t * f + a] = r * negativeFeatures[t * f + a]
            }
        }
        cblas_dsyrk(CblasRowMajor, CblasLower, CblasTrans, Int32(f), Int32(n), 1, scaled, Int32(f), 1, &hessian, Int32(f))
        return (loss + prior * squaredNorm(w), gradient, hessian)
    }

    func mixedDerivatives(_ w: [Double]) -> [Double] {
        let f = items.dimension, n = negatives.count
        guard n > 0 else { return [Double](repeating: 0, count: history.count * f) }
        let (sigma, _) = pairs(items.scores(w), mask: [Float](repeating: 0, count: history.count), everyRow: true)
        var result = timesNegatives(sigma)
        for (k, i) in history.enumerated() {
            var sigmaSum = 0.0
            for t in 0..<n { sigmaSum += sigma[k * n + t] }
            let c = counts[k] / Double(n)
            for a in 0..<f { result[k * f + a] = c * (result[k * f + a] - sigmaSum * items.features[i * f + a]) }
        }
        return result
    }
}
