extension ShapleyEngine {
    /// KernelSHAP (Lundberg & Lee 2017) as shap's `KernelExplainer` computes it, for all outputs at once.
    ///
    /// Coalitions (`KernelSamplingPlan`): with B = `sampleBudget` − 2 coalitions besides ∅ and
    /// the full set (at most 2ⁿ − 2), the size pairs (s, n − s), s = 1, 2, … are enumerated
    /// completely while the budget left covers the whole pair in proportion to its kernel
    /// weight; the rest of the budget goes to paired sampling (a mask and its complement) over
    /// the remaining sizes, duplicates merged by adding weight. Then weighted least squares with
    /// Σ_p φ_p = v(full) − v(∅) enforced exactly by eliminating the last player
    /// (`KernelRegression`), one factorisation for every output. shap's optional L1 feature
    /// selection (`l1_reg`) is not done: this is shap with `l1_reg=False`.
    ///
    /// Cost: one batch of ≤ B + 2 coalitions, O(B · n²) to build the normal equations and
    /// O(n³ + n² · K) to solve them. When the budget covers all 2ⁿ coalitions every size is
    /// enumerated, the regression returns the exact Shapley values and `exact` is true.
    /// n ≤ 1 is delegated to `exact`. Same seed ⇒ identical values.
    public static func kernel(_ game: some CoalitionGame, configuration: ShapleyConfiguration) -> ShapleyValues {
        let n = game.playerCount, outputs = game.outputCount
        guard n >= 2 else { return exact(game) }
        let plan = KernelSamplingPlan(playerCount: n, budget: configuration.sampleBudget, seed: configuration.seed)
        let v = game.values(of: plan.batch)
        precondition(v.count == plan.batch.count * outputs, "game returned \(v.count) values for \(plan.batch.count) × \(outputs)")
        let empty = Array(v[0..<outputs]), full = Array(v[outputs..<(2 * outputs)])
        let phi = KernelRegression.solve(plan: plan, values: v, outputCount: outputs)
        return ShapleyValues(
            playerCount: n, outputCount: outputs, values: phi, full: full, empty: empty, exact: plan.enumeratedAll,
            evaluations: plan.batch.count)
    }
}
