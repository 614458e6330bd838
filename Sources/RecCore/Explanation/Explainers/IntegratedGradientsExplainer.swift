/// `integrated-gradients` (Sundararajan et al. 2017) along the straight path from the empty
/// history (mask 0) to the full one (mask 1): φ_j = ∫₀¹ ∂s/∂m_j(α·1) dα, by the midpoint rule
/// with `steps` points. Completeness: Σ_j φ_j = s(1) − s(0) up to the quadrature error; when the
/// gap exceeds 1 % of |s(1) − s(0)| the step count doubles (up to 8×), so every explanation
/// passes the check or says that it did not (its meaning then states the remaining gap).
public struct IntegratedGradientsExplainer: Explainer {
    public let name = "integrated-gradients"
    public let steps: Int
    public var meaning: ExplanationMeaning {
        ExplanationMeaning(
            kind: .integratedGradients,
            summary: "Integrated gradients: each history item's gradient accumulated while the whole history is faded in from empty to full; an item's values add up to its score minus the empty-history score (checked to 1 %).",
            additive: true, valueName: "integrated gradient", scoreUnits: true)
    }

    public init(steps: Int = 32) { self.steps = max(1, steps) }

    public func reason(notApplyingTo model: any Recommender) -> String? { GradientExplainer().reason(notApplyingTo: model) }

    public func explain(_ request: ExplanationRequest) -> Explanation? {
        guard let scorer = request.scorer as? any MaskDifferentiableScorer, !scorer.events.isEmpty, !request.targets.isEmpty else { return nil }
        let n = scorer.events.count
        let (full, empty) = request.fullAndEmpty!
        var columns: [[Float]] = []
        var evaluations = 2
        var worstGap = 0.0
        for (t, target) in request.targets.enumerated() {
            let gap = Double(full[t]) - Double(empty[t])
            var m = steps
            var phi = [Double](repeating: 0, count: n)
            while true {
                phi = [Double](repeating: 0, count: n)
                for k in 0..<m {
                    let alpha = (Double(k) + 0.5) / Double(m)
                    let gradient = scorer.scoreAndGradient(mask: [Float](repeating: Float(alpha), count: n), target: target).gradient
                    for j in 0..<n { phi[j] += Double(gradient[j]) / Double(m) }
                }
                evaluations += m
                let error = abs(phi.reduce(0, +) - gap)
                if !gap.isFinite || error <= 0.01 * abs(gap) + 1e-6 || m >= 8 * steps {
                    if gap.isFinite, abs(gap) > 0 { worstGap = max(worstGap, error / abs(gap)) }
                    break
                }
                m *= 2
            }
            columns.append(phi.map { Float($0) })
        }
        var meaning = meaning
        if worstGap > 0.01 {
            meaning.additive = false
            meaning.summary += " For this user the values miss the score gap by up to \(Int((worstGap * 100).rounded())) % even with \(8 * steps) steps."
        }
        let attribution = Attribution.history(
            explainer: name, meaning: meaning, events: scorer.events, targets: request.targets, values: columns, output: full,
            baseline: empty, context: request.context)
        return Explanation(attribution: attribution, evaluations: evaluations)
    }
}
