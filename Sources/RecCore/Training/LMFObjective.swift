/// The negative log-posterior of logistic matrix factorisation (Johnson 2014) and its gradient,
/// written densely over all (u, i) pairs: the reference for tests and small data.
///
/// With logit ℓᵤᵢ = xᵤ·yᵢ + βᵤ + βᵢ and confidence cᵤᵢ = α·rᵤᵢ (0 for unobserved pairs):
///
///     −log p = −Σᵤᵢ [cᵤᵢ ℓᵤᵢ − (1 + cᵤᵢ) ln(1 + e^ℓᵤᵢ)] + λ/2 Σᵤ‖xᵤ‖² + λ/2 Σᵢ‖yᵢ‖²
///
/// ∂/∂ℓᵤᵢ = (1 + cᵤᵢ) σ(ℓᵤᵢ) − cᵤᵢ; ∂/∂xᵤ = Σᵢ (∂/∂ℓᵤᵢ) yᵢ + λxᵤ; ∂/∂βᵤ = Σᵢ ∂/∂ℓᵤᵢ (items alike).
/// `LogisticMF` computes the same gradient block by block with BLAS.
public enum LMFObjective {
    /// Loss and gradient (added to `gradient`); `confidence` is U × I row-major. O(U·I·D).
    public static func fullBatch<T: TrainingScalar>(
        _ parameters: FactorParameters<T>, confidence: [T], lambda: T, gradient: inout FactorParameters<T>
    ) -> T {
        let users = parameters.userBias.count, items = parameters.itemBias.count, d = parameters.factors
        var loss: T = 0
        for u in 0..<users {
            for i in 0..<items {
                let c = confidence[u * items + i]
                let logit = parameters.dot(user: u, item: i) + parameters.userBias[u] + parameters.itemBias[i]
                loss -= c * logit - (1 + c) * T.softplus(logit)
                let g = (1 + c) * T.sigmoid(logit) - c
                gradient.userBias[u] += g
                gradient.itemBias[i] += g
                for f in 0..<d {
                    gradient.userFactors[u * d + f] += g * parameters.itemFactors[i * d + f]
                    gradient.itemFactors[i * d + f] += g * parameters.userFactors[u * d + f]
                }
            }
        }
        for (k, x) in parameters.userFactors.enumerated() {
            loss += lambda / 2 * x * x
            gradient.userFactors[k] += lambda * x
        }
        for (k, y) in parameters.itemFactors.enumerated() {
            loss += lambda / 2 * y * y
            gradient.itemFactors[k] += lambda * y
        }
        return loss
    }
}
