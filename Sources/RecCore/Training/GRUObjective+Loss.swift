extension GRUObjective {
    /// Weight λ of BPR-max's score regulariser (Hidasi & Karatzoglou 2018 use 1.0).
    public static let bprMaxRegularization = 1.0
    /// Added inside BPR-max's logarithm so a vanishing sum stays finite (as the original code).
    static let bprMaxEpsilon = 1e-24

    /// The loss of each position from its target score r₀ (`targetScores`) and its K negative
    /// scores r₁…r_K (row of `scores`), summed and multiplied by `scale`. Both arrays are
    /// overwritten with scale · ∂loss/∂score (zero at positions whose target is negative).
    ///
    /// - `.sampledSoftmax`: ℓ = −r₀ + log Σ_{j=0…K} e^{r_j} (cross-entropy of the target among
    ///   target and negatives).
    /// - `.bprMax`: with s = softmax(r₁…r_K) and σⱼ = σ(r₀ − rⱼ),
    ///   ℓ = −log(Σⱼ sⱼσⱼ + ε) + λ Σⱼ sⱼ rⱼ².
    ///
    /// O(P · K); `scratch` holds 3K values.
    static func lossAndGradient<T: GRUScalar>(
        _ loss: GRU4Rec.Loss, targets: [Int32], targetScores st: UnsafeMutablePointer<T>, scores s: UnsafeMutablePointer<T>,
        negatives k: Int, scale: T, scratch: UnsafeMutablePointer<T>
    ) -> T {
        var total = 0.0
        let lambda = T(bprMaxRegularization), epsilon = T(bprMaxEpsilon)
        for pos in targets.indices {
            let row = s + pos * k
            guard targets[pos] >= 0 else {
                row.update(repeating: 0, count: k)
                st[pos] = 0
                continue
            }
            let r0 = st[pos]
            switch loss {
            case .sampledSoftmax:
                let m = max(r0, T.maximum(row, count: k))
                T.exponentiate(row, count: k, shift: m)
                scratch[0] = r0
                T.exponentiate(scratch, count: 1, shift: m)
                let e0 = scratch[0], z = e0 + T.sum(row, count: k)
                total += Double(T.logarithm(z) - (r0 - m))
                let inverse = scale / z
                st[pos] = e0 * inverse - scale
                for j in 0..<k { row[j] *= inverse }
            case .bprMax:
                let r = scratch, weight = scratch + k, sigma = scratch + 2 * k
                r.update(from: row, count: k)
                weight.update(from: row, count: k)
                T.exponentiate(weight, count: k, shift: T.maximum(row, count: k))
                let inverseSum = 1 / T.sum(weight, count: k)
                for j in 0..<k {
                    weight[j] *= inverseSum
                    sigma[j] = r0 - r[j]
                }
                T.logistic(sigma, count: k)
                var a: T = 0, penalty: T = 0, slope: T = 0
                for j in 0..<k {
                    a += weight[j] * sigma[j]
                    penalty += weight[j] * r[j] * r[j]
                    slope += weight[j] * sigma[j] * (1 - sigma[j])
                }
                let shifted = a + epsilon
                total += Double(-T.logarithm(shifted) + lambda * penalty)
                st[pos] = -slope / shifted * scale
                for j in 0..<k {
                    let ranking = weight[j] * (a - sigma[j] * sigma[j]) / shifted
                    let regulariser = lambda * weight[j] * (r[j] * r[j] - penalty + 2 * r[j])
                    row[j] = (ranking + regulariser) * scale
                }
            }
        }
        return T(total) * scale
    }
}
