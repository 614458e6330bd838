import Dispatch

/// The three pointers of a product, handed to the two halves' threads.
struct GemmPointers<T>: @unchecked Sendable {
    let a: UnsafePointer<T>, b: UnsafePointer<T>, c: UnsafeMutablePointer<T>
}

/// Rows of sparse inputs x̃ (one row per user or per history mask): row r holds the values
/// `values[start[r] ..< start[r + 1]]` at the item indices `items[…]` (distinct within a row).
public struct MultVAEInput<T: GRUScalar>: Sendable, Equatable {
    public var start: [Int] = [0]
    public var items: [Int32] = []
    public var values: [T] = []

    public init() {}

    /// Number of rows.
    public var rows: Int { start.count - 1 }

    /// Appends a row of (item, value) pairs.
    public mutating func append(items rowItems: some Sequence<Int32>, values rowValues: some Sequence<T>) {
        items.append(contentsOf: rowItems)
        values.append(contentsOf: rowValues)
        precondition(items.count == values.count)
        start.append(items.count)
    }
}

/// The activations of one forward pass of `MultVAE` over a batch of B rows (see
/// `MultVAEParameters` for the layers): h₁ B × H, o = [μ, log σ²] B × 2L, z B × L, h₃ B × H,
/// logits B × I and each row's log Σᵢ exp(logitᵢ).
public struct MultVAEActivations<T: GRUScalar>: Sendable {
    public var rows: Int
    public var h1: [T]
    public var o: [T]
    public var z: [T]
    /// ε of z = μ + ε ⊙ σ (B × L); empty when z = μ (scoring).
    public var noise: [T]
    public var h3: [T]
    public var logits: [T]
    public var logNormaliser: [T]
}

/// Forward and backward passes of the Mult-VAE over a batch of sparse input rows, over BLAS
/// (`GRUScalar.gemm`: sgemm for `Float`, dgemm for the `Double` checks). The first layer reads
/// only the non-zero inputs (O(nnz · H) instead of O(B · I · H)); the others are dense products.
/// Forward O(nnz·H + B·H·L + B·H·I); backward the same again.
public enum MultVAENetwork {
    /// The forward pass; `noise` (B × L) samples z = μ + ε ⊙ exp(½ log σ²), nil takes z = μ.
    public static func forward<T>(_ p: MultVAEParameters<T>, input x: MultVAEInput<T>, noise: [T]? = nil) -> MultVAEActivations<T> {
        let b = x.rows, h = p.hiddenSize, l = p.latentSize, n = p.items
        var a1 = broadcast(p.b1, rows: b)
        sparseProduct(x, p.w1, width: h, into: &a1)
        var h1 = a1
        h1.withUnsafeMutableBufferPointer { T.hyperbolicTangents($0.baseAddress!, count: $0.count) }
        var o = broadcast(p.b2, rows: b)
        gemm(false, false, b, 2 * l, h, h1, h, p.w2, 2 * l, &o, 2 * l)
        var z = [T](repeating: 0, count: b * l)
        for r in 0..<b {
            for k in 0..<l {
                let mu = o[r * 2 * l + k]
                if let noise { z[r * l + k] = mu + noise[r * l + k] * T.exponential(o[r * 2 * l + l + k] / 2) } else { z[r * l + k] = mu }
            }
        }
        var a3 = broadcast(p.b3, rows: b)
        gemm(false, false, b, h, l, z, l, p.w3, h, &a3, h)
        var h3 = a3
        h3.withUnsafeMutableBufferPointer { T.hyperbolicTangents($0.baseAddress!, count: $0.count) }
        var logits = broadcast(p.b4, rows: b)
        gemm(false, false, b, n, h, h3, h, p.w4, n, &logits, n)
        let lse = (0..<b).map { r in logSumExp(logits, from: r * n, count: n) }
        return MultVAEActivations(rows: b, h1: h1, o: o, z: z, noise: noise ?? [], h3: h3, logits: logits, logNormaliser: lse)
    }

    /// Back-propagates ∂L/∂logits (`dLogits`, B × I) plus a direct gradient on o = [μ, log σ²]
    /// (`dOutput`, B × 2L, e.g. the KL term), adding every parameter's gradient to `gradient`
    /// when it is non-nil. Returns ∂L/∂a₁ (B × H), from which the input gradient follows
    /// (`inputGradient`). The reparameterisation z = μ + ε ⊙ exp(½ log σ²) is differentiated
    /// through both μ and log σ².
    @discardableResult
    public static func backward<T>(
        _ p: MultVAEParameters<T>, input x: MultVAEInput<T>, activations f: MultVAEActivations<T>, dLogits: [T], dOutput: [T]? = nil,
        gradient: inout MultVAEParameters<T>?
    ) -> [T] {
        let b = f.rows, h = p.hiddenSize, l = p.latentSize, n = p.items
        if gradient != nil {
            gemm(true, false, h, n, b, f.h3, h, dLogits, n, &gradient!.w4, n, beta: 1)
            addColumnSums(dLogits, rows: b, columns: n, to: &gradient!.b4)
        }
        var da3 = [T](repeating: 0, count: b * h)
        gemm(false, true, b, h, n, dLogits, n, p.w4, n, &da3, h, beta: 0)
        for k in da3.indices { da3[k] *= 1 - f.h3[k] * f.h3[k] }
        if gradient != nil {
            gemm(true, false, l, h, b, f.z, l, da3, h, &gradient!.w3, h, beta: 1)
            addColumnSums(da3, rows: b, columns: h, to: &gradient!.b3)
        }
        var dz = [T](repeating: 0, count: b * l)
        gemm(false, true, b, l, h, da3, h, p.w3, h, &dz, l, beta: 0)
        var dO = dOutput ?? [T](repeating: 0, count: b * 2 * l)
        for r in 0..<b {
            for k in 0..<l {
                let g = dz[r * l + k]
                dO[r * 2 * l + k] += g
                if !f.noise.isEmpty {
                    dO[r * 2 * l + l + k] += g * f.noise[r * l + k] * T.exponential(f.o[r * 2 * l + l + k] / 2) / 2
                }
            }
        }
        if gradient != nil {
            gemm(true, false, h, 2 * l, b, f.h1, h, dO, 2 * l, &gradient!.w2, 2 * l, beta: 1)
            addColumnSums(dO, rows: b, columns: 2 * l, to: &gradient!.b2)
        }
        var da1 = [T](repeating: 0, count: b * h)
        gemm(false, true, b, h, 2 * l, dO, 2 * l, p.w2, 2 * l, &da1, h, beta: 0)
        for k in da1.indices { da1[k] *= 1 - f.h1[k] * f.h1[k] }
        if gradient != nil {
            addColumnSums(da1, rows: b, columns: h, to: &gradient!.b1)
            sparseOuterProduct(x, da1, width: h, into: &gradient!.w1)
        }
        return da1
    }

    /// ∂L/∂x̃ at each stored input entry (same layout as `x.values`) from ∂L/∂a₁: W₁[item] · δ₁.
    public static func inputGradient<T>(_ p: MultVAEParameters<T>, input x: MultVAEInput<T>, da1: [T]) -> [T] {
        let h = p.hiddenSize
        var result = [T](repeating: 0, count: x.values.count)
        p.w1.withUnsafeBufferPointer { w in
            da1.withUnsafeBufferPointer { d in
                for r in 0..<x.rows {
                    for e in x.start[r]..<x.start[r + 1] {
                        let row = w.baseAddress! + Int(x.items[e]) * h, delta = d.baseAddress! + r * h
                        var s: T = 0
                        for k in 0..<h { s += row[k] * delta[k] }
                        result[e] = s
                    }
                }
            }
        }
        return result
    }

    /// out[r] += Σₑ xᵣₑ · W[itemᵣₑ] (W rows `width` wide): the first layer on sparse rows. O(nnz · width).
    static func sparseProduct<T: GRUScalar>(_ x: MultVAEInput<T>, _ w: [T], width h: Int, into out: inout [T]) {
        guard !w.isEmpty, !out.isEmpty else { return }
        w.withUnsafeBufferPointer { wp in
            out.withUnsafeMutableBufferPointer { op in
                for r in 0..<x.rows {
                    let target = op.baseAddress! + r * h
                    for e in x.start[r]..<x.start[r + 1] {
                        let v = x.values[e], row = wp.baseAddress! + Int(x.items[e]) * h
                        for k in 0..<h { target[k] += v * row[k] }
                    }
                }
            }
        }
    }

    /// W[itemᵣₑ] += xᵣₑ · δ[r] for every stored entry: the first layer's weight gradient. O(nnz · width).
    static func sparseOuterProduct<T: GRUScalar>(_ x: MultVAEInput<T>, _ delta: [T], width h: Int, into w: inout [T]) {
        guard !w.isEmpty, !delta.isEmpty else { return }
        delta.withUnsafeBufferPointer { dp in
            w.withUnsafeMutableBufferPointer { wp in
                for r in 0..<x.rows {
                    let source = dp.baseAddress! + r * h
                    for e in x.start[r]..<x.start[r + 1] {
                        let v = x.values[e], row = wp.baseAddress! + Int(x.items[e]) * h
                        for k in 0..<h { row[k] += v * source[k] }
                    }
                }
            }
        }
    }

    /// log Σ exp over `values[from ..< from + count]`, shifted by the maximum.
    /// The exponentials and their sum are vectorised for `Float` (`GRUScalar.exponentiate`, `sum`).
    static func logSumExp<T: GRUScalar>(_ values: [T], from: Int, count: Int) -> T {
        var m = -T.infinity
        for i in from..<(from + count) where values[i] > m { m = values[i] }
        guard m.isFinite else { return m }
        var shifted = Array(values[from..<(from + count)])
        let s = shifted.withUnsafeMutableBufferPointer { v in
            T.exponentiate(v.baseAddress!, count: count, shift: m)
            return T.sum(v.baseAddress!, count: count)
        }
        return m + T.logarithm(s)
    }

    /// `bias` repeated `rows` times.
    static func broadcast<T>(_ bias: [T], rows: Int) -> [T] {
        var out = [T]()
        out.reserveCapacity(rows * bias.count)
        for _ in 0..<rows { out.append(contentsOf: bias) }
        return out
    }

    static func addColumnSums<T: GRUScalar>(_ m: [T], rows: Int, columns: Int, to sums: inout [T]) {
        for r in 0..<rows { for c in 0..<columns { sums[c] += m[r * columns + c] } }
    }

    /// Products at least this large (m·n·k) are split in two halves computed on two threads.
    static let splitSize = 1 << 21

    /// C (m × n) = op(A) op(B) + β C over arrays (β = 1 accumulates into C's current values).
    /// Large products are cut into two fixed halves of C's longer side, each one BLAS call on its
    /// own thread: the cut depends on the shapes only, so with single-threaded BLAS (callers
    /// wrap in `BLAS.withSingleThread`) the result does not depend on scheduling or on the
    /// machine's thread settings.
    static func gemm<T: GRUScalar>(_ ta: Bool, _ tb: Bool, _ m: Int, _ n: Int, _ k: Int, _ a: [T], _ lda: Int, _ b: [T], _ ldb: Int,
                                   _ c: inout [T], _ ldc: Int, beta: T = 1) {
        guard m > 0, n > 0 else { return }
        guard k > 0 else {
            for r in 0..<m { for j in 0..<n { c[r * ldc + j] = beta == 0 ? 0 : beta * c[r * ldc + j] } }
            return
        }
        a.withUnsafeBufferPointer { pa in
            b.withUnsafeBufferPointer { pb in
                c.withUnsafeMutableBufferPointer { pc in
                    let pointers = GemmPointers(a: pa.baseAddress!, b: pb.baseAddress!, c: pc.baseAddress!)
                    guard m * n * k >= splitSize, max(m, n) >= 16 else {
                        T.product(ta, tb, m: m, n: n, k: k, pointers.a, lda: lda, pointers.b, ldb: ldb, beta: beta, pointers.c, ldc: ldc)
                        return
                    }
                    DispatchQueue.concurrentPerform(iterations: 2) { part in
                        if n >= m {  // columns of C: columns of op(B)
                            let first = part * (n / 2), count = part == 0 ? n / 2 : n - n / 2
                            let bBlock = tb ? pointers.b + first * ldb : pointers.b + first
                            T.product(ta, tb, m: m, n: count, k: k, pointers.a, lda: lda, bBlock, ldb: ldb, beta: beta, pointers.c + first, ldc: ldc)
                        } else {  // rows of C: rows of op(A)
                            let first = part * (m / 2), count = part == 0 ? m / 2 : m - m / 2
                            let aBlock = ta ? pointers.a + first : pointers.a + first * lda
                            T.product(ta, tb, m: count, n: n, k: k, aBlock, lda: lda, pointers.b, ldb: ldb, beta: beta, pointers.c + first * ldc, ldc: ldc)
                        }
                    }
                }
            }
        }
    }
}
