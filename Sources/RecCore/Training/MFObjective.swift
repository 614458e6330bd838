/// The loss of one `MatrixFactorization` minibatch and its exact gradient, as a pure function.
///
/// With normalised targets yᵦ = (rᵦ − μ)/s and predictions ŷᵦ = bᵤ + bᵢ + pᵤ·qᵢ:
///
///     L = Σ_b (yᵦ − ŷᵦ)² + penalty
///
/// (a sum, as seed 002's `PMFLoss`). Gradients: ∂L/∂bᵤ = −2e, ∂L/∂pᵤ = −2e·qᵢ, ∂L/∂qᵢ = −2e·pᵤ
/// with e = y − ŷ, plus the penalty's 2λ·x per occurrence of a row. For the adaptive penalty the
/// log-precision gradient is
///
///     ∂/∂θ [e^θ (Σx² + 2β) − m·B·θ] = e^θ (Σx² + 2β) − m·B,
///
/// which vanishes at λ = m·B / (Σx² + 2β): the precision tracks the inverse mean square of the
/// factors the batch used, tempered by m. Biases get a fixed L2 term `biasPenalty`·(bᵤ² + bᵢ²)
/// per occurrence (gradient 2·biasPenalty·b).
public enum MFObjective {
    /// Loss of the interactions `batch` (indices into `users`/`items`/`targets`); the gradient is
    /// *added* to `gradient` (same shapes as `parameters`). O(|batch| · D).
    public static func minibatch<T: TrainingScalar>(
        _ parameters: MFParameters<T>, users: [Int32], items: [Int32], targets: [T],
        batch: some Collection<Int>, penalty: MFPenalty<T>, biasPenalty: T = 0, gradient: inout MFParameters<T>
    ) -> T {
        let d = parameters.factors
        var loss: T = 0
        var squaresP: T = 0, squaresQ: T = 0
        let lambdaP: T, lambdaQ: T
        switch penalty {
        case .none: (lambdaP, lambdaQ) = (0, 0)
        case .fixed(let lambda): (lambdaP, lambdaQ) = (lambda, lambda)
        case .adaptive:
            (lambdaP, lambdaQ) = (T.exponential(parameters.logLambda[0]), T.exponential(parameters.logLambda[1]))
        }
        for k in batch {
            let u = Int(users[k]), i = Int(items[k])
            let e = targets[k] - parameters.prediction(user: u, item: i)
            loss += e * e
            let bu = parameters.userBias[u], bi = parameters.itemBias[i]
            loss += biasPenalty * (bu * bu + bi * bi)
            gradient.userBias[u] += -2 * e + 2 * biasPenalty * bu
            gradient.itemBias[i] += -2 * e + 2 * biasPenalty * bi
            let a = u * d, b = i * d
            for f in 0..<d {
                let p = parameters.userFactors[a + f], q = parameters.itemFactors[b + f]
                squaresP += p * p
                squaresQ += q * q
                gradient.userFactors[a + f] += -2 * e * q + 2 * lambdaP * p
                gradient.itemFactors[b + f] += -2 * e * p + 2 * lambdaQ * q
            }
        }
        switch penalty {
        case .none:
            break
        case .fixed(let lambda):
            loss += lambda * (squaresP + squaresQ)
        case .adaptive(let beta, let multiplierP, let multiplierQ):
            let count = T(batch.count)
            let termP = lambdaP * (squaresP + 2 * beta), termQ = lambdaQ * (squaresQ + 2 * beta)
            loss += termP - multiplierP * count * parameters.logLambda[0]
            loss += termQ - multiplierQ * count * parameters.logLambda[1]
            gradient.logLambda[0] += termP - multiplierP * count
            gradient.logLambda[1] += termQ - multiplierQ * count
        }
        return loss
    }
}
