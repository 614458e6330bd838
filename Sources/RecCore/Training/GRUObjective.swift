/// The GRU4Rec training loss of one minibatch and its gradient by back-propagation through time.
///
/// Forward, for every window of the `GRUBatch` from h₀ = 0: xₜ = [embedding(inputₜ) | featuresₜ],
/// hₜ = GRU(xₜ, hₜ₋₁) (`GRUCell`), qₜ = W_out hₜ + b_out (or hₜ), and scores qₜ·embedding(j) of
/// the target and the K shared negatives; the loss of each position is `lossAndGradient`
/// (sampled softmax or BPR-max), summed and multiplied by `scale` (1 / positions of the whole
/// minibatch gives the mean). Backward is the exact gradient of that sum.
///
/// Everything is batched over the P positions of the packed batch: one gemm for x·W_ihᵀ of all
/// steps, one per step for h·W_hhᵀ over the nₜ windows still running (and its transpose in
/// backward), one for the P × K scores, one each for the weight gradients.
/// O(P·(D + H + K)·H + P·K·E) time, O(P·(D + 12H + K + 3E)) workspace.
public enum GRUObjective {
    /// Adds the gradient to `gradient` (embedding rows of inputs, targets and negatives; every
    /// GRU and output weight) and returns scale · Σ loss.
    public static func minibatch<T: GRUScalar>(
        _ p: GRUParameters<T>, batch: GRUBatch, loss: GRU4Rec.Loss, scale: T, workspace w: GRUWorkspace<T>,
        gradient: inout GRUParameters<T>
    ) -> T {
        let bw = batch.windows, steps = batch.steps, np = batch.positionCount, k = batch.negatives.count
        let e = p.embeddingSize, f = p.featureSize, d = p.inputSize, h = p.hiddenSize, g = 3 * h
        precondition(batch.featureSize == f, "GRUObjective: batch has \(batch.featureSize) features, model \(f)")
        guard np > 0, k > 0 else { return 0 }
        let x = w.inputs.reserve(np * d), gi = w.inputGates.reserve(np * g), cache = w.cache.reserve(np * 4 * h)
        let previous = w.previousHidden.reserve(np * h), hAll = w.hidden.reserve(np * h), gh = w.hiddenGates.reserve(bw * g)
        let q = p.hasOutputLayer ? w.queries.reserve(np * e) : hAll
        let neg = w.negativeRows.reserve(k * e), s = w.scores.reserve(np * k), st = w.targetScores.reserve(np)

        // Forward: inputs, gates of all steps, recurrence, queries, scores.
        p.embedding.withUnsafeBufferPointer { emb in
            batch.features.withUnsafeBufferPointer { feat in
                for pos in 0..<np {
                    let row = x + pos * d, item = Int(batch.inputs[pos])
                    row.update(from: emb.baseAddress! + item * e, count: e)
                    for c in 0..<f { row[e + c] = T(feat[pos * f + c]) }
                }
                for j in 0..<k { (neg + j * e).update(from: emb.baseAddress! + Int(batch.negatives[j]) * e, count: e) }
            }
        }
        fillRows(gi, rows: np, with: p.biasIH)
        p.weightIH.withUnsafeBufferPointer { T.product(false, true, m: np, n: g, k: d, x, lda: d, $0.baseAddress!, ldb: d, beta: 1, gi, ldc: g) }
        previous.update(repeating: 0, count: batch.windows(atStep: 0) * h)
        p.weightHH.withUnsafeBufferPointer { whh in
            for t in 0..<steps {
                let o = batch.stepOffsets[t], n = batch.windows(atStep: t)
                fillRows(gh, rows: n, with: p.biasHH)
                if t > 0 { T.product(false, true, m: n, n: g, k: h, previous + o * h, lda: h, whh.baseAddress!, ldb: h, beta: 1, gh, ldc: g) }
                GRUCell.gates(inputGates: gi + o * g, hiddenGates: gh, hidden: previous + o * h, batch: n, hiddenSize: h,
                              output: hAll + o * h, cache: cache + o * 4 * h)
                if t + 1 < steps {
                    (previous + batch.stepOffsets[t + 1] * h).update(from: hAll + o * h, count: batch.windows(atStep: t + 1) * h)
                }
            }
        }
        if p.hasOutputLayer {
            fillRows(q, rows: np, with: p.outBias)
            p.outWeight.withUnsafeBufferPointer { T.product(false, true, m: np, n: e, k: h, hAll, lda: h, $0.baseAddress!, ldb: h, beta: 1, q, ldc: e) }
        }
        T.product(false, true, m: np, n: k, k: e, q, lda: e, neg, ldb: e, beta: 0, s, ldc: k)
        p.embedding.withUnsafeBufferPointer { emb in
            for pos in 0..<np {
                st[pos] = T.dot(q + pos * e, emb.baseAddress! + Int(batch.targets[pos]) * e, count: e)
            }
        }
        let total = lossAndGradient(loss, targets: batch.targets, targetScores: st, scores: s, negatives: k, scale: scale,
                                    scratch: w.lossScratch.reserve(3 * k))

        // Backward: scores → queries (and target / negative embeddings) → hidden states.
        let dq = w.queryGradient.reserve(np * e), dneg = w.negativeGradient.reserve(k * e)
        T.product(false, false, m: np, n: e, k: k, s, lda: k, neg, ldb: e, beta: 0, dq, ldc: e)
        T.product(true, false, m: k, n: e, k: np, s, lda: k, q, ldb: e, beta: 0, dneg, ldc: e)
        p.embedding.withUnsafeBufferPointer { emb in
            gradient.embedding.withUnsafeMutableBufferPointer { ge in
                for pos in 0..<np {
                    let target = Int(batch.targets[pos]) * e
                    T.addScaled(st[pos], emb.baseAddress! + target, to: dq + pos * e, count: e)
                    T.addScaled(st[pos], q + pos * e, to: ge.baseAddress! + target, count: e)
                }
                for j in 0..<k { T.addScaled(1, dneg + j * e, to: ge.baseAddress! + Int(batch.negatives[j]) * e, count: e) }
            }
        }
        var dh = dq
        if p.hasOutputLayer {
            dh = w.hiddenGradient.reserve(np * h)
            p.outWeight.withUnsafeBufferPointer { T.product(false, false, m: np, n: h, k: e, dq, lda: e, $0.baseAddress!, ldb: h, beta: 0, dh, ldc: h) }
            gradient.outWeight.withUnsafeMutableBufferPointer {
                T.product(true, false, m: e, n: h, k: np, dq, lda: e, hAll, ldb: h, beta: 1, $0.baseAddress!, ldc: h)
            }
            addColumnSums(dq, rows: np, to: &gradient.outBias, ones: w.ones)
        }

        // Back-propagation through time; each window's gradient starts at its last step.
        let carry = w.carry.reserve(bw * h), dgi = w.inputGateGradient.reserve(np * g), dgh = w.hiddenGateGradient.reserve(np * g)
        carry.update(repeating: 0, count: bw * h)
        p.weightHH.withUnsafeBufferPointer { whh in
            for t in stride(from: steps - 1, through: 0, by: -1) {
                let o = batch.stepOffsets[t], n = batch.windows(atStep: t)
                for b in 0..<n {
                    let pos = o + b
                    backwardGates(cache: cache + pos * 4 * h, previous: previous + pos * h, upstream: dh + pos * h, carry: carry + b * h,
                                  inputGates: dgi + pos * g, hiddenGates: dgh + pos * g, hiddenSize: h)
                }
                if t > 0 { T.product(false, false, m: n, n: h, k: g, dgh + o * g, lda: g, whh.baseAddress!, ldb: h, beta: 1, carry, ldc: h) }
            }
        }
        gradient.weightHH.withUnsafeMutableBufferPointer {
            T.product(true, false, m: g, n: h, k: np, dgh, lda: g, previous, ldb: h, beta: 1, $0.baseAddress!, ldc: h)
        }
        gradient.weightIH.withUnsafeMutableBufferPointer { T.product(true, false, m: g, n: d, k: np, dgi, lda: g, x, ldb: d, beta: 1, $0.baseAddress!, ldc: d) }
        addColumnSums(dgh, rows: np, to: &gradient.biasHH, ones: w.ones)
        addColumnSums(dgi, rows: np, to: &gradient.biasIH, ones: w.ones)
        let dx = w.inputGradient.reserve(np * e)
        p.weightIH.withUnsafeBufferPointer { T.product(false, false, m: np, n: e, k: g, dgi, lda: g, $0.baseAddress!, ldb: d, beta: 0, dx, ldc: e) }
        gradient.embedding.withUnsafeMutableBufferPointer { ge in
            for pos in 0..<np {
                T.addScaled(1, dx + pos * e, to: ge.baseAddress! + Int(batch.inputs[pos]) * e, count: e)
            }
        }
        return total
    }

    /// One position of back-propagation through the gates: from ∂L/∂h = `upstream` + `carry`
    /// and the cached [r | z | n | W_hn h + b_hn], the gate pre-activation gradients (input side
    /// [r, z, n], hidden side [r, z, r ⊙ n]); `carry` becomes the direct part ∂L/∂h · z of the
    /// previous step's gradient. Float runs 16 lanes at a time (same arithmetic per element).
    @inlinable static func backwardGates<T: GRUScalar>(
        cache c: UnsafePointer<T>, previous: UnsafePointer<T>, upstream up: UnsafePointer<T>, carry cr: UnsafeMutablePointer<T>,
        inputGates gI: UnsafeMutablePointer<T>, hiddenGates gH: UnsafeMutablePointer<T>, hiddenSize h: Int
    ) {
        var start = 0
        if T.self == Float.self {
            typealias V = SIMD16<Float>
            let cv = UnsafeRawPointer(c), pv = UnsafeRawPointer(previous), uv = UnsafeRawPointer(up), crv = UnsafeMutableRawPointer(cr)
            let iv = UnsafeMutableRawPointer(gI), hv = UnsafeMutableRawPointer(gH)
            while start + 16 <= h {
                let o = start * 4, hb = h * 4
                let grad = uv.loadUnaligned(fromByteOffset: o, as: V.self) + crv.loadUnaligned(fromByteOffset: o, as: V.self)
                let r = cv.loadUnaligned(fromByteOffset: o, as: V.self), z = cv.loadUnaligned(fromByteOffset: hb + o, as: V.self)
                let n = cv.loadUnaligned(fromByteOffset: 2 * hb + o, as: V.self), hn = cv.loadUnaligned(fromByteOffset: 3 * hb + o, as: V.self)
                let dn = grad * (1 - z) * (1 - n * n)
                let dr = dn * hn * r * (1 - r)
                let dz = grad * (pv.loadUnaligned(fromByteOffset: o, as: V.self) - n) * z * (1 - z)
                iv.storeBytes(of: dr, toByteOffset: o, as: V.self)
                iv.storeBytes(of: dz, toByteOffset: hb + o, as: V.self)
                iv.storeBytes(of: dn, toByteOffset: 2 * hb + o, as: V.self)
                hv.storeBytes(of: dr, toByteOffset: o, as: V.self)
                hv.storeBytes(of: dz, toByteOffset: hb + o, as: V.self)
                hv.storeBytes(of: dn * r, toByteOffset: 2 * hb + o, as: V.self)
                crv.storeBytes(of: grad * z, toByteOffset: o, as: V.self)
                start += 16
            }
        }
        for j in start..<h {
            let grad = up[j] + cr[j]
            let r = c[j], z = c[h + j], n = c[2 * h + j], hn = c[3 * h + j]
            let dn = grad * (1 - z) * (1 - n * n)
            let dr = dn * hn * r * (1 - r)
            let dz = grad * (previous[j] - n) * z * (1 - z)
            gI[j] = dr; gI[h + j] = dz; gI[2 * h + j] = dn
            gH[j] = dr; gH[h + j] = dz; gH[2 * h + j] = dn * r
            cr[j] = grad * z
        }
    }

    /// Copies `values` into each of `rows` rows (width `values.count`).
    static func fillRows<T>(_ target: UnsafeMutablePointer<T>, rows: Int, with values: [T]) {
        values.withUnsafeBufferPointer { v in
            for r in 0..<rows { (target + r * v.count).update(from: v.baseAddress!, count: v.count) }
        }
    }

    /// Adds the column sums of a rows × `sums.count` matrix to `sums` (a 1 × rows by rows × n gemm).
    static func addColumnSums<T: GRUScalar>(_ m: UnsafePointer<T>, rows: Int, to sums: inout [T], ones: GRUWorkspace<T>.Buffer) {
        let n = sums.count, one = ones.reserve(rows)
        one.update(repeating: 1, count: rows)
        sums.withUnsafeMutableBufferPointer { T.product(false, false, m: 1, n: n, k: rows, one, lda: rows, m, ldb: n, beta: 1, $0.baseAddress!, ldc: n) }
    }
}
