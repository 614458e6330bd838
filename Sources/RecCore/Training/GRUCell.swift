import _RecKernels

/// One GRU layer with PyTorch's equations and gate order (r, z, n), batched over rows:
///
///     r  = σ(W_ir x + b_ir + W_hr h + b_hr)
///     z  = σ(W_iz x + b_iz + W_hz h + b_hz)
///     n  = tanh(W_in x + b_in + r ⊙ (W_hn h + b_hn))
///     h' = (1 − z) ⊙ n + z ⊙ h,        h₀ = 0
///
/// The input side x·W_ihᵀ + b_ih does not depend on h, so callers compute it for all steps in
/// one gemm (`GRUWeights.inputGates`) and hand each step its slice.
public enum GRUCell {
    /// One inference step for a batch of B rows: `inputGates` = x·W_ihᵀ + b_ih (B × 3H,
    /// precomputed), `hidden` (B × H) → `output` (B × H). Uses `cblas_sgemm` for h·W_hhᵀ, then
    /// the gate arithmetic of ``gates(inputGates:hiddenGates:hidden:batch:hiddenSize:output:cache:)``
    /// row by row in C (`rec_gru_gates_row`, vectorised per CPU, bit-identical; no cache for
    /// back-propagation); `scratch` grows to B × 3H as needed. `output` may not alias `hidden`.
    /// O(B · H²).
    public static func step(
        inputGates: UnsafePointer<Float>, hidden: UnsafePointer<Float>, batch: Int, weights: GRUWeights,
        output: UnsafeMutablePointer<Float>, scratch: inout [Float]
    ) {
        let h = weights.hiddenSize, g = 3 * h
        if scratch.count < batch * g { scratch = [Float](repeating: 0, count: batch * g) }
        scratch.withUnsafeMutableBufferPointer { buffer in
            let gh = buffer.baseAddress!
            hiddenGates(hidden: hidden, batch: batch, weights: weights, into: gh)
            for b in 0..<batch {
                rec_gru_gates_row(inputGates + b * g, gh + b * g, hidden + b * h, Int32(h), output + b * h)
            }
        }
    }

    /// h·W_hhᵀ + b_hh of B rows (B × H) into `output` (B × 3H), one sgemm. O(B · H²).
    public static func hiddenGates(hidden: UnsafePointer<Float>, batch: Int, weights: GRUWeights, into output: UnsafeMutablePointer<Float>) {
        let h = weights.hiddenSize, g = 3 * h
        weights.biasHH.withUnsafeBufferPointer { bias in
            for b in 0..<batch { (output + b * g).update(from: bias.baseAddress!, count: g) }
        }
        weights.weightHH.values.withUnsafeBufferPointer { w in
            Float.product(false, true, m: batch, n: g, k: h, hidden, lda: h, w.baseAddress!, ldb: h, beta: 1, output, ldc: g)
        }
    }

    /// The last hidden state (B × H) of each of B input sequences (each nᵦ × D, oldest first,
    /// possibly empty: then h₀ = 0). Sequences run together, time-major and left-aligned; row b
    /// is read after its own last step. O(Σ max n · B · H · (D + H)).
    public static func finalHidden(of sequences: [Matrix], weights: GRUWeights) -> Matrix {
        let batch = sequences.count, h = weights.hiddenSize, d = weights.inputSize, g = 3 * h
        let steps = sequences.map(\.rows).max() ?? 0
        var result = Matrix(rows: batch, columns: h)
        guard steps > 0 else { return result }
        var x = [Float](repeating: 0, count: steps * batch * d)
        for (b, s) in sequences.enumerated() {
            precondition(s.columns == d, "GRUCell.finalHidden: inputs must have \(d) columns")
            for t in 0..<s.rows { for c in 0..<d { x[(t * batch + b) * d + c] = s[t, c] } }
        }
        var gi = [Float](repeating: 0, count: steps * batch * g)
        x.withUnsafeBufferPointer { xs in gi.withUnsafeMutableBufferPointer { weights.inputGates(xs.baseAddress!, rows: steps * batch, into: $0.baseAddress!) } }
        var current = [Float](repeating: 0, count: batch * h), next = current, scratch: [Float] = []
        for t in 0..<steps {
            gi.withUnsafeBufferPointer { gates in
                current.withUnsafeBufferPointer { hidden in
                    next.withUnsafeMutableBufferPointer { out in
                        step(inputGates: gates.baseAddress! + t * batch * g, hidden: hidden.baseAddress!, batch: batch, weights: weights,
                             output: out.baseAddress!, scratch: &scratch)
                    }
                }
            }
            swap(&current, &next)
            for (b, s) in sequences.enumerated() where s.rows == t + 1 {
                for c in 0..<h { result[b, c] = current[b * h + c] }
            }
        }
        return result
    }

    /// The gate arithmetic of one step, given both pre-activation blocks (`hiddenGates` =
    /// h·W_hhᵀ + b_hh). Row b of `cache` (B × 4H) receives [r | z | n | W_hn h + b_hn], what
    /// back-propagation needs. O(B · H).
    @inlinable static func gates<T: GRUScalar>(
        inputGates gi: UnsafePointer<T>, hiddenGates gh: UnsafePointer<T>, hidden: UnsafePointer<T>, batch: Int, hiddenSize h: Int,
        output: UnsafeMutablePointer<T>, cache: UnsafeMutablePointer<T>
    ) {
        let g = 3 * h
        for b in 0..<batch {
            let gib = gi + b * g, ghb = gh + b * g, hb = hidden + b * h, ob = output + b * h, c = cache + b * 4 * h
            for j in 0..<(2 * h) { c[j] = gib[j] + ghb[j] }
            T.logistic(c, count: 2 * h)
            for j in 0..<h {
                c[3 * h + j] = ghb[2 * h + j]
                c[2 * h + j] = gib[2 * h + j] + c[j] * ghb[2 * h + j]
            }
            T.hyperbolicTangents(c + 2 * h, count: h)
            for j in 0..<h {
                let z = c[h + j]
                ob[j] = (1 - z) * c[2 * h + j] + z * hb[j]
            }
        }
    }
}
