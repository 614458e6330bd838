/// A user-side objective L(w; m) of a fold-in with the item side frozen: strictly convex and
/// twice differentiable in the user parameters w (`dimension` values) for mask weights mⱼ ≥ 0,
/// with scores linear in w: sᵢ(w) = oᵢ + w·xᵢ (`items`). `NewtonFoldInScorer` minimises it.
///
/// The mask enters as a weight on each history event's term; priors and all-item terms that do
/// not belong to one event do not depend on it.
protocol FoldInObjective: Sendable {
    /// The frozen item side: xᵢ and oᵢ.
    var items: FoldInItems { get }
    /// Number of history events (mask length).
    var eventCount: Int { get }
    /// L(w; m). O(cost of one evaluation of the model's user loss).
    func value(_ w: [Double], mask: [Float]) -> Double
    /// ∇_w L alone, the per-step cost of the quasi-Newton iterations (no Hessian).
    func gradient(_ w: [Double], mask: [Float]) -> [Double]
    /// L, ∇_w L and ∇²_w L (dimension × dimension row-major; at least the lower triangle).
    func derivatives(_ w: [Double], mask: [Float]) -> (value: Double, gradient: [Double], hessian: [Double])
    /// ∇²_w L alone: `derivatives`' Hessian bit for bit, without the value and gradient.
    func hessian(_ w: [Double], mask: [Float]) -> [Double]
    /// ∂²L/∂w∂mⱼ for every event j: eventCount × dimension, row-major.
    func mixedDerivatives(_ w: [Double]) -> [Double]
    /// (∂²L/∂w∂mⱼ)·z for every event j (eventCount values): what the implicit-function gradient
    /// needs, without forming the eventCount × dimension matrix where that is cheaper.
    func mixedDerivatives(_ w: [Double], times z: [Double]) -> [Double]
    /// The mask-linear curvature model P(m) ≈ ∇²_w L(w; m) at a fixed w (see `FoldInCurvature`).
    func curvature(at w: [Double]) -> FoldInCurvature
}

extension FoldInObjective {
    /// Default: `derivatives`' Hessian.
    func hessian(_ w: [Double], mask: [Float]) -> [Double] { derivatives(w, mask: mask).hessian }

    /// Default: `mixedDerivatives(w)` times z, row by row in order.
    func mixedDerivatives(_ w: [Double], times z: [Double]) -> [Double] {
        let f = w.count, mixed = mixedDerivatives(w)
        return (0..<eventCount).map { j in
            var dot = 0.0
            for d in 0..<f { dot += z[d] * mixed[j * f + d] }
            return dot
        }
    }
}
