@testable import RecCore
import Testing
import _RecKernels

/// The C conjugate-gradient kernel of `ImplicitALS` (`rec_als_cg_row`) against the BLAS reference
/// it replaced (`RowScratch.solveCG` on gathered rows): same algorithm, other summation order, so
/// the rows agree to float rounding (tolerance 2e-5 relative to the row's largest entry: CG
/// divides by pᵀAp and rᵀr, which amplifies the last-bit differences of the sums a little).
@Suite struct ALSConjugateGradientKernelTests {
    @Test(arguments: [64, 10])
    func kernelMatchesBLASReference(factors f: Int) {
        let train = ImplicitALSTests.randomTrain(users: 40, items: 90, density: 0.25, seed: 3)
        let c = ConfidenceMatrix(train: train, alpha: 1, binary: true)
        var rng = SplitMix64(seed: 5)
        let y = Matrix(rows: train.itemCount, columns: f, gaussianScale: 0.3, rng: &rng)
        let gram = BLAS.gram(y, diagonalShift: 0.01)
        let start = Matrix(rows: train.userCount, columns: f, gaussianScale: 0.1, rng: &rng)
        let scratch = RowScratch(factors: f, capacity: 90)
        defer { scratch.deallocate() }
        var worst: Float = 0
        for u in 0..<train.userCount {
            var reference = Array(start.values[(u * f)..<((u + 1) * f)]), kernel = reference
            y.values.withUnsafeBufferPointer { yp in
                gram.withUnsafeBufferPointer { g in
                    let n = scratch.gather(row: u, of: c, from: yp.baseAddress!, factors: f)
                    reference.withUnsafeMutableBufferPointer { scratch.solveCG($0.baseAddress!, n: n, f: f, gram: g.baseAddress!, steps: 3) }
                    let first = c.rowStart[u]
                    c.columns.withUnsafeBufferPointer { columns in
                        c.confidence.withUnsafeBufferPointer { confidence in
                            kernel.withUnsafeMutableBufferPointer {
                                rec_als_cg_row($0.baseAddress!, yp.baseAddress!, columns.baseAddress! + first, confidence.baseAddress! + first, Int32(n), Int32(f),
                                               g.baseAddress!, 3, scratch.r)
                            }
                        }
                    }
                }
            }
            let scale = max(reference.map(abs).max() ?? 0, 1e-3)
            worst = max(worst, zip(reference, kernel).map { abs($0 - $1) / scale }.max() ?? 0)
        }
        #expect(worst <= 2e-5, "largest relative difference \(worst)")
    }
}
