import CBLAS
import Foundation

/// The scalar types the GRU4Rec kernels are written over: `Float` for training and inference
/// (`cblas_sgemm`), `Double` for finite-difference checks of the same code (`cblas_dgemm`).
public protocol GRUScalar: TrainingScalar {
    /// tanh x.
    static func hyperbolicTangent(_ x: Self) -> Self

    /// Row-major C (m × n) = α·op(A)·op(B) + β·C, op(A) m × k, op(B) k × n, with leading
    /// dimensions `lda`, `ldb`, `ldc` of the stored (untransposed) matrices. O(m·n·k).
    static func gemm(
        _ transposeA: Bool, _ transposeB: Bool, m: Int, n: Int, k: Int, alpha: Self,
        _ a: UnsafePointer<Self>, lda: Int, _ b: UnsafePointer<Self>, ldb: Int,
        beta: Self, _ c: UnsafeMutablePointer<Self>, ldc: Int)
}

extension GRUScalar {
    /// `gemm` that also handles empty products (k = 0 leaves β·C; m or n = 0 does nothing).
    @inlinable static func product(
        _ transposeA: Bool, _ transposeB: Bool, m: Int, n: Int, k: Int, alpha: Self = 1,
        _ a: UnsafePointer<Self>, lda: Int, _ b: UnsafePointer<Self>, ldb: Int,
        beta: Self, _ c: UnsafeMutablePointer<Self>, ldc: Int
    ) {
        guard m > 0, n > 0 else { return }
        if k == 0 {
            for r in 0..<m { for j in 0..<n { c[r * ldc + j] = beta == 0 ? 0 : beta * c[r * ldc + j] } }
            return
        }
        gemm(transposeA, transposeB, m: m, n: n, k: k, alpha: alpha, a, lda: lda, b, ldb: ldb, beta: beta, c, ldc: ldc)
    }
}

extension Float: GRUScalar {
    public static func hyperbolicTangent(_ x: Float) -> Float { Foundation.tanh(x) }

    public static func gemm(
        _ transposeA: Bool, _ transposeB: Bool, m: Int, n: Int, k: Int, alpha: Float,
        _ a: UnsafePointer<Float>, lda: Int, _ b: UnsafePointer<Float>, ldb: Int,
        beta: Float, _ c: UnsafeMutablePointer<Float>, ldc: Int
    ) {
        cblas_sgemm(CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans, transposeB ? CblasTrans : CblasNoTrans,
                    Int32(m), Int32(n), Int32(k), alpha, a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
    }
}

extension Double: GRUScalar {
    public static func hyperbolicTangent(_ x: Double) -> Double { Foundation.tanh(x) }

    public static func gemm(
        _ transposeA: Bool, _ transposeB: Bool, m: Int, n: Int, k: Int, alpha: Double,
        _ a: UnsafePointer<Double>, lda: Int, _ b: UnsafePointer<Double>, ldb: Int,
        beta: Double, _ c: UnsafeMutablePointer<Double>, ldc: Int
    ) {
        cblas_dgemm(CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans, transposeB ? CblasTrans : CblasNoTrans,
                    Int32(m), Int32(n), Int32(k), alpha, a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
    }
}
