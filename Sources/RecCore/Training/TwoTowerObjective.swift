/// Binary cross-entropy of a two-tower minibatch (seed 003) and its gradient.
///
/// Each sample b has a user uᵦ and `width` = 1 + N candidate items, the first the positive (label
/// 1), the rest sampled negatives (label 0). With sᵦₖ = h(uᵦ)·h(iᵦₖ) (tower outputs, see
/// `TwoTowerParameters`):
///
///     L = (1 / (B·width)) Σ_b Σ_k [ yᵦₖ·softplus(−sᵦₖ) + (1 − yᵦₖ)·softplus(sᵦₖ) ]
///
/// the mean of −[y ln σ(s) + (1 − y) ln(1 − σ(s))], as PyTorch's `BCEWithLogitsLoss`;
/// ∂L/∂s = (σ(s) − y) / (B·width). Each distinct user and item of the batch goes through its
/// tower once; the gradient flows back through the dot product, the ReLU and the embeddings.
public enum TwoTowerObjective {
    /// Loss of the samples `batch` (indices into `users`; candidates of sample b are
    /// `candidates[b·width ..< (b + 1)·width]`); the gradient is added to `gradient`.
    /// O(B·width·d + (distinct users + items)·d²).
    public static func minibatch<T: TrainingScalar>(
        _ p: TwoTowerParameters<T>, users: [Int32], candidates: [Int32], width: Int, batch: Range<Int>,
        gradient: inout TwoTowerParameters<T>
    ) -> T {
        let d = p.dimension
        // Each distinct user and item once, numbered as first met (slot tables, not hash maps:
        // they are looked up once per candidate).
        var userSlot = [Int32](repeating: -1, count: p.userEmbedding.count / max(d, 1))
        var itemSlot = [Int32](repeating: -1, count: p.itemEmbedding.count / max(d, 1))
        var userRows: [Int] = [], itemRows: [Int] = []
        for b in batch {
            let u = Int(users[b])
            if userSlot[u] < 0 { userSlot[u] = Int32(userRows.count); userRows.append(u) }
            for k in 0..<width {
                let i = Int(candidates[b * width + k])
                if itemSlot[i] < 0 { itemSlot[i] = Int32(itemRows.count); itemRows.append(i) }
            }
        }
        var hu = [T](repeating: 0, count: userRows.count * d), hi = [T](repeating: 0, count: itemRows.count * d)
        var au = [Bool](repeating: false, count: hu.count), ai = [Bool](repeating: false, count: hi.count)
        for (s, u) in userRows.enumerated() {
            TwoTowerParameters.tower(p.userEmbedding, row: u, weight: p.userWeight, offset: p.userOffset, dense: p.dense,
                                     dimension: d, output: &hu, outputOffset: s * d, active: &au)
        }
        for (s, i) in itemRows.enumerated() {
            TwoTowerParameters.tower(p.itemEmbedding, row: i, weight: p.itemWeight, offset: p.itemOffset, dense: p.dense,
                                     dimension: d, output: &hi, outputOffset: s * d, active: &ai)
        }
        var gu = [T](repeating: 0, count: hu.count), gi = [T](repeating: 0, count: hi.count)
        let scale = 1 / T(batch.count * width)
        var loss: T = 0
        hu.withUnsafeBufferPointer { hu in
            hi.withUnsafeBufferPointer { hi in
                gu.withUnsafeMutableBufferPointer { gu in
                    gi.withUnsafeMutableBufferPointer { gi in
                        for b in batch {
                            let us = Int(userSlot[Int(users[b])]) * d
                            for k in 0..<width {
                                let its = Int(itemSlot[Int(candidates[b * width + k])]) * d
                                let s = TwoTowerParameters<T>.dot(hu.baseAddress! + us, hi.baseAddress! + its, count: d)
                                let label: T = k == 0 ? 1 : 0
                                loss += k == 0 ? T.softplus(-s) : T.softplus(s)
                                let g = (T.sigmoid(s) - label) * scale
                                let du = gu.baseAddress! + us, di = gi.baseAddress! + its, xu = hu.baseAddress! + us, xi = hi.baseAddress! + its
                                for f in 0..<d {
                                    du[f] += g * xi[f]
                                    di[f] += g * xu[f]
                                }
                            }
                        }
                    }
                }
            }
        }
        for (s, u) in userRows.enumerated() {
            TwoTowerParameters.towerBackward(p.userEmbedding, row: u, weight: p.userWeight, dense: p.dense, dimension: d,
                                             upstream: gu, outputOffset: s * d, active: au,
                                             embeddingGradient: &gradient.userEmbedding, weightGradient: &gradient.userWeight,
                                             offsetGradient: &gradient.userOffset)
        }
        for (s, i) in itemRows.enumerated() {
            TwoTowerParameters.towerBackward(p.itemEmbedding, row: i, weight: p.itemWeight, dense: p.dense, dimension: d,
                                             upstream: gi, outputOffset: s * d, active: ai,
                                             embeddingGradient: &gradient.itemEmbedding, weightGradient: &gradient.itemWeight,
                                             offsetGradient: &gradient.itemOffset)
        }
        return loss * scale
    }
}
