/// Solves A X = B for a symmetric positive semi-definite A in `Double`, for several right-hand sides.
///
/// Cholesky first (O(m³/3 + m² · K)); when A is singular or nearly so, the minimum-norm
/// least-squares solution A⁺B through a cyclic Jacobi eigendecomposition (O(m³) per sweep),
/// as shap falls back from `inv` to `pinv`. Deterministic: fixed loop orders, no threads.
enum SymmetricSolver {
    /// X (m × K, row-major) for A (m × m, row-major, both triangles filled) and B (m × K, row-major).
    static func solve(_ a: [Double], size m: Int, rhs b: [Double], columns k: Int) -> [Double] {
        guard m > 0 else { return [] }
        if let x = cholesky(a, size: m, rhs: b, columns: k) { return x }
        return pseudoInverse(a, size: m, rhs: b, columns: k)
    }

    /// Cholesky A = L Lᵀ and two triangular solves; nil when a pivot is not clearly positive
    /// (≤ 1e-12 × the largest diagonal entry).
    static func cholesky(_ a: [Double], size m: Int, rhs b: [Double], columns k: Int) -> [Double]? {
        var l = a
        let scale = (0..<m).map { a[$0 * m + $0] }.max() ?? 0
        guard scale > 0 else { return nil }
        for j in 0..<m {
            var d = l[j * m + j]
            for t in 0..<j { d -= l[j * m + t] * l[j * m + t] }
            guard d > 1e-12 * scale else { return nil }
            let root = d.squareRoot()
            l[j * m + j] = root
            for i in (j + 1)..<m {
                var s = l[i * m + j]
                for t in 0..<j { s -= l[i * m + t] * l[j * m + t] }
                l[i * m + j] = s / root
            }
        }
        var x = b
        for o in 0..<k {
            for i in 0..<m {  // L y = b
                var s = x[i * k + o]
                for t in 0..<i { s -= l[i * m + t] * x[t * k + o] }
                x[i * k + o] = s / l[i * m + i]
            }
            for i in stride(from: m - 1, through: 0, by: -1) {  // Lᵀ x = y
                var s = x[i * k + o]
                for t in (i + 1)..<m { s -= l[t * m + i] * x[t * k + o] }
                x[i * k + o] = s / l[i * m + i]
            }
        }
        return x
    }

    /// A⁺ B with A = V Λ Vᵀ from cyclic Jacobi rotations; eigenvalues ≤ m · 2⁻⁵² · λ_max count as 0.
    static func pseudoInverse(_ a: [Double], size m: Int, rhs b: [Double], columns k: Int) -> [Double] {
        var d = a
        var v = [Double](repeating: 0, count: m * m)
        for i in 0..<m { v[i * m + i] = 1 }
        let norm = d.reduce(0) { $0 + $1 * $1 }
        for _ in 0..<100 {
            var off = 0.0
            for p in 0..<m { for q in (p + 1)..<m { off += d[p * m + q] * d[p * m + q] } }
            if off <= 1e-30 * norm { break }
            for p in 0..<m {
                for q in (p + 1)..<m where d[p * m + q] != 0 {
                    rotate(&d, &v, m: m, p: p, q: q)
                }
            }
        }
        let lambdas = (0..<m).map { d[$0 * m + $0] }
        let cutoff = Double(m) * Double.ulpOfOne * (lambdas.map { abs($0) }.max() ?? 0)
        var x = [Double](repeating: 0, count: m * k)
        for e in 0..<m where lambdas[e] > cutoff {
            for o in 0..<k {
                var projection = 0.0
                for i in 0..<m { projection += v[i * m + e] * b[i * k + o] }
                let c = projection / lambdas[e]
                for i in 0..<m { x[i * k + o] += c * v[i * m + e] }
            }
        }
        return x
    }

    /// One Jacobi rotation zeroing d[p][q] (d symmetric, both triangles kept), accumulated in v's columns.
    private static func rotate(_ d: inout [Double], _ v: inout [Double], m: Int, p: Int, q: Int) {
        let apq = d[p * m + q]
        let theta = (d[q * m + q] - d[p * m + p]) / (2 * apq)
        let t = (theta >= 0 ? 1.0 : -1.0) / (abs(theta) + (theta * theta + 1).squareRoot())
        let c = 1 / (t * t + 1).squareRoot(), s = t * c
        for r in 0..<m {
            let drp = d[r * m + p], drq = d[r * m + q]
            d[r * m + p] = c * drp - s * drq
            d[r * m + q] = s * drp + c * drq
        }
        for r in 0..<m {
            let dpr = d[p * m + r], dqr = d[q * m + r]
            d[p * m + r] = c * dpr - s * dqr
            d[q * m + r] = s * dpr + c * dqr
        }
        for r in 0..<m {
            let vrp = v[r * m + p], vrq = v[r * m + q]
            v[r * m + p] = c * vrp - s * vrq
            v[r * m + q] = s * vrp + c * vrq
        }
    }
}
