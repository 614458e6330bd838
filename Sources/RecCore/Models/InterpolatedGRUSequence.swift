/// A GRU run over n events whose inputs are interpolated between each event's own input xₑ and
/// a baseline input x_b by a weight mₑ ∈ [0, 1], x̃ₑ = mₑ·xₑ + (1 − mₑ)·x_b, with the score of one
/// item and its gradient in the weights (the arithmetic of `GRU4RecHistoryScorer`). Generic so
/// that the same code runs in `Double` for finite-difference checks.
///
/// The input projection is linear, so the input-side gate pre-activations are interpolated
/// instead of the inputs: W_ih x̃ₑ + b_ih = mₑ·Pₑ + (1 − mₑ)·B with Pₑ = W_ih xₑ + b_ih and
/// B = W_ih x_b + b_ih (3H each, computed once); a pass then costs O(n · H²) whatever D.
///
/// Forward (PyTorch gate order, see `GRUCell`), h₀ = 0, step t reading gᵢ = mₜPₜ + (1 − mₜ)B:
///
///     r = σ(gᵢᵣ + W_hr h + b_hr),  z = σ(gᵢ_z + W_hz h + b_hz),  c = W_hn h + b_hn
///     n = tanh(gᵢₙ + r ⊙ c),       h' = (1 − z) ⊙ n + z ⊙ h
///     q = W_out hₙ + b_out (or q = hₙ),   s = q · e_target
///
/// Backward from ∂s/∂hₙ = W_outᵀ e_target (or e_target), step by step, newest first:
///
///     ∂aₙ = ∂h' ⊙ (1 − z) ⊙ (1 − n²)       ∂a_z = ∂h' ⊙ (h − n) ⊙ z(1 − z)
///     ∂aᵣ = ∂aₙ ⊙ c ⊙ r(1 − r)
///     ∂gᵢ = [∂aᵣ | ∂a_z | ∂aₙ],  ∂g_h = [∂aᵣ | ∂a_z | ∂aₙ ⊙ r]
///     ∂h  = ∂h' ⊙ z + W_hhᵀ ∂g_h
///     ∂s/∂mₜ = ∂gᵢ · (Pₜ − B)  (= (xₜ − x_b) · ∂s/∂x̃ₜ, since ∂s/∂x̃ₜ = W_ihᵀ ∂gᵢ)
struct InterpolatedGRUSequence<T: GRUScalar>: Sendable {
    /// n.
    let eventCount: Int
    /// H.
    let hiddenSize: Int
    /// n × 3H: Pₑ = W_ih xₑ + b_ih.
    let presentGates: [T]
    /// 3H: B = W_ih x_b + b_ih.
    let baselineGates: [T]
    /// 3H × H, W_hh (PyTorch layout).
    let weightHH: [T]
    /// 3H, b_hh.
    let biasHH: [T]
    /// E × H, W_out (nil: q = h).
    let outWeight: [T]?
    /// E, b_out (empty without `outWeight`).
    let outBias: [T]

    /// Width of q: E with an output layer, else H.
    var querySize: Int { outWeight == nil ? hiddenSize : outBias.count }

    /// Hidden states h₀ … hₙ ((n + 1) × H) and, per step, the gate cache [r | z | n | c]
    /// (n × 4H) at `mask` (count n). O(n · H²).
    func forward(mask: [T]) -> (hidden: [T], cache: [T]) {
        precondition(mask.count == eventCount, "InterpolatedGRUSequence: one weight per event")
        let h = hiddenSize, g = 3 * h
        var hidden = [T](repeating: 0, count: (eventCount + 1) * h)
        var cache = [T](repeating: 0, count: eventCount * 4 * h)
        var inputGates = [T](repeating: 0, count: g), hiddenGates = biasHH
        hidden.withUnsafeMutableBufferPointer { states in
            cache.withUnsafeMutableBufferPointer { caches in
                for t in 0..<eventCount {
                    let m = mask[t], rest = 1 - m
                    for j in 0..<g { inputGates[j] = m * presentGates[t * g + j] + rest * baselineGates[j] }
                    let previous = UnsafePointer(states.baseAddress! + t * h)
                    hiddenGates.withUnsafeMutableBufferPointer { gh in
                        gh.baseAddress!.update(from: biasHH, count: g)
                        weightHH.withUnsafeBufferPointer { w in
                            T.product(false, true, m: 1, n: g, k: h, previous, lda: h, w.baseAddress!, ldb: h, beta: 1,
                                      gh.baseAddress!, ldc: g)
                        }
                        inputGates.withUnsafeBufferPointer { gi in
                            GRUCell.gates(
                                inputGates: gi.baseAddress!, hiddenGates: UnsafePointer(gh.baseAddress!), hidden: previous, batch: 1,
                                hiddenSize: h, output: states.baseAddress! + (t + 1) * h, cache: caches.baseAddress! + t * 4 * h)
                        }
                    }
                }
            }
        }
        return (hidden, cache)
    }

    /// q (`querySize`) from the last of `hidden` ((n + 1) × H): W_out hₙ + b_out, or hₙ. O(E · H).
    func query(hidden: [T]) -> [T] {
        let h = hiddenSize, last = hidden.count - h
        guard let outWeight else { return Array(hidden[last...]) }
        var q = outBias
        hidden.withUnsafeBufferPointer { states in
            outWeight.withUnsafeBufferPointer { w in
                q.withUnsafeMutableBufferPointer { out in
                    T.product(false, true, m: 1, n: out.count, k: h, states.baseAddress! + last, lda: h, w.baseAddress!, ldb: h,
                              beta: 1, out.baseAddress!, ldc: out.count)
                }
            }
        }
        return q
    }

    /// q at `mask`. O(n · H² + E · H).
    func query(mask: [T]) -> [T] { query(hidden: forward(mask: mask).hidden) }

    /// q · `embedding` (fixed summation order). O(E).
    static func score(query q: [T], embedding: UnsafePointer<T>) -> T {
        q.withUnsafeBufferPointer { T.dot($0.baseAddress!, embedding, count: $0.count) }
    }

    /// s = q · `target` (the target's E-wide embedding) at `mask`, and ∂s/∂m (count n).
    /// O(n · H² + E · H), two passes over the n steps.
    func scoreAndGradient(mask: [T], target: [T]) -> (score: T, gradient: [T]) {
        let (hidden, cache) = forward(mask: mask)
        let h = hiddenSize, g = 3 * h
        let q = query(hidden: hidden)
        let score = target.withUnsafeBufferPointer { Self.score(query: q, embedding: $0.baseAddress!) }
        var dh: [T]
        if let outWeight {
            dh = [T](repeating: 0, count: h)
            for k in 0..<target.count {
                let weight = target[k], row = k * h
                for j in 0..<h { dh[j] += weight * outWeight[row + j] }
            }
        } else {
            dh = target
        }
        var gradient = [T](repeating: 0, count: eventCount)
        var inputDelta = [T](repeating: 0, count: g), hiddenDelta = inputDelta
        var previousDelta = [T](repeating: 0, count: h)
        for t in stride(from: eventCount - 1, through: 0, by: -1) {
            let c = t * 4 * h, before = t * h
            for j in 0..<h {
                let r = cache[c + j], z = cache[c + h + j], n = cache[c + 2 * h + j], candidate = cache[c + 3 * h + j]
                let d = dh[j]
                let dn = d * (1 - z) * (1 - n * n)
                let dz = d * (hidden[before + j] - n) * z * (1 - z)
                let dr = dn * candidate * r * (1 - r)
                (inputDelta[j], inputDelta[h + j], inputDelta[2 * h + j]) = (dr, dz, dn)
                (hiddenDelta[j], hiddenDelta[h + j], hiddenDelta[2 * h + j]) = (dr, dz, dn * r)
                previousDelta[j] = d * z
            }
            var sum: T = 0
            for j in 0..<g { sum += inputDelta[j] * (presentGates[t * g + j] - baselineGates[j]) }
            gradient[t] = sum
            guard t > 0 else { break }
            hiddenDelta.withUnsafeBufferPointer { delta in
                weightHH.withUnsafeBufferPointer { w in
                    previousDelta.withUnsafeMutableBufferPointer { out in
                        T.product(false, false, m: 1, n: h, k: g, delta.baseAddress!, lda: g, w.baseAddress!, ldb: h,
                                  beta: 1, out.baseAddress!, ldc: h)
                    }
                }
            }
            swap(&dh, &previousDelta)
        }
        return (score, gradient)
    }
}

extension InterpolatedGRUSequence where T == Double {
    /// The same sequence in Double (finite-difference checks).
    init(_ other: InterpolatedGRUSequence<Float>) {
        self.init(eventCount: other.eventCount, hiddenSize: other.hiddenSize, presentGates: other.presentGates.map(Double.init),
                  baselineGates: other.baselineGates.map(Double.init), weightHH: other.weightHH.map(Double.init),
                  biasHH: other.biasHH.map(Double.init), outWeight: other.outWeight?.map(Double.init),
                  outBias: other.outBias.map(Double.init))
    }
}
