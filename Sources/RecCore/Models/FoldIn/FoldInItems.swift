import CBLAS
import _RecKernels

/// The frozen item side of a Newton fold-in: item features xᵢ (I × F) and offsets oᵢ, so that
/// sᵢ(w) = oᵢ + w·xᵢ, with the dense kernels every objective shares. The features come from a
/// model's Float parameters and are kept twice: row-major in Double (one item's features, the
/// rows of a weighted Gram) and by column in Float (exact; the all-item passes of the C kernels
/// `rec_foldin_*` read half the bytes, feature by feature, and sum in Double).
struct FoldInItems: Sendable {
    /// I × F row-major features.
    let features: [Double]
    /// F × I: column d holds feature d of every item.
    let columns: [Float]
    /// oᵢ (I values).
    let offsets: [Double]
    let count: Int
    let dimension: Int

    init(features: [Float], offsets: [Double], dimension: Int) {
        precondition(features.count == offsets.count * dimension)
        let count = offsets.count
        self.features = features.map(Double.init)
        columns = [Float](unsafeUninitializedCapacity: features.count) { out, initialised in
            for i in 0..<count { for d in 0..<dimension { out[d * count + i] = features[i * dimension + d] } }
            initialised = features.count
        }
        self.offsets = offsets
        self.count = count
        self.dimension = dimension
    }

    /// sᵢ = oᵢ + w·xᵢ for every item (`rec_foldin_scores`). O(I·F).
    func scores(_ w: [Double]) -> [Double] {
        precondition(w.count == dimension)
        return [Double](unsafeUninitializedCapacity: count) { out, initialised in
            rec_foldin_scores(columns, offsets, Int64(count), Int32(dimension), w, out.baseAddress)
            initialised = count
        }
    }

    /// The logistic objectives' shared pass (`rec_foldin_sigmoid_pass`): the scores sᵢ, σ(sᵢ) and
    /// weight·Σᵢ σ(sᵢ)·xᵢ (zero when `weight` is 0). O(I·F).
    func sigmoidPass(_ w: [Double], weight: Double) -> (scores: [Double], sigma: [Double], sum: [Double]) {
        precondition(w.count == dimension)
        var scores = [Double](repeating: 0, count: count), sigma = scores, sum = [Double](repeating: 0, count: dimension)
        rec_foldin_sigmoid_pass(columns, offsets, Int64(count), Int32(dimension), w, weight, &scores, &sigma, &sum)
        return (scores, sigma, sum)
    }

    /// σ(sᵢ) of every entry, with the same e^x as `sigmoidPass` (`rec_foldin_sigmoid`). O(count).
    static func sigmoids(_ s: [Double]) -> [Double] {
        [Double](unsafeUninitializedCapacity: s.count) { out, initialised in
            rec_foldin_sigmoid(s, Int64(s.count), out.baseAddress)
            initialised = s.count
        }
    }

    /// g += c·xᵢ (one history item's term of a gradient). O(F).
    func add(_ c: Double, timesFeatureOf i: Int, to g: inout [Double]) {
        let f = dimension
        features.withUnsafeBufferPointer { x in
            for d in 0..<f { g[d] += c * x[i * f + d] }
        }
    }

    /// oᵢ + w·xᵢ of one item. O(F).
    func score(_ w: [Double], item i: Int) -> Double {
        var s = offsets[i]
        for d in 0..<dimension { s += w[d] * features[i * dimension + d] }
        return s
    }

    /// xᵢ as a new array.
    func feature(_ i: Int) -> [Double] { Array(features[(i * dimension)..<((i + 1) * dimension)]) }

    /// Σᵢ gᵢ xᵢ (F values; `rec_foldin_weighted_sum`). O(I·F).
    func transposedTimes(_ g: [Double]) -> [Double] {
        precondition(g.count == count)
        var out = [Double](repeating: 0, count: dimension)
        rec_foldin_weighted_sum(columns, Int64(count), Int32(dimension), g, &out)
        return out
    }

    /// Σᵢ vᵢ xᵢxᵢᵀ for vᵢ ≥ 0 (F × F, lower triangle; `cblas_dsyrk` on √vᵢ-scaled rows). O(I·F²).
    func weightedGram(_ v: [Double]) -> [Double] {
        precondition(v.count == count)
        let f = dimension
        var gram = [Double](repeating: 0, count: f * f)
        guard count > 0 else { return gram }
        let scaled = [Double](unsafeUninitializedCapacity: count * f) { out, initialised in
            features.withUnsafeBufferPointer { x in rec_foldin_sqrt_scaled_rows(x.baseAddress, Int64(count), Int32(f), v, out.baseAddress) }
            initialised = count * f
        }
        cblas_dsyrk(CblasRowMajor, CblasLower, CblasTrans, Int32(f), Int32(count), 1, scaled, Int32(f), 0, &gram, Int32(f))
        return gram
    }
}
