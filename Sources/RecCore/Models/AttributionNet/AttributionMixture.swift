/// The boosted mixture of the heads (Afchar & Hennequin 2020, eq. of the mixture weights) and the
/// generalised-EM training objective.
///
/// Head s outputs F_s ∈ [−1, 1]; its prediction is f_s = (F_s + 1)/2 and its confidence g_s = |F_s|
/// (or F_s², `ConfidenceRule`). Mixture weight α_s = g_s · Π_{t ⊊ s} (1 − g_t): a subset only
/// speaks where its strict subsets are unsure. Prediction y = Σ_s α_s f_s / Σ_s α_s, with a
/// guard ε = 1e-9 (the reference's) that makes y = 1/2 when no head is confident:
/// y = (Σ α_s f_s + ε/2) / (Σ α_s + ε).
public enum AttributionMixture {
    /// The guard of the mixture's denominator.
    public static let epsilon = 1e-9
    /// The guard of the E-step masks' normalisation (the reference's 1e-6).
    public static let maskEpsilon = 1e-6

    /// α_s for one row's head outputs; `fullRoot` sets the confidence of the subset of every
    /// group (when there is one besides its subsets) to 1. A single head (the plain-MLP baseline)
    /// has α = 1 whatever its confidence: its prediction is its own f, not the guard's 1/2 where
    /// its confidence is below ε (f near the prior 0.3 under the centred rules).
    public static func weights<T: GRUScalar>(_ heads: [T], architecture a: AttributionArchitecture, rule: AttributionNet.ConfidenceRule,
                                             fullRoot: Bool = false) -> [T] {
        guard a.subsets.count > 1 else { return [1] }
        var g = heads.map { rule.confidence($0) }
        if fullRoot, a.subsets.count > 1, let root = a.rootSubset { g[root] = 1 }
        return a.subsets.indices.map { s in a.strictSubsets(of: s).reduce(g[s]) { $0 * (1 - g[$1]) } }
    }

    /// The prediction y and each subset's part of it, w_s f_s with w_s = α_s / (Σ α + ε); the
    /// parts add up to y − ε/2/(Σ α + ε) (the guard's share, returned as `rest`).
    public static func decompose<T: GRUScalar>(_ heads: [T], architecture a: AttributionArchitecture, rule: AttributionNet.ConfidenceRule,
                                               fullRoot: Bool = false) -> (prediction: T, parts: [T], weights: [T], rest: T) {
        let alpha = weights(heads, architecture: a, rule: rule, fullRoot: fullRoot)
        let total = alpha.reduce(0, +) + T(epsilon)
        let w = alpha.map { $0 / total }
        let parts = zip(w, heads).map { $0 * ($1 + 1) / 2 }
        let rest = T(epsilon / 2) / total
        return (parts.reduce(0, +) + rest, parts, w, rest)
    }

    /// The E-step mask of one row before normalisation: m_s = Π_{t ⊊ s} (1 − g_t) (the
    /// reference's `get_attributions(…, multiply_self=False)`). A constant of the M-step: no
    /// gradient flows through it.
    public static func mask<T: GRUScalar>(_ heads: [T], architecture a: AttributionArchitecture, rule: AttributionNet.ConfidenceRule) -> [T] {
        let g = heads.map { rule.confidence($0) }
        return a.subsets.indices.map { s in a.strictSubsets(of: s).reduce(T(1)) { $0 * (1 - g[$1]) } }
    }

    /// The M-step loss of a batch, Σ_r Σ_s w_{r,s} · BCE(f_{r,s}, y_r), with the masks of
    /// `maskHeads` (the E-step's activations; default: this pass's own) normalised per head over
    /// the batch (w_{r,s} = m_{r,s} / (Σ_r m_{r,s} + ε), `.head`) or per sample over the heads and
    /// averaged over the batch (w_{r,s} = m_{r,s} / (Σ_s m_{r,s} + ε) / B, `.sample`); and ∂L/∂z_s
    /// per row (z_s the head's pre-activation: f_s = σ(2 z_s), so ∂BCE/∂z_s = 2 (f_s − y)).
    /// BCE is computed in its logistic form softplus(2z) − 2yz (no log guard needed).
    public static func mStep<T: GRUScalar>(_ f: AttributionActivations<T>, labels: [T], architecture a: AttributionArchitecture,
                                           rule: AttributionNet.ConfidenceRule, normalisation: AttributionNet.MaskNormalisation = .head,
                                           maskHeads: AttributionActivations<T>? = nil) -> (loss: T, dHeads: [[T]]) {
        let b = f.rows, last = a.layerCount - 1
        var dHeads = [[T]](repeating: [T](repeating: 0, count: b), count: a.subsets.count)
        var loss: T = 0
        var masks = (0..<b).map { mask((maskHeads ?? f).heads(row: $0), architecture: a, rule: rule) }
        switch normalisation {
        case .sample:
            for r in 0..<b {
                let total = (masks[r].reduce(0, +) + T(maskEpsilon)) * T(max(1, b))
                masks[r] = masks[r].map { $0 / total }
            }
        case .head:
            for s in a.subsets.indices {
                let total = masks.reduce(T(maskEpsilon)) { $0 + $1[s] }
                for r in 0..<b { masks[r][s] /= total }
            }
        }
        let scale: T = 1
        for r in 0..<b {
            let m = masks[r]
            for s in a.subsets.indices {
                let z = f.preActivations[s][last][r], y = labels[r]
                let twoZ = 2 * z
                let softplus = twoZ > 0 ? twoZ + T.logOnePlus(T.exponential(-twoZ)) : T.logOnePlus(T.exponential(twoZ))
                loss += m[s] * (softplus - y * twoZ) * scale
                dHeads[s][r] = m[s] * 2 * ((f.outputs[s][last][r] + 1) / 2 - y) * scale
            }
        }
        return (loss, dHeads)
    }
}
