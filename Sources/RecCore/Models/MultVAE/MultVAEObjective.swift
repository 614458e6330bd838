/// The negative ELBO of a Mult-VAE minibatch (Liang et al. 2018, eq. 5 with the KL weight β)
/// and its gradient.
///
/// Row r has the binary history xᵣ (its items `targets`), the network input x̃ᵣ (x normalised
/// to unit length, then dropout: see `MultVAE`) and the noise εᵣ of z = μ + ε ⊙ σ. With πᵣ =
/// softmax(logitsᵣ) and B rows:
///
///     NLL = −(1/B) Σᵣ Σᵢ xᵣᵢ log πᵣᵢ = (1/B) Σᵣ (nᵣ·LSEᵣ − Σ_{i ∈ xᵣ} logitᵣᵢ)
///     KL  =  (1/B) Σᵣ Σₖ ½(−log σ²ᵣₖ + σ²ᵣₖ + μ²ᵣₖ − 1)
///     L   =  NLL + β·KL
///
/// ∂L/∂logitᵣᵢ = (nᵣπᵣᵢ − xᵣᵢ)/B, ∂L/∂μ = β μ / B, ∂L/∂log σ² = β(σ² − 1)/(2B) directly, plus what
/// flows back through z. As Liang et al.'s code: the likelihood reads the raw binary history,
/// not the dropped-out input, and there is no weight decay.
public enum MultVAEObjective {
    /// One minibatch: `targets` row r = the binary history of input row r.
    public struct Batch<T: GRUScalar>: Sendable {
        public var input: MultVAEInput<T>
        /// Item indices of each row's history (values 1), CSR like `input`.
        public var targets: MultVAEInput<T>
        /// ε, rows × L.
        public var noise: [T]

        public init(input: MultVAEInput<T>, targets: MultVAEInput<T>, noise: [T]) {
            self.input = input
            self.targets = targets
            self.noise = noise
        }
    }

    /// The loss parts of a minibatch (means over its rows).
    public struct Loss<T: GRUScalar>: Sendable {
        public var total: T
        public var negativeLogLikelihood: T
        public var kl: T
    }

    /// Loss of `batch` at `p` with KL weight `beta`; the gradient is added to `gradient`.
    /// O(nnz·H + B·H·(I + L)).
    @discardableResult
    public static func minibatch<T>(_ p: MultVAEParameters<T>, batch: Batch<T>, beta: T, gradient: inout MultVAEParameters<T>) -> Loss<T> {
        let f = MultVAENetwork.forward(p, input: batch.input, noise: batch.noise)
        let b = f.rows, n = p.items, l = p.latentSize
        let scale = 1 / T(b)
        var nll: T = 0, kl: T = 0
        var dLogits = [T](repeating: 0, count: b * n)
        var dOutput = [T](repeating: 0, count: b * 2 * l)
        for r in 0..<b {
            let count = T(batch.targets.start[r + 1] - batch.targets.start[r])
            let lse = f.logNormaliser[r]
            nll += count * lse
            dLogits.withUnsafeMutableBufferPointer { d in
                f.logits.withUnsafeBufferPointer { logits in
                    let row = d.baseAddress! + r * n
                    row.update(from: logits.baseAddress! + r * n, count: n)
                    T.exponentiate(row, count: n, shift: lse)  // vectorised for Float
                    for i in 0..<n { row[i] = count * row[i] * scale }
                }
            }
            for e in batch.targets.start[r]..<batch.targets.start[r + 1] {
                let i = Int(batch.targets.items[e])
                nll -= f.logits[r * n + i]
                dLogits[r * n + i] -= scale
            }
            for k in 0..<l {
                let mu = f.o[r * 2 * l + k], logVariance = f.o[r * 2 * l + l + k], variance = T.exponential(logVariance)
                kl += (-logVariance + variance + mu * mu - 1) / 2
                dOutput[r * 2 * l + k] = beta * mu * scale
                dOutput[r * 2 * l + l + k] = beta * (variance - 1) / 2 * scale
            }
        }
        var g: MultVAEParameters<T>? = gradient
        gradient = MultVAEParameters(items: 0, hiddenSize: 0, latentSize: 0)  // release the storage while g holds it
        MultVAENetwork.backward(p, input: batch.input, activations: f, dLogits: dLogits, dOutput: dOutput, gradient: &g)
        gradient = g!
        return Loss(total: (nll + beta * kl) * scale, negativeLogLikelihood: nll * scale, kl: kl * scale)
    }
}
