import CBLAS

/// A fold-in whose user side solves one weighted ridge system with the item side frozen: the
/// scorer of implicit ALS, imported factor models and explicit MF/PMF.
///
/// With item features xᵢ (F values), a mask-independent prior A₀ (F × F, positive definite) and,
/// for each history event j, a curvature weight aⱼ ≥ 0 and a response weight βⱼ:
///
///     A(m) = A₀ + Σⱼ mⱼ aⱼ xⱼxⱼᵀ,   b(m) = Σⱼ mⱼ βⱼ xⱼ,   w(m) = A(m)⁻¹ b(m),
///     sᵢ(m) = oᵢ + κ·(w(m)·xᵢ)            (−∞ for items never recommended)
///
/// (oᵢ an item offset, κ a scale), and by differentiating A w = b,
///
///     ∂sᵢ/∂mⱼ = κ·(z·xⱼ)(βⱼ − aⱼ·(xⱼ·w)),   z = A(m)⁻¹xᵢ.
///
/// The F × F algebra is in `Double`. Cost per mask: O(n·F² + F³) for n events, plus O(I·F) for
/// all items or O(|targets|·F) in a batch. Deterministic: no threads, BLAS single-threaded
/// (`BLAS.withSingleThread`) whatever the caller's setting, so callers may run scorers in parallel.
public struct WeightedRidgeScorer: MaskDifferentiableScorer {
    public let events: [ScoredHistoryEvent]
    public var itemCount: Int { features.rows }
    /// I × F item features xᵢ.
    let features: Matrix
    /// A₀, F × F row-major (lower triangle read).
    let prior: [Double]
    /// n × F features of the history events.
    let historyFeatures: [Double]
    /// aⱼ and βⱼ per event.
    let curvature: [Double], response: [Double]
    /// κ and oᵢ (nil = 0 for every item).
    let scale: Double
    let offsets: [Float]?
    /// Items that may be recommended (nil = all).
    let recommendable: [Bool]?

    /// - Parameters: see the type comment; `historyItems[j]` is the row of `features` of event j.
    init(events: [ScoredHistoryEvent], features: Matrix, prior: [Double], curvature: [Double], response: [Double],
         scale: Double = 1, offsets: [Float]? = nil, recommendable: [Bool]? = nil) {
        let f = features.columns, n = events.count
        precondition(prior.count == f * f && curvature.count == n && response.count == n)
        self.events = events
        self.features = features
        self.prior = prior
        self.curvature = curvature
        self.response = response
        self.scale = scale
        self.offsets = offsets
        self.recommendable = recommendable
        var rows = [Double](repeating: 0, count: n * f)
        for (j, event) in events.enumerated() {
            for d in 0..<f { rows[j * f + d] = Double(features[event.item, d]) }
        }
        historyFeatures = rows
    }

    /// w(m) and the factor of A(m). O(n·F² + F³).
    func solve(mask: [Float]) -> (w: [Double], factor: CholeskyFactor) {
        precondition(mask.count == events.count, "mask has \(mask.count) weights for \(events.count) events")
        let f = features.columns, n = events.count
        var a = prior, b = [Double](repeating: 0, count: f)
        var weights = [Double](repeating: 0, count: n)
        historyFeatures.withUnsafeBufferPointer { x in
            guard n > 0, let rows = x.baseAddress else { return }
            BLAS.addWeightedGram(&a, rows: rows, weights: (0..<n).map { Double(mask[$0]) * curvature[$0] }, dimension: f)
            for j in 0..<n { weights[j] = Double(mask[j]) * response[j] }
            cblas_dgemv(CblasRowMajor, CblasTrans, Int32(n), Int32(f), 1, rows, Int32(f), weights, 1, 0, &b, 1)
        }
        guard let factor = CholeskyFactor(a, size: f) else {
            preconditionFailure("WeightedRidgeScorer: A(m) is not positive definite (negative mask weights?)")
        }
        factor.solve(&b)
        return (b, factor)
    }

    /// oᵢ + κ·(w·xᵢ) in `Double` (no −∞ handling). O(F).
    private func score(item i: Int, w: [Double]) -> Double {
        let f = features.columns
        var dot = 0.0
        for d in 0..<f { dot += w[d] * Double(features.values[i * f + d]) }
        return Double(offsets?[i] ?? 0) + scale * dot
    }

    private func isRecommendable(_ i: Int) -> Bool { recommendable?[i] ?? true }

    public func scores(mask: [Float], into scores: inout [Float]) {
        BLAS.withSingleThread { evaluate(mask: mask, into: &scores) }
    }

    private func evaluate(mask: [Float], into scores: inout [Float]) {
        fill(&scores, w: solve(mask: mask).w)
    }

    /// Every item's score at the solution `w`.
    private func fill(_ scores: inout [Float], w: [Double]) {
        let user = Matrix(rows: 1, columns: features.columns, values: w.map { Float(scale * $0) })
        user.rowTimesTransposed(0, features, into: &scores)
        for i in 0..<itemCount {
            scores[i] = isRecommendable(i) ? scores[i] + (offsets?[i] ?? 0) : -.infinity
        }
    }

    /// One solve per mask, then only the targets' dot products. O(count·(n·F² + F³ + |targets|·F)).
    public func scores(masks: [Float], count: Int, targets: [Int]) -> [Float] {
        BLAS.withSingleThread { evaluate(masks: masks, count: count, targets: targets) }
    }

    private func evaluate(masks: [Float], count: Int, targets: [Int]) -> [Float] {
        let n = events.count, f = features.columns
        var result = [Float](repeating: 0, count: count * targets.count)
        // Many masks of a short history: the Woodbury form costs O(|S|³) per mask instead of
        // O(n·F² + F³) once its O(F³ + n·F² + n²·F) set-up is shared (`WoodburyBatch`).
        let woodbury = count >= 8 && n < f ? WoodburyBatch(self, targets: targets) : nil
        for c in 0..<count {
            let mask = Array(masks[(c * n)..<((c + 1) * n)])
            if let woodbury {
                let values = woodbury.scores(mask: mask)
                for (t, item) in targets.enumerated() { result[c * targets.count + t] = isRecommendable(item) ? Float(values[t]) : -.infinity }
                continue
            }
            let (w, _) = solve(mask: mask)
            for (t, item) in targets.enumerated() {
                result[c * targets.count + t] = isRecommendable(item) ? Float(score(item: item, w: w)) : -.infinity
            }
        }
        return result
    }

    public func scoreAndGradient(mask: [Float], target: Int) -> (score: Float, gradient: [Float]) {
        BLAS.withSingleThread { evaluateWithGradient(mask: mask, target: target) }
    }

    /// The scores are linear in the item features, so the pullback is the gradient of one
    /// "item" with features x̄ = Σᵢ wᵢxᵢ (the offsets do not depend on the mask). O(n·F² + F³ + I·F).
    public func pullback(mask: [Float], weights: [Float]) -> [Float] {
        BLAS.withSingleThread {
            gradient(mask: mask, feature: weightedFeature(weights)).gradient
        }
    }

    /// One solve of the mask for the scores and their pullback.
    public func scoresAndPullback(mask: [Float], weightsFrom weights: ([Float]) -> [Float]) -> (scores: [Float], gradient: [Float]) {
        BLAS.withSingleThread {
            let solved = solve(mask: mask)
            var scores = [Float](repeating: 0, count: itemCount)
            fill(&scores, w: solved.w)
            return (scores, gradient(mask: mask, feature: weightedFeature(weights(scores)), solved: solved).gradient)
        }
    }

    /// x̄ = Σᵢ wᵢxᵢ over the recommendable items.
    private func weightedFeature(_ weights: [Float]) -> [Double] {
        let f = features.columns
        var mixed = [Double](repeating: 0, count: f)
        for i in 0..<itemCount where weights[i] != 0 && isRecommendable(i) {
            for d in 0..<f { mixed[d] += Double(weights[i]) * Double(features.values[i * f + d]) }
        }
        return mixed
    }

    private func evaluateWithGradient(mask: [Float], target: Int) -> (score: Float, gradient: [Float]) {
        let n = events.count, f = features.columns
        guard isRecommendable(target) else { return (-.infinity, [Float](repeating: 0, count: n)) }
        let (w, gradient) = gradient(mask: mask, feature: (0..<f).map { Double(features[target, $0]) })
        return (Float(score(item: target, w: w)), gradient)
    }

    /// w(m) and κ·∂(x·w(m))/∂m for an item feature vector x.
    private func gradient(mask: [Float], feature: [Double], solved: (w: [Double], factor: CholeskyFactor)? = nil) -> (w: [Double], gradient: [Float]) {
        let n = events.count, f = features.columns
        let (w, factor) = solved ?? solve(mask: mask)
        let z = factor.solved(feature)
        var gradient = [Float](repeating: 0, count: n)
        for j in 0..<n {
            var xz = 0.0, xw = 0.0
            for d in 0..<f {
                xz += historyFeatures[j * f + d] * z[d]
                xw += historyFeatures[j * f + d] * w[d]
            }
            gradient[j] = Float(scale * xz * (response[j] - curvature[j] * xw))
        }
        return (w, gradient)
    }
}

/// The targets' scores of many masks through the Woodbury identity, for histories shorter than
/// the factor count. With G = X A₀⁻¹ Xᵀ (n × n), gₜ = X A₀⁻¹ xₜ and, for the present events S,
/// dⱼ = mⱼaⱼ ≥ 0 and cⱼ = mⱼβⱼ:
///
///     xₜᵀ A(m)⁻¹ b(m) = gₜ,ₛ·cₛ − gₜ,ₛ·D½ (I + D½ Gₛₛ D½)⁻¹ D½ Gₛₛ cₛ,
///
/// one |S| × |S| Cholesky per mask (SPD for any d ≥ 0) instead of the F × F one; equal to
/// `solve(mask:)` up to rounding (both in `Double`).
struct WoodburyBatch {
    let scorer: WeightedRidgeScorer
    let targets: [Int]
    /// G (n × n) and gₜ per target (targets × n).
    let gram: [Double]
    let targetProjections: [[Double]]

    init(_ scorer: WeightedRidgeScorer, targets: [Int]) {
        self.scorer = scorer
        self.targets = targets
        let f = scorer.features.columns, n = scorer.events.count
        guard let factor = CholeskyFactor(scorer.prior, size: f) else {
            preconditionFailure("WoodburyBatch: A₀ is not positive definite")
        }
        // Z = A₀⁻¹ Xᵀ, column j = A₀⁻¹ xⱼ.
        let z = (0..<n).map { j in factor.solved(Array(scorer.historyFeatures[(j * f)..<((j + 1) * f)])) }
        var g = [Double](repeating: 0, count: n * n)
        for a in 0..<n {
            for b in 0...a {
                var dot = 0.0
                for d in 0..<f { dot += scorer.historyFeatures[a * f + d] * z[b][d] }
                g[a * n + b] = dot
                g[b * n + a] = dot
            }
        }
        gram = g
        targetProjections = targets.map { t in
            (0..<n).map { j in
                var dot = 0.0
                for d in 0..<f { dot += Double(scorer.features.values[t * f + d]) * z[j][d] }
                return dot
            }
        }
    }

    /// oₜ + κ·xₜᵀ w(m) for every target. O(|S|³ + |targets|·|S|).
    func scores(mask: [Float]) -> [Double] {
        let n = scorer.events.count
        let present = (0..<n).filter { mask[$0] != 0 }
        let k = present.count
        let root = present.map { (Double(mask[$0]) * scorer.curvature[$0]).squareRoot() }
        let c = present.map { Double(mask[$0]) * scorer.response[$0] }
        // M = I + D½ Gₛₛ D½ and q = D½ Gₛₛ c.
        var m = [Double](repeating: 0, count: k * k), q = [Double](repeating: 0, count: k)
        for a in 0..<k {
            var h = 0.0
            for b in 0..<k {
                let gab = gram[present[a] * n + present[b]]
                m[a * k + b] = root[a] * gab * root[b] + (a == b ? 1 : 0)
                h += gab * c[b]
            }
            q[a] = root[a] * h
        }
        var r = q
        if k > 0 {
            guard let factor = CholeskyFactor(m, size: k) else { preconditionFailure("WoodburyBatch: I + D½GD½ is not positive definite") }
            factor.solve(&r)
        }
        return targets.indices.map { t in
            let g = targetProjections[t]
            var value = 0.0
            for a in 0..<k { value += g[present[a]] * (c[a] - root[a] * r[a]) }
            return Double(scorer.offsets?[targets[t]] ?? 0) + scorer.scale * value
        }
    }
}
