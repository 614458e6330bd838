/// A fold-in scorer that minimises a strictly convex user objective (`FoldInObjective`): the
/// scorer of BPR-MF, logistic MF and the two-tower model. Every mask's result is the optimum
/// w*(m) of the objective to the stated tolerance max|∇_w L(w*; m)| ≤ 10⁻⁸·(1 + max|w*|)
/// (`isStationary`), however it was reached.
///
/// Building: the full-history optimum w₁ by damped Newton (`minimise`) from the model's initial
/// guess (the trained user vector; 0 without one), then the curvature model P(m) ≈ ∇²L(w₁; m) (`FoldInCurvature`, linear in the mask).
///
/// Per mask (deterministic, no randomness): BFGS from w₁ with P(m) as the initial Hessian
/// (`quasiNewton`): one gradient per step, O(I·F) for the all-item objectives and O(|H|·N) for
/// BPR, instead of Newton's O(I·F²) Hessian; the warm start and a preconditioner that already
/// knows which events are absent take it to the tolerance in a handful of steps. A mask that
/// does not converge within `maxQuasiNewtonSteps` falls back to damped Newton from the last
/// quasi-Newton iterate (`minimise`): at most `maxIterations` steps Δ = −H⁻¹∇L with backtracking (halve t until
/// L(w + tΔ) ≤ L(w) + ¼·t·∇L·Δ, at most 30 halvings; full steps once the Newton decrement
/// ∇L·H⁻¹∇L < 10⁻⁸(1 + |L|)), stopping after a step with max|Δ| ≤ 10⁻¹⁰(1 + max|w|). The empty
/// mask returns the empty history's optimum directly when the model supplies it.
///
/// Each mask is optimised on its own, so a batch equals its masks evaluated one at a time, bit
/// for bit.
///
/// Warm starts (`scoresAndPullback(mask:warmStart:weightsFrom:)`, what LXR's training uses: the
/// same user's masks change little from one epoch to the next): the quasi-Newton iterations start
/// from the caller's previous optimum w*(m′) and take the factor of the exact Hessian there
/// (which the previous pullback had built anyway) as the preconditioner instead of P(m); the
/// result meets the same tolerance, so it differs from the cold start only within it. On ML-100k
/// this takes the steps per mask from 9–17 to 1–4 after the first epochs.
///
/// Gradients by the implicit function theorem at the optimum w*(m): ∇_w L(w*; m) = 0 gives
/// ∂w*/∂mⱼ = −H⁻¹ ∂²L/∂w∂mⱼ with H the exact Hessian at w* (`FoldInObjective.hessian`,
/// factored once per call), so with scores sᵢ = oᵢ + w·xᵢ,
///
///     ∂sᵢ/∂mⱼ = −(H⁻¹xᵢ)·∂²L/∂w∂mⱼ
///
/// (for a masked history the products with z = H⁻¹x come from `mixedDerivatives(_:times:)`, which
/// BPR computes without its |H| × D matrix).
///
/// BLAS runs single-threaded (`BLAS.withSingleThread`), so results are bit-identical whatever
/// the caller's threading; callers parallelise over users or masks.
struct NewtonFoldInScorer<Objective: FoldInObjective>: MaskDifferentiableScorer {
    static var maxIterations: Int { 50 }
    let events: [ScoredHistoryEvent]
    let objective: Objective
    /// The full-history optimum, the warm start of every mask.
    let start: [Double]
    /// The curvature model at `start`, the preconditioner of every other mask (built on first use:
    /// gradients at the full history do not need it).
    let lazyCurvature: Lazy<FoldInCurvature>
    var curvature: FoldInCurvature { lazyCurvature.value }
    /// The exact Hessian's factor and the mixed derivatives ∂²L/∂w∂m at `start`: every gradient
    /// of the full history (gradient × input, one per recommended item) reuses them.
    let fullFactor: CholeskyFactor
    let fullMixed: [Double]
    /// The empty history's optimum, when the model supplies it.
    let emptyOptimum: [Double]?
    var itemCount: Int { objective.items.count }

    /// - Parameters:
    ///   - initialGuess: where the full-history Newton iterations start (default 0), e.g. the
    ///     trained user vector, which lies near the fold-in's optimum; any point gives the same
    ///     optimum to the tolerance, a near one in fewer steps.
    ///   - emptyOptimum: the optimum of the empty history (every weight 0), when the model has it
    ///     at hand (logistic MF's does not depend on the user, so the model solves it once): the
    ///     empty mask returns it instead of iterating from the full history's optimum, far away.
    init(events: [ScoredHistoryEvent], objective: Objective, initialGuess: [Double]? = nil, emptyOptimum: [Double]? = nil) {
        precondition(events.count == objective.eventCount)
        precondition(initialGuess.map { $0.count == objective.items.dimension } ?? true, "initial guess of the wrong size")
        precondition(emptyOptimum.map { $0.count == objective.items.dimension } ?? true, "empty-history optimum of the wrong size")
        self.events = events
        self.objective = objective
        let guess = initialGuess ?? [Double](repeating: 0, count: objective.items.dimension)
        let ones = [Float](repeating: 1, count: events.count)
        let (w, factor, mixed) = BLAS.withSingleThread {
            let w = Self.minimise(objective, from: guess, mask: ones).w
            guard let factor = CholeskyFactor(objective.derivatives(w, mask: ones).hessian, size: w.count) else {
                preconditionFailure("NewtonFoldInScorer: the full-history Hessian is not positive definite")
            }
            return (w, factor, objective.mixedDerivatives(w))
        }
        (start, fullFactor, fullMixed) = (w, factor, mixed)
        let lazyCurvature = Lazy { BLAS.withSingleThread { objective.curvature(at: w) } }
        self.lazyCurvature = lazyCurvature
        self.emptyOptimum = emptyOptimum
    }

    /// w*(m), the number of steps taken and whether the full-Newton fallback took them; the
    /// quasi-Newton iterations start from `warmStart` when given (a caller's earlier optimum of a
    /// nearby mask), else from the full-history optimum.
    func optimum(mask: [Float], from warmStart: [Double]? = nil, preconditioner: CholeskyFactor? = nil) -> (w: [Double], steps: Int, fallback: Bool) {
        precondition(mask.count == events.count, "mask has \(mask.count) weights for \(events.count) events")
        if mask.allSatisfy({ $0 == 1 }) { return (start, 0, false) }
        if let emptyOptimum, mask.allSatisfy({ $0 == 0 }) { return (emptyOptimum, 0, false) }
        let attempt = quasiNewton(mask: mask, from: warmStart ?? start, preconditioner: preconditioner)
        if attempt.converged { return (attempt.w, attempt.steps, false) }
        let (w, _, steps) = Self.minimise(objective, from: attempt.w, mask: mask)
        return (w, attempt.steps + steps, true)
    }

    static func minimise(_ objective: Objective, from start: [Double], mask: [Float]) -> (w: [Double], factor: CholeskyFactor, steps: Int) {
        var w = start
        let f = w.count
        var step = 0
        while true {
            let (value, gradient, hessian) = objective.derivatives(w, mask: mask)
            guard let factor = CholeskyFactor(hessian, size: f) else {
                preconditionFailure("NewtonFoldInScorer: the Hessian is not positive definite (negative mask weights?)")
            }
            if step == maxIterations { return (w, factor, step) }
            var delta = factor.solved(gradient)
            var decrement = 0.0
            for d in 0..<f {
                delta[d] = -delta[d]
                decrement -= gradient[d] * delta[d]
            }
            var t = 1.0
            if decrement >= 1e-8 * (1 + abs(value)) {
                var halvings = 0
                while halvings < 30 {
                    let trial = (0..<f).map { w[$0] + t * delta[$0] }
                    if objective.value(trial, mask: mask) <= value - 0.25 * t * decrement { break }
                    t *= 0.5
                    halvings += 1
                }
            }
            var largestStep = 0.0, largestW = 0.0
            for d in 0..<f {
                w[d] += t * delta[d]
                largestStep = max(largestStep, abs(t * delta[d]))
                largestW = max(largestW, abs(w[d]))
            }
            step += 1
            if largestStep <= 1e-10 * (1 + largestW) { return (w, factor, step) }
        }
    }

    func scores(mask: [Float], into scores: inout [Float]) {
        BLAS.withSingleThread { evaluate(mask: mask, into: &scores) }
    }

    private func evaluate(mask: [Float], into scores: inout [Float]) {
        let s = objective.items.scores(optimum(mask: mask).w)
        for i in 0..<itemCount { scores[i] = Float(s[i]) }
    }

    var chainsMasks: Bool { true }

    /// The quasi-Newton iterations start from `warmStart`'s point (the previous mask's optimum)
    /// instead of the full history's, preconditioned by this mask's curvature model P(m) as a
    /// cold start is, or with `exactPreconditioner` by the factor of this mask's exact Hessian at
    /// that point; `warmStart` keeps this mask's optimum (and no Hessian factor). On ML-100k's
    /// logistic MF (80 users, a scratch measurement preconditioned by the previous mask's exact
    /// Hessian) the fidelity curves' masks that keep 5, 4, … 1 events, chained from the mask that
    /// keeps the top chunk, took ~0.7 ms each instead of ~1.6 ms cold (20 instead of 40 quasi-Newton steps, 8 %
    /// instead of 88 % Newton fallbacks).
    func scores(mask: [Float], into scores: inout [Float], warmStart: inout MaskWarmStart) {
        let from = warmStart.point?.count == start.count ? warmStart.point : nil
        let exact = warmStart.exactPreconditioner
        let w = BLAS.withSingleThread {
            let preconditioner = exact ? from.flatMap { CholeskyFactor(objective.hessian($0, mask: mask), size: start.count) } : nil
            let w = optimum(mask: mask, from: from, preconditioner: preconditioner).w
            let s = objective.items.scores(w)
            for i in 0..<itemCount { scores[i] = Float(s[i]) }
            return w
        }
        warmStart.point = w
        warmStart.factor = nil
    }

    /// One optimisation per mask (the same as `scores(mask:into:)`), then only the targets' scores.
    func scores(masks: [Float], count: Int, targets: [Int]) -> [Float] {
        BLAS.withSingleThread { evaluate(masks: masks, count: count, targets: targets) }
    }

    private func evaluate(masks: [Float], count: Int, targets: [Int]) -> [Float] {
        let n = events.count
        var result = [Float](repeating: 0, count: count * targets.count)
        for c in 0..<count {
            let w = optimum(mask: Array(masks[(c * n)..<((c + 1) * n)])).w
            let s = objective.items.scores(w)
            for (t, item) in targets.enumerated() { result[c * targets.count + t] = Float(s[item]) }
        }
        return result
    }

    func scoreAndGradient(mask: [Float], target: Int) -> (score: Float, gradient: [Float]) {
        BLAS.withSingleThread { evaluateWithGradient(mask: mask, target: target) }
    }

    /// The scores are linear in the item features: the gradient of one "item" x̄ = Σᵢ wᵢxᵢ.
    func pullback(mask: [Float], weights: [Float]) -> [Float] {
        BLAS.withSingleThread {
            let w = optimum(mask: mask).w
            return gradient(mask: mask, w: w, feature: objective.items.transposedTimes(weights.map(Double.init)))
        }
    }

    /// One optimisation of the mask for the scores and their pullback.
    func scoresAndPullback(mask: [Float], weightsFrom weights: ([Float]) -> [Float]) -> (scores: [Float], gradient: [Float]) {
        var warmStart = MaskWarmStart()
        return scoresAndPullback(mask: mask, warmStart: &warmStart, weightsFrom: weights)
    }

    /// The same, from the state of the previous call with this `warmStart` (if any): the
    /// quasi-Newton iterations start from that call's optimum, preconditioned by the factor of
    /// the exact Hessian there (which that call's pullback needed anyway) instead of the curvature
    /// model; `warmStart` then keeps this mask's optimum and Hessian factor. The optimum meets the
    /// same tolerance (`isStationary`) from either start, so the results differ from a cold start
    /// only within it.
    func scoresAndPullback(mask: [Float], warmStart: inout MaskWarmStart, weightsFrom weights: ([Float]) -> [Float]) -> (scores: [Float], gradient: [Float]) {
        let warm = warmStart.point?.count == start.count && warmStart.factor?.size == start.count
        let (result, w, factor) = BLAS.withSingleThread {
            let w = optimum(mask: mask, from: warm ? warmStart.point : nil, preconditioner: warm ? warmStart.factor : nil).w
            let scores = objective.items.scores(w).map(Float.init)
            let factor = hessianFactor(mask: mask, w: w)
            let g = gradient(mask: mask, w: w, feature: objective.items.transposedTimes(weights(scores).map(Double.init)), factor: factor)
            return ((scores, g), w, factor)
        }
        warmStart.point = w
        warmStart.factor = factor
        return result
    }

    private func evaluateWithGradient(mask: [Float], target: Int) -> (score: Float, gradient: [Float]) {
        let w = optimum(mask: mask).w
        return (Float(objective.items.scores(w)[target]), gradient(mask: mask, w: w, feature: objective.items.feature(target)))
    }

    /// The factor of the exact Hessian ∇²L(w; m) at the optimum `w` of `mask` (the full
    /// history's is kept from building). O(cost of `hessian` + F³/3).
    private func hessianFactor(mask: [Float], w: [Double]) -> CholeskyFactor {
        if mask.allSatisfy({ $0 == 1 }) { return fullFactor }
        guard let factor = CholeskyFactor(objective.hessian(w, mask: mask), size: w.count) else {
            preconditionFailure("NewtonFoldInScorer: the Hessian is not positive definite (negative mask weights?)")
        }
        return factor
    }

    /// ∂(x·w(m))/∂m by the implicit-function theorem, at the optimum `w` of `mask`.
    private func gradient(mask: [Float], w: [Double], feature: [Double]) -> [Float] {
        gradient(mask: mask, w: w, feature: feature, factor: hessianFactor(mask: mask, w: w))
    }

    /// The same with the Hessian's factor at `w` given: −(H⁻¹x)·∂²L/∂w∂mⱼ for every event j.
    private func gradient(mask: [Float], w: [Double], feature: [Double], factor: CholeskyFactor) -> [Float] {
        let f = w.count, n = events.count
        let z = factor.solved(feature)
        guard mask.allSatisfy({ $0 == 1 }) else { return objective.mixedDerivatives(w, times: z).map { Float(-$0) } }
        var gradient = [Float](repeating: 0, count: n)
        for j in 0..<n {
            var dot = 0.0
            for d in 0..<f { dot += z[d] * fullMixed[j * f + d] }
            gradient[j] = Float(-dot)
        }
        return gradient
    }
}
