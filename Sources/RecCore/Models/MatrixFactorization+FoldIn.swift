extension MatrixFactorization: HistoryConditionedRecommender {
    /// The ridge added to the user vector and bias of the unregularised model (`.none`) so that
    /// its fold-in system is solvable (also for an empty history): 10⁻³ in normalised units.
    public static let foldInRidge: Double = 1e-3

    public var historyScoring: HistoryScoring { .foldIn }
    public var isMaskDifferentiable: Bool { true }

    public var historyScoringSummary: String {
        let prior = configuration.regularization == .none
            ? "a tiny ridge (10⁻³) keeps it solvable"
            : "with the model's own penalty on the vector and the bias"
        return "The user's vector and bias are re-fitted by least squares to the ratings kept, with the item vectors and biases frozen (\(prior)); an absent rating is simply left out of the fit, and an empty history predicts the global mean plus the item bias."
    }

    /// The per-user prior weights (λ on pᵤ, β on bᵤ) of the fold-in, in normalised units, for a
    /// user with `events` training ratings. The model's penalties are per rating (a row used b
    /// times in an epoch is penalised b times), i.e. the activity-weighted prior λ·nᵤ‖pᵤ‖² +
    /// β·nᵤ·bᵤ² of `MFObjective`; the fold-in keeps nᵤ = the user's full training count whatever
    /// the mask (the prior belongs to the user, not to the events kept):
    /// - `.none`: λ = β = `foldInRidge` (not activity-weighted);
    /// - `.fixed(lambda)`: λ = lambda·nᵤ, β = `biasRegularization`·nᵤ;
    /// - `.adaptive`: λ = (λ_p/τ)·nᵤ with λ_p/τ the weight in effect while the kept epoch was
    ///   trained (the "λ_p" curve one epoch before `selectedEpoch`, or the initial weight), β as fixed;
    /// - `.adaptiveSeed002`: λ = e^θ_p·nᵤ with the learned θ_p, β as fixed.
    /// nᵤ is taken as at least 1, and a zero penalty (λ or β) is replaced by `foldInRidge`, so that
    /// every history, the empty one included, gives a solvable system.
    public func foldInPrior(events: Int) -> (lambda: Double, bias: Double) {
        let n = Double(max(events, 1)), penalty = Double(configuration.biasRegularization) * n
        let beta = penalty > 0 ? penalty : Self.foldInRidge
        let weight: Double
        switch configuration.regularization {
        case .none:
            return (Self.foldInRidge, Self.foldInRidge)
        case .fixed(let lambda):
            weight = Double(lambda)
        case .adaptive(_, _, let initial, _):
            let curve = curves.first { $0.name == "λ_p" }?.values ?? []
            let kept = selectedEpoch ?? curve.count
            weight = kept >= 2 && kept - 2 < curve.count ? curve[kept - 2] : initial
        case .adaptiveSeed002:
            weight = Double(Float.exponential(parameters.logLambda[0]))
        }
        return (weight > 0 ? weight * n : Self.foldInRidge, beta)
    }

    /// The ridge fold-in of `user`'s ratings (`WeightedRidgeScorer`) with frozen item factors qᵢ
    /// and biases bᵢ. Unknowns w = [p; bᵤ] (D + 1), item features x̃ᵢ = [qᵢ; 1]; each distinct
    /// history item j (`FoldInHistory`) has nⱼ ratings with mean r̄ⱼ and normalised target
    /// tⱼ = (r̄ⱼ − μ)/s − bⱼ (the squared error of its nⱼ ratings is nⱼ(tⱼ − x̃ⱼ·w)² + const):
    ///
    ///     A(m) = diag(λ·I_D, β) + Σⱼ mⱼ nⱼ x̃ⱼx̃ⱼᵀ,   b(m) = Σⱼ mⱼ nⱼ tⱼ x̃ⱼ,   w = A⁻¹b,
    ///     r̂ᵢ = μ + s·(bᵤ + bᵢ + p·qᵢ)       (the units of `scores(forUser:)`),
    ///
    /// λ, β from `foldInPrior(events:)`. The empty history gives w = 0 (r̂ᵢ = μ + s·bᵢ).
    /// ∂r̂ᵢ/∂mⱼ = s·(z·x̃ⱼ)·nⱼ(tⱼ − x̃ⱼ·w), z = A⁻¹x̃ᵢ. Building O(I·D + n log n); each mask
    /// O(n·D² + D³).
    public func historyScorer(forUser user: Int) -> any HistoryScorer {
        let history = FoldInHistory(train: train, user: user)
        let d = parameters.factors, f = d + 1
        var features = Matrix(rows: itemCount, columns: f)
        for i in 0..<itemCount {
            for k in 0..<d { features.values[i * f + k] = parameters.itemFactors[i * d + k] }
            features.values[i * f + d] = 1
        }
        let (lambda, beta) = foldInPrior(events: history.eventCount)
        var prior = [Double](repeating: 0, count: f * f)
        for k in 0..<d { prior[k * f + k] = lambda }
        prior[d * f + d] = beta
        let mean = Double(globalMean), scale = Double(configuration.ratingScale)
        let counts = history.counts.map(Double.init)
        let targets = history.events.indices.map { j in
            (Double(history.ratingSums[j]) / counts[j] - mean) / scale - Double(parameters.itemBias[history.events[j].item])
        }
        let offsets = parameters.itemBias.map { globalMean + configuration.ratingScale * $0 }
        return WeightedRidgeScorer(events: history.events, features: features, prior: prior, curvature: counts,
                                   response: zip(counts, targets).map { $0 * $1 }, scale: scale, offsets: offsets)
    }
}
