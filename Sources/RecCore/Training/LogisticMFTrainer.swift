import CBLAS

/// One alternating AdaGrad step of `LogisticMF` over all (u, i) pairs, block by block with BLAS.
struct LogisticMFTrainer {
    let train: InteractionMatrix
    let configuration: LogisticMF.Configuration
    var userState: OptimizerState, itemState: OptimizerState
    var userBiasState: OptimizerState, itemBiasState: OptimizerState
    static let block = 256

    init(train: InteractionMatrix, configuration: LogisticMF.Configuration) {
        self.train = train
        self.configuration = configuration
        let d = configuration.factors, rate = configuration.learningRate
        userState = OptimizerState(.adagrad, learningRate: rate, count: train.userCount * d)
        itemState = OptimizerState(.adagrad, learningRate: rate, count: train.itemCount * d)
        userBiasState = OptimizerState(.adagrad, learningRate: rate, count: train.userCount)
        itemBiasState = OptimizerState(.adagrad, learningRate: rate, count: train.itemCount)
    }

    /// Updates the users' (or the items') factors and biases; returns the mean negative
    /// log-likelihood per pair (without the prior) before the step.
    @discardableResult
    mutating func step(_ p: inout FactorParameters<Float>, updatingUsers: Bool) -> Double {
        let users = train.userCount, items = train.itemCount, d = p.factors
        let alpha = configuration.alpha, lambda = configuration.regularization
        var gradient = FactorParameters<Float>(users: updatingUsers ? users : 0, items: updatingUsers ? 0 : items, factors: d)
        var logits = [Float](repeating: 0, count: Self.block * items)
        var loss = 0.0
        for start in stride(from: 0, to: users, by: Self.block) {
            let rows = min(Self.block, users - start)
            // logits[r, i] = x_{start+r} · y_i
            p.userFactors.withUnsafeBufferPointer { x in
                p.itemFactors.withUnsafeBufferPointer { y in
                    logits.withUnsafeMutableBufferPointer { l in
                        cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, Int32(rows), Int32(items), Int32(d), 1,
                                    x.baseAddress! + start * d, Int32(d), y.baseAddress, Int32(d), 0, l.baseAddress, Int32(items))
                    }
                }
            }
            // Turn logits into ∂(−log p)/∂ℓ = (1 + c)σ(ℓ) − c, with c = 0 except observed pairs.
            for r in 0..<rows {
                let u = start + r, offset = r * items
                for i in 0..<items {
                    let l = logits[offset + i] + p.userBias[u] + p.itemBias[i]
                    loss += Double(Float.softplus(l))
                    logits[offset + i] = Float.sigmoid(l)
                }
                for k in train.range(ofUser: u) {
                    let i = Int(train.items[k]), c = alpha
                    let l = p.dot(user: u, item: i) + p.userBias[u] + p.itemBias[i]
                    loss += Double(c * Float.softplus(l) - c * l)
                    logits[offset + i] += c * logits[offset + i] - c
                }
                var biasSum: Float = 0
                for i in 0..<items { biasSum += logits[offset + i] }
                if updatingUsers { gradient.userBias[u] = biasSum } else {
                    for i in 0..<items { gradient.itemBias[i] += logits[offset + i] }
                }
            }
            logits.withUnsafeBufferPointer { g in
                if updatingUsers {
                    p.itemFactors.withUnsafeBufferPointer { y in
                        gradient.userFactors.withUnsafeMutableBufferPointer { gx in
                            cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, Int32(rows), Int32(d), Int32(items), 1,
                                        g.baseAddress, Int32(items), y.baseAddress, Int32(d), 0, gx.baseAddress! + start * d, Int32(d))
                        }
                    }
                } else {
                    p.userFactors.withUnsafeBufferPointer { x in
                        gradient.itemFactors.withUnsafeMutableBufferPointer { gy in
                            cblas_sgemm(CblasRowMajor, CblasTrans, CblasNoTrans, Int32(items), Int32(d), Int32(rows), 1,
                                        g.baseAddress, Int32(items), x.baseAddress! + start * d, Int32(d), 1, gy.baseAddress, Int32(d))
                        }
                    }
                }
            }
        }
        if updatingUsers {
            for k in p.userFactors.indices { gradient.userFactors[k] += lambda * p.userFactors[k] }
            userState.apply(to: &p.userFactors, gradient: gradient.userFactors, offset: 0, count: users * d, stepSize: configuration.learningRate)
            userBiasState.apply(to: &p.userBias, gradient: gradient.userBias, offset: 0, count: users, stepSize: configuration.learningRate)
        } else {
            for k in p.itemFactors.indices { gradient.itemFactors[k] += lambda * p.itemFactors[k] }
            itemState.apply(to: &p.itemFactors, gradient: gradient.itemFactors, offset: 0, count: items * d, stepSize: configuration.learningRate)
            itemBiasState.apply(to: &p.itemBias, gradient: gradient.itemBias, offset: 0, count: items, stepSize: configuration.learningRate)
        }
        return users * items == 0 ? 0 : loss / Double(users * items)
    }
}
