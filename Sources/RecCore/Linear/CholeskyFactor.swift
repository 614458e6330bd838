import _RecKernels

/// The Cholesky factor L (A = L Lᵀ) of a small symmetric positive-definite matrix in `Double`,
/// for the F × F systems of the fold-ins (F ≤ a few hundred), by the C kernels
/// `rec_cholesky_factor` / `rec_cholesky_solve` (row-prefix dot products over 8 lanes, which
/// vectorise; the Swift loops they replace were scalar and read Lᵀ down columns).
///
/// Storage: n × n row-major, L in the lower triangle and Lᵀ in the strict upper one.
/// Deterministic (fixed operation order, no threads; every clone of the kernels bit-identical).
public struct CholeskyFactor: Sendable {
    /// Order n.
    public let size: Int
    /// L (lower triangle and diagonal) and Lᵀ (strict upper triangle), row-major n × n.
    let factor: [Double]

    /// Factorises `matrix` (n × n row-major; only its lower triangle is read). nil when a pivot is
    /// not positive (the matrix is not positive definite to working precision). O(n³ / 3).
    public init?(_ matrix: [Double], size n: Int) {
        precondition(matrix.count == n * n, "CholeskyFactor: \(matrix.count) values for \(n)×\(n)")
        var l = matrix
        guard rec_cholesky_factor(&l, Int32(n)) == 1 else { return nil }
        size = n
        factor = l
    }

    /// Overwrites `b` (n values) with A⁻¹b. O(n²).
    public func solve(_ b: inout [Double]) {
        precondition(b.count == size)
        rec_cholesky_solve(factor, Int32(size), &b)
    }

    /// A⁻¹b as a new array. O(n²).
    public func solved(_ b: [Double]) -> [Double] {
        var x = b
        solve(&x)
        return x
    }
}
