import CBLAS

/// A mask-linear model of a fold-in objective's Hessian near one point w₀ (the full-history
/// optimum), cheap to assemble for any mask: the preconditioner of `NewtonFoldInScorer`'s
/// quasi-Newton iterations.
///
///     P(m) = A₀ + (Σₖ mₖ ηₖ)·S + Σᵣ m_{e(r)} αᵣ zᵣzᵣᵀ      (F × F)
///
/// with a mask-independent part A₀ (priors, all-item terms), a shared matrix S scaled by the
/// masked total weight (the negatives' curvature of BPR and two-tower), and signed rank-one terms
/// zᵣ of the events e(r). Exact ∇²L(w₀; m) for logistic MF and two-tower; for BPR the negatives'
/// Gram Σⱼ ωⱼ(m) qⱼqⱼᵀ is replaced by its full-history value scaled by the kept weight (an
/// approximation: only a preconditioner, the iterations converge to the exact optimum).
/// Assembly O(R·F²) for R rank-one terms.
struct FoldInCurvature: Sendable {
    let dimension: Int
    /// A₀ (lower triangle read).
    let base: [Double]
    /// S (lower triangle read) and ηₖ per event (empty: no shared term).
    let shared: [Double]
    let sharedWeights: [Double]
    /// zᵣ (R × F row-major), e(r) and αᵣ.
    let rows: [Double]
    let rowEvents: [Int]
    let rowWeights: [Double]

    init(dimension: Int, base: [Double], shared: [Double] = [], sharedWeights: [Double] = [],
         rows: [Double] = [], rowEvents: [Int] = [], rowWeights: [Double] = []) {
        precondition(base.count == dimension * dimension && rows.count == rowEvents.count * dimension && rowWeights.count == rowEvents.count)
        self.dimension = dimension
        self.base = base
        self.shared = shared
        self.sharedWeights = sharedWeights
        self.rows = rows
        self.rowEvents = rowEvents
        self.rowWeights = rowWeights
    }

    /// P(m), lower triangle (row-major F × F). O(R·F²).
    func matrix(mask: [Float]) -> [Double] {
        let f = dimension
        var p = base
        if !shared.isEmpty {
            var total = 0.0
            for k in sharedWeights.indices { total += Double(mask[k]) * sharedWeights[k] }
            if total != 0 { for e in 0..<(f * f) { p[e] += total * shared[e] } }
        }
        let weights = rowEvents.indices.map { Double(mask[rowEvents[$0]]) * rowWeights[$0] }
        rows.withUnsafeBufferPointer { z in
            if let z = z.baseAddress { BLAS.addWeightedGram(&p, rows: z, weights: weights, dimension: f) }
        }
        return p
    }
}
