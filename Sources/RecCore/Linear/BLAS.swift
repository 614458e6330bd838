import CBLAS
import Foundation

/// Small wrappers over OpenBLAS/LAPACKE for the dense kernels of the factor models.
///
/// All matrices are row-major `Float`. A symmetric F × F matrix stored row-major with its upper
/// triangle filled is the same memory as a column-major one with its lower triangle filled, which
/// is how it is handed to LAPACK (no transposition, no allocation inside LAPACKE).
public enum BLAS {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var singleThreadDepth = 0
    nonisolated(unsafe) private static var savedThreads: Int32 = 1

    /// Runs `body` with OpenBLAS on one thread: for loops that RecLens parallelises itself, and
    /// wherever results must be bit-identical (OpenBLAS splits some kernels, e.g. `ssymv`, over
    /// its threads whatever their size, which changes the rounding). The thread count is process
    /// global, so sections nest and overlap safely: the first entrant sets 1, the last one to
    /// leave restores the previous count.
    public static func withSingleThread<T>(_ body: () throws -> T) rethrows -> T {
        lock.lock()
        if singleThreadDepth == 0 {
            savedThreads = reclens_blas_get_threads()
            reclens_blas_set_threads(1)
        }
        singleThreadDepth += 1
        lock.unlock()
        defer {
            lock.lock()
            singleThreadDepth -= 1
            if singleThreadDepth == 0 { reclens_blas_set_threads(savedThreads) }
            lock.unlock()
        }
        return try body()
    }

    /// The CPU kernel family OpenBLAS chose at load time ("SkylakeX", "Haswell", "Prescott", …).
    public static var coreName: String { String(cString: openblas_get_corename()) }

    /// The Gram matrix `Mᵀ M + shift · I` (columns × columns, both triangles filled) of a
    /// rows × columns matrix, through `cblas_ssyrk`. O(rows · columns²).
    public static func gram(_ m: Matrix, diagonalShift shift: Float = 0) -> [Float] {
        let f = m.columns
        var g = [Float](repeating: 0, count: f * f)
        for d in 0..<f { g[d * f + d] = shift }
        if m.rows > 0 {
            m.values.withUnsafeBufferPointer { a in
                g.withUnsafeMutableBufferPointer { c in
                    cblas_ssyrk(CblasRowMajor, CblasUpper, CblasTrans, Int32(f), Int32(m.rows), 1,
                                a.baseAddress, Int32(f), 1, c.baseAddress, Int32(f))
                }
            }
        }
        for r in 0..<f { for c in 0..<r { g[r * f + c] = g[c * f + r] } }
        return g
    }

    /// Cholesky factorisation in place of a symmetric positive-definite n × n matrix (upper
    /// triangle of the row-major storage read and overwritten). Returns false when the matrix
    /// is not positive definite. O(n³ / 3).
    @discardableResult
    public static func choleskyFactor(_ a: UnsafeMutablePointer<Float>, n: Int) -> Bool {
        LAPACKE_spotrf_work(LAPACK_COL_MAJOR, Int8(UInt8(ascii: "L")), Int32(n), a, Int32(n)) == 0
    }

    /// Solves `A X = B` for `columns` right-hand sides stored as the rows of `b` (columns × n,
    /// overwritten by the solutions), with `factor` from `choleskyFactor`. O(columns · n²).
    public static func choleskySolve(_ factor: UnsafePointer<Float>, n: Int, _ b: UnsafeMutablePointer<Float>, columns: Int = 1) {
        _ = LAPACKE_spotrs_work(LAPACK_COL_MAJOR, Int8(UInt8(ascii: "L")), Int32(n), Int32(columns), factor, Int32(n), b, Int32(n))
    }
}

extension BLAS {
    /// a += Σᵣ wᵣ zᵣzᵣᵀ (lower triangle of the row-major F × F `a`) for the rows zᵣ of `rows`
    /// (R × F row-major) and signed weights wᵣ (0 skips a row): one `cblas_dsyrk` on the
    /// √|wᵣ|-scaled rows of each sign instead of R rank-one `cblas_dsyr` updates (level 3, a
    /// few times faster for R in the tens to hundreds; the sum differs only by rounding).
    static func addWeightedGram(_ a: inout [Double], rows: UnsafePointer<Double>, weights: [Double], dimension f: Int) {
        for sign in [1.0, -1.0] {
            var scaled: [Double] = []
            for (r, w) in weights.enumerated() where w * sign > 0 {
                let root = (w * sign).squareRoot()
                for d in 0..<f { scaled.append(root * rows[r * f + d]) }
            }
            guard !scaled.isEmpty else { continue }
            cblas_dsyrk(CblasRowMajor, CblasLower, CblasTrans, Int32(f), Int32(scaled.count / f), sign, scaled, Int32(f), 1, &a, Int32(f))
        }
    }
}
