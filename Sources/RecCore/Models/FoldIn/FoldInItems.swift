import CBLAS

/// The frozen item side of a Newton fold-in in `Double`: item features xᵢ (I × F row-major) and
/// offsets oᵢ, so that sᵢ(w) = oᵢ + w·xᵢ, with the dense kernels every objective shares.
struct FoldInItems: Sendable {
    /// I × F row-major features.
    let features: [Double]
    /// oᵢ (I values).
    let offsets: [Double]
    let count: Int
    let dimension: Int

    init(features: [Double], offsets: [Double], dimension: Int) {
        precondition(features.count == offsets.count * dimension)
        self.features = features
        self.offsets = offsets
        self.count = offsets.count
        self.dimension = dimension
    }

    /// sᵢ = oᵢ + w·xᵢ for every item (`cblas_dgemv`). O(I·F).
    func scores(_ w: [Double]) -> [Double] {
        var s = offsets
        guard count > 0 else { return s }
        features.withUnsafeBufferPointer { x in
            cblas_dgemv(CblasRowMajor, CblasNoTrans, Int32(count), Int32(dimension), 1, x.baseAddress, Int32(dimension), w, 1, 1, &s, 1)
        }
        return s
    }

    /// oᵢ + w·xᵢ of one item. O(F).
    func score(_ w: [Double], item i: Int) -> Double {
        var s = offsets[i]
        for d in 0..<dimension { s += w[d] * features[i * dimension + d] }
        return s
    }

    /// xᵢ as a new array.
    func feature(_ i: Int) -> [Double] { Array(features[(i * dimension)..<((i + 1) * dimension)]) }

    /// Σᵢ gᵢ xᵢ (F values; `cblas_dgemv`). O(I·F).
    func transposedTimes(_ g: [Double]) -> [Double] {
        var out = [Double](repeating: 0, count: dimension)
        guard count > 0 else { return out }
        features.withUnsafeBufferPointer { x in
            cblas_dgemv(CblasRowMajor, CblasTrans, Int32(count), Int32(dimension), 1, x.baseAddress, Int32(dimension), g, 1, 0, &out, 1)
        }
        return out
    }

    /// Σᵢ vᵢ xᵢxᵢᵀ for vᵢ ≥ 0 (F × F, lower triangle; `cblas_dsyrk` on √vᵢ-scaled rows). O(I·F²).
    func weightedGram(_ v: [Double]) -> [Double] {
        let f = dimension
        var scaled = [Double](repeating: 0, count: count * f)
        for i in 0..<count where v[i] > 0 {
            let r = v[i].squareRoot()
            for d in 0..<f { scaled[i * f + d] = r * features[i * f + d] }
        }
        var gram = [Double](repeating: 0, count: f * f)
        if count > 0 {
            cblas_dsyrk(CblasRowMajor, CblasLower, CblasTrans, Int32(f), Int32(count), 1, scaled, Int32(f), 0, &gram, Int32(f))
        }
        return gram
    }
}
