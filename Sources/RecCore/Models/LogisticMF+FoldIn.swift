extension LogisticMF: HistoryConditionedRecommender {
    /// ε of the fold-in's ridge ε/2·βᵤ² on the user bias (training has none; without it the
    /// empty history has no optimum, βᵤ → −∞). 10⁻³.
    public static let foldInBiasRidge: Double = 1e-3

    public var historyScoring: HistoryScoring { .foldIn }
    public var isMaskDifferentiable: Bool { true }

    public var historyScoringSummary: String {
        "The user's vector and bias are re-fitted to convergence (quasi-Newton steps preconditioned by the full-history curvature, Newton as fallback) to the model's own log-likelihood over all items, with the item vectors frozen; an absent event turns its item into one the user never interacted with (its extra weight α·count is removed)."
    }

    /// The logistic-MF fold-in of `user` (`NewtonFoldInScorer` over `LogisticFoldInObjective`):
    /// the exact user-side objective of training (λ = `regularization`, cⱼ = α·rⱼ) with event j's
    /// confidence multiplied by mⱼ, plus the tiny bias ridge `foldInBiasRidge`; scores are logits ℓᵢ = xᵤ·yᵢ + βᵤ + βᵢ like
    /// `scores(forUser:)`. Building O(|H| + steps·I·D²) (the full-history optimum, from the trained
    /// user vector); per mask O(steps·I·D) from the full-history optimum (or a warm start); the
    /// empty mask returns the empty history's optimum, computed once per model (`NewtonFoldInScorer`).
    /// (Starting small masks from the empty optimum was measured slower: those problems are
    /// ill-conditioned either way.)
    public func historyScorer(forUser user: Int) -> any HistoryScorer {
        let history = FoldInHistory(train: train, user: user)
        let shared = foldIn.value
        let objective = LogisticFoldInObjective(items: shared.items, history: history.items,
                                                confidence: history.counts.map { Double(configuration.alpha) * Double($0) },
                                                lambda: Double(configuration.regularization), biasRidge: Self.foldInBiasRidge)
        let d = parameters.factors
        let trained = user < parameters.userBias.count
            ? (0..<d).map { Double(parameters.userFactors[user * d + $0]) } + [Double(parameters.userBias[user])] : nil
        return NewtonFoldInScorer(events: history.events, objective: objective, initialGuess: trained, emptyOptimum: shared.emptyOptimum)
    }

    /// What every user's fold-in shares: the item features x̃ᵢ = [yᵢ; 1] with offsets βᵢ, and the
    /// empty history's optimum (the objective without history terms is the same for every user).
    struct FoldInShared: Sendable {
        let items: FoldInItems
        let emptyOptimum: [Double]

        init(parameters: FactorParameters<Float>, configuration: Configuration) {
            let d = parameters.factors, f = d + 1, itemCount = parameters.itemBias.count
            var features = [Float](repeating: 0, count: itemCount * f)
            for i in 0..<itemCount {
                for k in 0..<d { features[i * f + k] = parameters.itemFactors[i * d + k] }
                features[i * f + d] = 1
            }
            items = FoldInItems(features: features, offsets: parameters.itemBias.map(Double.init), dimension: f)
            let empty = LogisticFoldInObjective(items: items, history: [], confidence: [], lambda: Double(configuration.regularization),
                                                biasRidge: LogisticMF.foldInBiasRidge)
            emptyOptimum = BLAS.withSingleThread {
                NewtonFoldInScorer.minimise(empty, from: [Double](repeating: 0, count: f), mask: []).w
            }
        }
    }
}
