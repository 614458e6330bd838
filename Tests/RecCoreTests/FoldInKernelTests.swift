import Foundation
@testable import RecCore
import Testing
import _RecKernels

/// The C kernels under the Newton fold-ins (`FoldInItems`) against plain Double loops: the
/// branch-free e^x within 1 ulp of glibc's, the column-stored Float features read exactly, the
/// scores, weighted sums and sigmoid pass equal to the naive sums up to summation order.
@Suite struct FoldInKernelTests {
    @Test func exponentialIsWithinOneUlpOfTheLibrary() {
        var rng = SplitMix64(seed: 5)
        var worst = 0.0
        for _ in 0..<200_000 {
            let x = rng.nextDouble() * 1400 - 700
            let ours = rec_foldin_exp(x), reference = Foundation.exp(x)
            worst = max(worst, abs(ours - reference) / reference.ulp)
        }
        #expect(worst <= 1, "largest error \(worst) ulp")
        #expect(rec_foldin_exp(0) == 1)
        // Clamped at ±708: finite and positive beyond the range.
        #expect(rec_foldin_exp(800).isFinite && rec_foldin_exp(-800) > 0)
        #expect(rec_foldin_exp(-800) == rec_foldin_exp(-708))
    }

    /// A random item matrix with an F that is not a multiple of any vector width, and I not a
    /// multiple of the 16 lanes.
    static func items(count: Int = 203, dimension: Int = 13) -> FoldInItems {
        var rng = SplitMix64(seed: 11)
        let features = (0..<(count * dimension)).map { _ in Float(rng.nextDouble() * 2 - 1) }
        let offsets = (0..<count).map { _ in rng.nextDouble() - 0.5 }
        return FoldInItems(features: features, offsets: offsets, dimension: dimension)
    }

    @Test func kernelsEqualTheNaiveSums() {
        let items = Self.items(), f = items.dimension
        var rng = SplitMix64(seed: 3)
        let w = (0..<f).map { _ in rng.nextDouble() * 3 - 1.5 }
        let g = (0..<items.count).map { i in i % 7 == 0 ? 0 : rng.nextDouble() - 0.3 }
        var naiveScores = [Double](repeating: 0, count: items.count), naiveSum = [Double](repeating: 0, count: f)
        var naivePass = [Double](repeating: 0, count: f)
        for i in 0..<items.count {
            naiveScores[i] = items.offsets[i]
            for d in 0..<f {
                #expect(Double(items.columns[d * items.count + i]) == items.features[i * f + d])
                naiveScores[i] += w[d] * items.features[i * f + d]
            }
            let sigma = 1 / (1 + Foundation.exp(-naiveScores[i]))
            for d in 0..<f {
                naiveSum[d] += g[i] * items.features[i * f + d]
                naivePass[d] += 0.7 * sigma * items.features[i * f + d]
            }
        }
        func close(_ a: [Double], _ b: [Double], _ what: String) {
            let scale = b.map(abs).max()! + 1
            #expect(zip(a, b).allSatisfy { abs($0 - $1) <= 1e-13 * scale }, "\(what)")
        }
        close(items.scores(w), naiveScores, "scores")
        close(items.transposedTimes(g), naiveSum, "weighted sum")
        let pass = items.sigmoidPass(w, weight: 0.7)
        close(pass.scores, naiveScores, "pass scores")
        close(pass.sigma, naiveScores.map { 1 / (1 + Foundation.exp(-$0)) }, "pass sigma")
        close(pass.sum, naivePass, "pass sum")
        #expect(items.sigmoidPass(w, weight: 0).sum == [Double](repeating: 0, count: f))
        #expect(FoldInItems.sigmoids(pass.scores) == pass.sigma)
        // The Gram's rows: √v·x for v > 0, zero rows elsewhere.
        let v = (0..<items.count).map { i in i % 5 == 0 ? 0 : rng.nextDouble() }
        let gram = items.weightedGram(v)
        for a in [0, 4, f - 1] {
            for b in 0...a {
                var naive = 0.0
                for i in 0..<items.count { naive += v[i] * items.features[i * f + a] * items.features[i * f + b] }
                #expect(abs(gram[a * f + b] - naive) <= 1e-12 * (abs(naive) + 1))
            }
        }
    }

    /// A x = b to rounding for SPD matrices of orders around the lane width (1…19, 65), nil for
    /// matrices that are not positive definite, and the upper triangle of the input never read.
    @Test func choleskySolvesAndRejectsIndefiniteMatrices() {
        var rng = SplitMix64(seed: 9)
        for n in Array(1...19) + [65] {
            let m = (0..<(n * n)).map { _ in rng.nextDouble() - 0.5 }
            var a = [Double](repeating: 0, count: n * n)
            for i in 0..<n {
                for j in 0..<n {
                    var s = i == j ? 0.5 : 0
                    for t in 0..<n { s += m[i * n + t] * m[j * n + t] }
                    a[i * n + j] = s
                }
            }
            var garbage = a
            for i in 0..<n { for j in (i + 1)..<max(i + 1, n) { garbage[i * n + j] = .nan } }
            guard let factor = CholeskyFactor(garbage, size: n) else {
                Issue.record("order \(n): positive-definite matrix rejected")
                continue
            }
            let b = (0..<n).map { _ in rng.nextDouble() * 4 - 2 }
            let x = factor.solved(b)
            for i in 0..<n {
                var ax = 0.0
                for j in 0..<n { ax += a[i * n + j] * x[j] }
                #expect(abs(ax - b[i]) <= 1e-10 * (1 + abs(b[i])), "order \(n) row \(i)")
            }
            var indefinite = a
            indefinite[(n - 1) * n + n - 1] = -1
            #expect(CholeskyFactor(indefinite, size: n) == nil)
        }
        #expect(CholeskyFactor([Double.infinity], size: 1) == nil && CholeskyFactor([Double.nan], size: 1) == nil)
    }
}
