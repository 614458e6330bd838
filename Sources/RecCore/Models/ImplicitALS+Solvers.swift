import CBLAS
import Dispatch
import _RecKernels

extension ImplicitALS {
    /// Rows solved per `concurrentPerform` iteration (amortises its ~43 ns overhead and the
    /// per-chunk scratch allocation; small enough to balance long and short rows on 2 cores).
    static let rowsPerChunk = 32

    /// One half-iteration: re-solves every row of `target` (n × F) against the fixed factors
    /// `fixed` (m × F) for the confidences `c` (n × m):
    /// (YᵀY + Yᵀ(Cᵤ − I)Y + λI) xᵤ = YᵀCᵤp(u).
    ///
    /// YᵀY + λI is computed once (`cblas_ssyrk`); each row gathers its |Iᵤ| fixed rows into a
    /// contiguous buffer G so that G·v and Gᵀ·v are single `sgemv` calls.
    /// - Cholesky: A = YᵀY + λI + Gᵀ diag(c − 1) G by `ssyrk` on the √(c−1)-scaled rows, then
    ///   `spotrf`/`spotrs`: O(|Iᵤ|·F² + F³) per row, exact.
    /// - Conjugate gradient (implicit's `least_squares_cg`): warm-started from the current row,
    ///   `steps` iterations of O(|Iᵤ|·F + F²) each.
    /// Rows are independent and each is computed by one thread with 1-thread BLAS, so the result
    /// does not depend on scheduling. When `lossTerms` has n entries, entry u receives
    /// xᵤᵀ(YᵀY + λI)xᵤ + Σ_{i ∈ Iᵤ} [(cᵤᵢ − 1)(xᵤ·yᵢ)² − 2cᵤᵢ(xᵤ·yᵢ) + cᵤᵢ] for the new xᵤ (the
    /// row's share of the training loss without λ‖X‖² of the fixed side).
    /// `blasCG`: run CG on the BLAS calls (`RowScratch.solveCGBLAS`) instead of the C row kernel
    /// (tests compare the two).
    static func updateRows(_ c: ConfidenceMatrix, fixed: Matrix, target: inout Matrix, regularization: Float,
                           solver: Solver, lossTerms: inout [Double], blasCG: Bool = false) {
        let f = fixed.columns
        precondition(target.columns == f && target.rows == c.rowCount && fixed.rows == c.columnCount)
        let gram = BLAS.gram(fixed, diagonalShift: regularization)
        let rows = c.rowCount, chunk = rowsPerChunk
        let record = lossTerms.count == rows
        target.values.withUnsafeMutableBufferPointer { xBuffer in
            lossTerms.withUnsafeMutableBufferPointer { lossBuffer in
                let xs = UnsafeSendable(xBuffer), losses = UnsafeSendable(lossBuffer)
                DispatchQueue.concurrentPerform(iterations: (rows + chunk - 1) / chunk) { index in
                    let range = (index * chunk)..<min(rows, (index + 1) * chunk)
                    let longest = range.reduce(0) { max($0, c.rowStart[$1 + 1] - c.rowStart[$1]) }
                    let scratch = RowScratch(factors: f, capacity: longest)
                    defer { scratch.deallocate() }
                    fixed.values.withUnsafeBufferPointer { y in
                        gram.withUnsafeBufferPointer { g in
                            for u in range {
                                let x = xs.buffer.baseAddress! + u * f
                                let n = scratch.gather(row: u, of: c, from: y.baseAddress!, factors: f)
                                switch solver {
                                case .cholesky: scratch.solveCholesky(x, n: n, f: f, gram: g.baseAddress!)
                                case .conjugateGradient(let steps):
                                    if blasCG || !RowScratch.kernelHandles(factors: f) {
                                        scratch.solveCGBLAS(x, n: n, f: f, gram: g.baseAddress!, steps: steps)
                                    } else {
                                        rec_als_cg_row(x, scratch.rows, scratch.confidence, scratch.weight, Int32(n), Int32(f), g.baseAddress!, Int32(steps))
                                    }
                                }
                                if record { losses.buffer[u] = scratch.lossTerm(x, n: n, f: f, gram: g.baseAddress!) }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// Per-chunk scratch of `ImplicitALS.updateRows`: the gathered rows of one user (or item) and
/// the vectors of its solve, allocated once per chunk and reused for each row.
struct RowScratch {
    /// capacity × F gathered fixed-side rows (G).
    let rows: UnsafeMutablePointer<Float>
    /// capacity × F rows scaled by √(c − 1) (Cholesky only).
    let scaled: UnsafeMutablePointer<Float>
    /// c and c − 1 of the gathered entries, and a length-capacity temporary.
    let confidence, weight, t: UnsafeMutablePointer<Float>
    /// F × F system matrix (Cholesky); F-vectors r, p, Ap (CG).
    let a, r, p, ap: UnsafeMutablePointer<Float>

    init(factors f: Int, capacity: Int) {
        let n = max(capacity, 1)
        rows = .allocate(capacity: n * f)
        scaled = .allocate(capacity: n * f)
        confidence = .allocate(capacity: n)
        weight = .allocate(capacity: n)
        t = .allocate(capacity: n)
        a = .allocate(capacity: f * f)
        r = .allocate(capacity: f)
        p = .allocate(capacity: f)
        ap = .allocate(capacity: f)
    }

    func deallocate() {
        for buffer in [rows, scaled, confidence, weight, t, a, r, p, ap] { buffer.deallocate() }
    }

    /// Copies the fixed rows of row `u`'s entries into `rows`; returns their number.
    func gather(row u: Int, of c: ConfidenceMatrix, from y: UnsafePointer<Float>, factors f: Int) -> Int {
        let start = c.rowStart[u], n = c.rowStart[u + 1] - start
        c.columns.withUnsafeBufferPointer { columns in
            c.confidence.withUnsafeBufferPointer { values in
                for k in 0..<n {
                    (rows + k * f).update(from: y + Int(columns[start + k]) * f, count: f)
                    confidence[k] = values[start + k]
                    weight[k] = values[start + k] - 1
                }
            }
        }
        return n
    }

    /// x ← (gram + Gᵀ diag(w) G)⁻¹ Gᵀ c, exactly (Cholesky). Leaves x unchanged if the system
    /// is not positive definite (only possible with λ = 0).
    func solveCholesky(_ x: UnsafeMutablePointer<Float>, n: Int, f: Int, gram: UnsafePointer<Float>) {
        a.update(from: gram, count: f * f)
        if n > 0 {
            for k in 0..<n {
                let s = weight[k].squareRoot()
                for d in 0..<f { scaled[k * f + d] = rows[k * f + d] * s }
            }
            cblas_ssyrk(CblasRowMajor, CblasUpper, CblasTrans, Int32(f), Int32(n), 1, scaled, Int32(f), 1, a, Int32(f))
            cblas_sgemv(CblasRowMajor, CblasTrans, Int32(n), Int32(f), 1, rows, Int32(f), confidence, 1, 0, r, 1)
        } else {
            r.update(repeating: 0, count: f)
        }
        guard BLAS.choleskyFactor(a, n: f) else { return }
        BLAS.choleskySolve(a, n: f, r)
        x.update(from: r, count: f)
    }

    /// Whether the C row kernel `rec_als_cg_row` (the same CG in one pass over G per step, without
    /// BLAS calls) handles F: multiples of 16 up to 128.
    static func kernelHandles(factors f: Int) -> Bool { f % 16 == 0 && f > 0 && f <= 128 }

    /// `steps` conjugate-gradient iterations on the same system, warm-started from x, with the
    /// YᵀY trick: A·v = gram·v + Gᵀ(w ∘ (G v)), O(n·F + F²) per step; by BLAS calls (the reference
    /// of `rec_als_cg_row`, and the path for other F).
    func solveCGBLAS(_ x: UnsafeMutablePointer<Float>, n: Int, f: Int, gram: UnsafePointer<Float>, steps: Int) {
        let n32 = Int32(n), f32 = Int32(f)
        // r = Gᵀ(c − w ∘ (G x)) − gram·x
        if n > 0 {
            cblas_sgemv(CblasRowMajor, CblasNoTrans, n32, f32, 1, rows, f32, x, 1, 0, t, 1)
            for k in 0..<n { t[k] = confidence[k] - weight[k] * t[k] }
            cblas_sgemv(CblasRowMajor, CblasTrans, n32, f32, 1, rows, f32, t, 1, 0, r, 1)
        } else {
            r.update(repeating: 0, count: f)
        }
        cblas_ssymv(CblasRowMajor, CblasUpper, f32, -1, gram, f32, x, 1, 1, r, 1)
        p.update(from: r, count: f)
        var rsOld = cblas_sdot(f32, r, 1, r, 1)
        guard rsOld >= 1e-20 else { return }
        for _ in 0..<steps {
            cblas_ssymv(CblasRowMajor, CblasUpper, f32, 1, gram, f32, p, 1, 0, ap, 1)
            if n > 0 {
                cblas_sgemv(CblasRowMajor, CblasNoTrans, n32, f32, 1, rows, f32, p, 1, 0, t, 1)
                for k in 0..<n { t[k] *= weight[k] }
                cblas_sgemv(CblasRowMajor, CblasTrans, n32, f32, 1, rows, f32, t, 1, 1, ap, 1)
            }
            let alpha = rsOld / cblas_sdot(f32, p, 1, ap, 1)
            cblas_saxpy(f32, alpha, p, 1, x, 1)
            cblas_saxpy(f32, -alpha, ap, 1, r, 1)
            let rsNew = cblas_sdot(f32, r, 1, r, 1)
            if rsNew < 1e-20 { break }
            let beta = rsNew / rsOld
            for d in 0..<f { p[d] = r[d] + beta * p[d] }
            rsOld = rsNew
        }
    }

    /// xᵀ·gram·x + Σ_k [w_k (g_k·x)² − 2 c_k (g_k·x) + c_k] in Double. O(n·F + F²).
    func lossTerm(_ x: UnsafeMutablePointer<Float>, n: Int, f: Int, gram: UnsafePointer<Float>) -> Double {
        let f32 = Int32(f)
        cblas_ssymv(CblasRowMajor, CblasUpper, f32, 1, gram, f32, x, 1, 0, ap, 1)
        var sum = Double(cblas_sdot(f32, x, 1, ap, 1))
        if n > 0 { cblas_sgemv(CblasRowMajor, CblasNoTrans, Int32(n), f32, 1, rows, f32, x, 1, 0, t, 1) }
        for k in 0..<n {
            let s = Double(t[k]), cc = Double(confidence[k])
            sum += (cc - 1) * s * s - 2 * cc * s + cc
        }
        return sum
    }
}
