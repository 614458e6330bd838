/// The BPR-Opt loss (Rendle et al. 2009) of one minibatch of (u, i⁺, j⁻) triples and its gradient.
///
/// x̂ᵤᵢ = pᵤ·qᵢ + bᵢ, z = x̂ᵤᵢ − x̂ᵤⱼ:
///
///     L = Σ_t [ −ln σ(z) + λ (‖pᵤ‖² + ‖qᵢ‖² + ‖qⱼ‖² + bᵢ² + bⱼ²) ]
///
/// with −ln σ(z) = softplus(−z) and ∂/∂z = −σ(−z); ∂z/∂pᵤ = qᵢ − qⱼ, ∂z/∂qᵢ = pᵤ, ∂z/∂qⱼ = −pᵤ,
/// ∂z/∂bᵢ = 1, ∂z/∂bⱼ = −1. User biases are unused (they cancel in z).
public enum BPRObjective {
    /// Loss of the triples at `batch` (indices into the three columns); the gradient is added to
    /// `gradient`. O(|batch| · D).
    public static func minibatch<T: TrainingScalar>(
        _ parameters: FactorParameters<T>, users: [Int32], positives: [Int32], negatives: [Int32],
        batch: some Collection<Int>, lambda: T, gradient: inout FactorParameters<T>
    ) -> T {
        let d = parameters.factors
        var loss: T = 0
        for t in batch {
            let u = Int(users[t]), i = Int(positives[t]), j = Int(negatives[t])
            let z = parameters.dot(user: u, item: i) + parameters.itemBias[i] - parameters.dot(user: u, item: j) - parameters.itemBias[j]
            let g = -T.sigmoid(-z) // ∂(−ln σ(z))/∂z
            let bi = parameters.itemBias[i], bj = parameters.itemBias[j]
            var squares = bi * bi + bj * bj
            gradient.itemBias[i] += g + 2 * lambda * bi
            gradient.itemBias[j] += -g + 2 * lambda * bj
            let a = u * d, b = i * d, c = j * d
            for f in 0..<d {
                let p = parameters.userFactors[a + f], qi = parameters.itemFactors[b + f], qj = parameters.itemFactors[c + f]
                squares += p * p + qi * qi + qj * qj
                gradient.userFactors[a + f] += g * (qi - qj) + 2 * lambda * p
                gradient.itemFactors[b + f] += g * p + 2 * lambda * qi
                gradient.itemFactors[c + f] += -g * p + 2 * lambda * qj
            }
            loss += T.softplus(-z) + lambda * squares
        }
        return loss
    }
}
