/// The Cholesky factor L (A = L Lᵀ) of a small symmetric positive-definite matrix in `Double`,
/// for the F × F systems of the fold-ins (F ≤ a few hundred).
///
/// Storage: n × n row-major, lower triangle used. Deterministic (fixed loop order, no threads).
public struct CholeskyFactor: Sendable {
    /// Order n.
    public let size: Int
    /// L in the lower triangle (row-major n × n); the upper triangle is garbage.
    let lower: [Double]

    /// Factorises `matrix` (n × n row-major; only its lower triangle is read). nil when a pivot is
    /// not positive (the matrix is not positive definite to working precision). O(n³ / 3).
    public init?(_ matrix: [Double], size n: Int) {
        precondition(matrix.count == n * n, "CholeskyFactor: \(matrix.count) values for \(n)×\(n)")
        var l = matrix
        for j in 0..<n {
            var d = l[j * n + j]
            for t in 0..<j { d -= l[j * n + t] * l[j * n + t] }
            guard d > 0, d.isFinite else { return nil }
            let root = d.squareRoot()
            l[j * n + j] = root
            for i in (j + 1)..<max(j + 1, n) {
                var s = l[i * n + j]
                for t in 0..<j { s -= l[i * n + t] * l[j * n + t] }
                l[i * n + j] = s / root
            }
        }
        size = n
        lower = l
    }

    /// Overwrites `b` (n values) with A⁻¹b. O(n²).
    public func solve(_ b: inout [Double]) {
        let n = size
        for i in 0..<n {  // L y = b
            var s = b[i]
            for t in 0..<i { s -= lower[i * n + t] * b[t] }
            b[i] = s / lower[i * n + i]
        }
        for i in stride(from: n - 1, through: 0, by: -1) {  // Lᵀ x = y
            var s = b[i]
            for t in (i + 1)..<max(i + 1, n) { s -= lower[t * n + i] * b[t] }
            b[i] = s / lower[i * n + i]
        }
    }

    /// A⁻¹b as a new array. O(n²).
    public func solved(_ b: [Double]) -> [Double] {
        var x = b
        solve(&x)
        return x
    }
}
