import CBLAS
import Dispatch
import _RecKernels

/// The loss of one `MatrixFactorization` minibatch and its exact gradient, as a pure function.
///
/// With normalised targets yᵦ = (rᵦ − μ)/s and predictions ŷᵦ = bᵤ + bᵢ + pᵤ·qᵢ:
///
///     L = Σ_b (yᵦ − ŷᵦ)² + penalty
///
/// (a sum, as seed 002's `PMFLoss`). Gradients: ∂L/∂bᵤ = −2e, ∂L/∂pᵤ = −2e·qᵢ, ∂L/∂qᵢ = −2e·pᵤ
/// with e = y − ŷ, plus the penalty's 2λ·x per occurrence of a row. For the adaptive penalty the
/// log-precision gradient is
///
///     ∂/∂θ [e^θ (Σx² + 2β) − m·B·θ] = e^θ (Σx² + 2β) − m·B,
///
/// which vanishes at λ = m·B / (Σx² + 2β): the precision tracks the inverse mean square of the
/// factors the batch used, tempered by m. Biases get a fixed L2 term `biasPenalty`·(bᵤ² + bᵢ²)
/// per occurrence (gradient 2·biasPenalty·b).
public enum MFObjective {
    /// Loss of the interactions `batch` (indices into `users`/`items`/`targets`); the gradient is
    /// *added* to `gradient` (same shapes as `parameters`). O(|batch| · D).
    public static func minibatch<T: TrainingScalar>(
        _ parameters: MFParameters<T>, users: [Int32], items: [Int32], targets: [T],
        batch: some Collection<Int>, penalty: MFPenalty<T>, biasPenalty: T = 0, gradient: inout MFParameters<T>
    ) -> T {
        let d = parameters.factors
        var loss: T = 0
        var squaresP: T = 0, squaresQ: T = 0
        let (lambdaP, lambdaQ) = factorPrecisions(penalty, parameters: parameters)
        for k in batch {
            let u = Int(users[k]), i = Int(items[k])
            let e = targets[k] - parameters.prediction(user: u, item: i)
            loss += e * e
            let bu = parameters.userBias[u], bi = parameters.itemBias[i]
            loss += biasPenalty * (bu * bu + bi * bi)
            gradient.userBias[u] += -2 * e + 2 * biasPenalty * bu
            gradient.itemBias[i] += -2 * e + 2 * biasPenalty * bi
            let a = u * d, b = i * d
            for f in 0..<d {
                let p = parameters.userFactors[a + f], q = parameters.itemFactors[b + f]
                squaresP += p * p
                squaresQ += q * q
                gradient.userFactors[a + f] += -2 * e * q + 2 * lambdaP * p
                gradient.itemFactors[b + f] += -2 * e * p + 2 * lambdaQ * q
            }
        }
        addFactorPenalty(penalty, squaresP: squaresP, squaresQ: squaresQ, lambdaP: lambdaP, lambdaQ: lambdaQ,
                         count: batch.count, parameters: parameters, loss: &loss, gradient: &gradient)
        return loss
    }
}

extension MFObjective {
    /// The factor precisions (λ_p, λ_q) a penalty applies per occurrence of a row (0 for none; the
    /// current e^θ for the adaptive one). Shared by both minibatch versions.
    @inline(__always)
    static func factorPrecisions<T: TrainingScalar>(_ penalty: MFPenalty<T>, parameters: MFParameters<T>) -> (T, T) {
        switch penalty {
        case .none: return (0, 0)
        case .fixed(let lambda): return (lambda, lambda)
        case .weighted(let p, let q): return (p, q)
        case .adaptive: return (T.exponential(parameters.logLambda[0]), T.exponential(parameters.logLambda[1]))
        }
    }

    /// Adds the penalty's factor terms to `loss` (from the batch's Σ‖p‖² and Σ‖q‖²) and, for the
    /// adaptive penalty, its log-precision terms and their gradient. Shared by both minibatch
    /// versions, so they stay the same operations in the same order.
    @inline(__always)
    static func addFactorPenalty<T: TrainingScalar>(
        _ penalty: MFPenalty<T>, squaresP: T, squaresQ: T, lambdaP: T, lambdaQ: T, count batchCount: Int,
        parameters: MFParameters<T>, loss: inout T, gradient: inout MFParameters<T>
    ) {
        switch penalty {
        case .none:
            break
        case .fixed(let lambda):
            loss += lambda * (squaresP + squaresQ)
        case .weighted(let p, let q):
            loss += p * squaresP + q * squaresQ
        case .adaptive(let beta, let multiplierP, let multiplierQ):
            let count = T(batchCount)
            let termP = lambdaP * (squaresP + 2 * beta), termQ = lambdaQ * (squaresQ + 2 * beta)
            loss += termP - multiplierP * count * parameters.logLambda[0]
            loss += termQ - multiplierQ * count * parameters.logLambda[1]
            gradient.logLambda[0] += termP - multiplierP * count
            gradient.logLambda[1] += termQ - multiplierQ * count
        }
    }

    /// ``minibatch(_:users:items:targets:batch:penalty:biasPenalty:gradient:)`` for `Float`, the
    /// training loop's version: the same operations in the same order over unsafe buffers (no
    /// per-element uniqueness or bounds checks), so the loss and gradient are bit-identical (tested).
    static func minibatchUnchecked(
        _ parameters: MFParameters<Float>, users: [Int32], items: [Int32], targets: [Float],
        batch: ArraySlice<Int>, penalty: MFPenalty<Float>, biasPenalty: Float, gradient: inout MFParameters<Float>
    ) -> Float {
        let d = parameters.factors
        var loss: Float = 0
        var squaresP: Float = 0, squaresQ: Float = 0
        let (lambdaP, lambdaQ) = factorPrecisions(penalty, parameters: parameters)
        parameters.withBuffers { pu, qi, bu, bi in
        gradient.withMutableBuffers { gpu, gqi, gbu, gbi in
        users.withUnsafeBufferPointer { us in
        items.withUnsafeBufferPointer { its in
        targets.withUnsafeBufferPointer { ys in
            for k in batch {
                let u = Int(us[k]), i = Int(its[k])
                let a = u * d, b = i * d
                var dot: Float = 0
                for f in 0..<d { dot += pu[a + f] * qi[b + f] }
                let e = ys[k] - (bu[u] + bi[i] + dot)
                loss += e * e
                let ub = bu[u], ib = bi[i]
                loss += biasPenalty * (ub * ub + ib * ib)
                gbu[u] += -2 * e + 2 * biasPenalty * ub
                gbi[i] += -2 * e + 2 * biasPenalty * ib
                for f in 0..<d {
                    let p = pu[a + f], q = qi[b + f]
                    squaresP += p * p
                    squaresQ += q * q
                    gpu[a + f] += -2 * e * q + 2 * lambdaP * p
                    gqi[b + f] += -2 * e * p + 2 * lambdaQ * q
                }
            }
        }}}}}
        addFactorPenalty(penalty, squaresP: squaresP, squaresQ: squaresQ, lambdaP: lambdaP, lambdaQ: lambdaQ,
                         count: batch.count, parameters: parameters, loss: &loss, gradient: &gradient)
        return loss
    }
}

/// The empirical-Bayes PMF of `MatrixFactorization.Regularization.adaptive`, over the whole
/// training set (normalised targets y, N ratings, nᵤ / nᵢ ratings per user / item):
///
///     yᵤᵢ ~ N(ŷᵤᵢ, 1/(2τ)),   pᵤ ~ N(0, I/(2λ_p·nᵤ)),   qᵢ ~ N(0, I/(2λ_q·nᵢ)),
///     λ_p, λ_q ~ Gamma(a, b) (shape a, rate b),   τ flat,
///
/// i.e. a Gaussian prior whose precision grows with the row's activity (the weighting of ALS-WR,
/// Zhou et al. 2008, and of the usual per-rating SGD penalty). Its negative log joint, up to
/// constants, is
///
///     J = τ·Σ e² − (N/2)·ln τ
///       + λ_p·Σᵤ nᵤ‖pᵤ‖² − (U₊·D/2 + a − 1)·ln λ_p + b·λ_p
///       + λ_q·Σᵢ nᵢ‖qᵢ‖² − (I₊·D/2 + a − 1)·ln λ_q + b·λ_q
///
/// (U₊, I₊: rows with at least one rating). For fixed (λ_p, λ_q, τ), J/τ is the familiar SGD
/// objective Σ e² + (λ_p/τ)·Σᵤ nᵤ‖pᵤ‖² + (λ_q/τ)·Σᵢ nᵢ‖qᵢ‖², which a minibatch samples as
/// `MFPenalty.weighted` with weights λ/τ. The hyperparameters are not set by minimising J too
/// (joint MAP: J → −∞ as the factors shrink to 0 and λ → ∞, and on ML-100k alternating closed-form
/// joint-MAP updates do run away to a bias-only model within a few epochs), but by empirical
/// Bayes: `adaptiveHyperparameters` is one EM step on the marginal likelihood under a Laplace
/// approximation of each row's posterior. Training alternates the two: one epoch of minibatch
/// steps at fixed weights λ_p/τ, λ_q/τ (the curves "λ_p", "λ_q"), then the EM update.
extension MFObjective {
    /// Sufficient statistics of J: Σ e², Σᵤ nᵤ‖pᵤ‖², Σᵢ nᵢ‖qᵢ‖², and U₊, I₊. O(N·D).
    public static func adaptiveStatistics<T: TrainingScalar>(
        _ parameters: MFParameters<T>, users: [Int32], items: [Int32], targets: [T]
    ) -> (squaredError: T, weightedP: T, weightedQ: T, activeUsers: Int, activeItems: Int) {
        let d = parameters.factors
        var userCounts = [Int](repeating: 0, count: parameters.userBias.count)
        var itemCounts = [Int](repeating: 0, count: parameters.itemBias.count)
        var squaredError: T = 0
        for k in targets.indices {
            let u = Int(users[k]), i = Int(items[k])
            userCounts[u] += 1
            itemCounts[i] += 1
            let e = targets[k] - parameters.prediction(user: u, item: i)
            squaredError += e * e
        }
        func weighted(_ counts: [Int], _ values: [T]) -> T {
            var sum: T = 0
            for (r, n) in counts.enumerated() where n > 0 {
                var norm: T = 0
                for f in 0..<d { norm += values[r * d + f] * values[r * d + f] }
                sum += T(n) * norm
            }
            return sum
        }
        return (squaredError, weighted(userCounts, parameters.userFactors), weighted(itemCounts, parameters.itemFactors),
                userCounts.count { $0 > 0 }, itemCounts.count { $0 > 0 })
    }

    /// J of the type comment, for given hyperparameters (shape a, rate b of the Gamma hyperprior).
    public static func adaptiveJoint<T: TrainingScalar>(
        _ parameters: MFParameters<T>, users: [Int32], items: [Int32], targets: [T],
        lambdaP: T, lambdaQ: T, noisePrecision tau: T, shape a: T, rate b: T
    ) -> T {
        let s = adaptiveStatistics(parameters, users: users, items: items, targets: targets)
        let d = T(parameters.factors), n = T(targets.count)
        let noise: T = tau * s.squaredError - n / 2 * T.logarithm(tau)
        let countP: T = T(s.activeUsers) * d / 2 + a - 1, countQ: T = T(s.activeItems) * d / 2 + a - 1
        let priorP: T = lambdaP * s.weightedP - countP * T.logarithm(lambdaP) + b * lambdaP
        let priorQ: T = lambdaQ * s.weightedQ - countQ * T.logarithm(lambdaQ) + b * lambdaQ
        return noise + priorP + priorQ
    }

    /// One EM step for (λ_p, λ_q, τ) around the current factors (the training update).
    ///
    /// E-step (Laplace, mean field): each row's posterior is Gaussian around its current value with
    /// precision Hᵤ = 2τ·Σ_{i∈u} qᵢqᵢᵀ + 2λ_p·nᵤ·I (items likewise with P), covariance Cᵤ = Hᵤ⁻¹.
    /// M-step: λ_p = (U₊·D/2 + a − 1) / (b + Σᵤ nᵤ·(‖pᵤ‖² + tr Cᵤ)), λ_q likewise,
    /// τ = (N/2) / (Σ e² + Σ_{(u,i)} (qᵢᵀCᵤqᵢ + pᵤᵀCᵢpᵤ)).
    /// Unlike joint MAP, a factor the data do not determine keeps its prior variance tr C ≈ D/(2λn),
    /// so λ cannot run away. O(N·D² + (U + I)·D³).
    public static func adaptiveHyperparameters<T: TrainingScalar>(
        _ parameters: MFParameters<T>, users: [Int32], items: [Int32], targets: [T],
        lambdaP: T, lambdaQ: T, noisePrecision tau: T, shape a: T, rate b: T
    ) -> (lambdaP: T, lambdaQ: T, noisePrecision: T) {
        adaptiveHyperparameters(parameters, users: users, items: items, targets: targets, lambdaP: lambdaP, lambdaQ: lambdaQ,
                                noisePrecision: tau, shape: a, rate: b,
                                groups: MFRatingGroups(users: users, items: items, userCount: parameters.userBias.count, itemCount: parameters.itemBias.count))
    }

    /// The EM step with the ratings' grouping by row computed once (`groups`, from the same
    /// `users` and `items`): training calls it every epoch.
    static func adaptiveHyperparameters<T: TrainingScalar>(
        _ parameters: MFParameters<T>, users: [Int32], items: [Int32], targets: [T],
        lambdaP: T, lambdaQ: T, noisePrecision tau: T, shape a: T, rate b: T, groups: MFRatingGroups
    ) -> (lambdaP: T, lambdaQ: T, noisePrecision: T) {
        let d = parameters.factors
        let userCount = parameters.userBias.count, itemCount = parameters.itemBias.count
        /// Σ e² over the ratings (Float: in C, `rec_mf_squared_error_float`, the same operations in the
        /// same order as the generic loop).
        @Sendable func squaredErrorSum() -> T {
            var squaredError: T = 0
            if T.self == Float.self && !targets.isEmpty {
                // Float: the same sum in C (`rec_mf_squared_error_float`, same operations and order).
                squaredError = T(parameters.withBuffers { pu, qi, bu, bi in
                    func float(_ buffer: UnsafeBufferPointer<T>) -> UnsafePointer<Float> {
                        UnsafeRawPointer(buffer.baseAddress!).assumingMemoryBound(to: Float.self)
                    }
                    return targets.withUnsafeBufferPointer { ys in
                        users.withUnsafeBufferPointer { us in
                            items.withUnsafeBufferPointer { its in
                                rec_mf_squared_error_float(float(pu), float(qi), float(bu), float(bi), Int32(d), us.baseAddress, its.baseAddress,
                                                           float(ys), Int64(targets.count))
                            }
                        }
                    }
                })
            } else {
                for k in targets.indices {
                    let e = targets[k] - parameters.prediction(user: Int(users[k]), item: Int(items[k]))
                    squaredError += e * e
                }
            }
            return squaredError
        }
        /// tr C = tr H⁻¹ of each active row r of one side, H = 2τ·Σ_{m ∈ r} x_m x_mᵀ + 2λn·I (x_m:
        /// the other side's rows), written to `traces[r]`, for rows `range`. Float (training): in C
        /// (`rec_mf_posterior_trace`: Gram matrix, Cholesky and ‖L⁻¹‖²_F; equal to the generic
        /// Cholesky below up to Float rounding, tested). O(n·D² + D³) per row.
        @Sendable func rowTraces(_ range: Range<Int>, start: [Int], neighbors: [Int32], other: [T], lambda: T,
                                 into traces: UnsafeMutablePointer<T>) {
            if T.self == Float.self {
                let padded = (d + 15) / 16 * 16, longest = range.reduce(0) { max($0, start[$1 + 1] - start[$1]) }
                var scratch = [Float](repeating: 0, count: (3 * padded + 2 + longest) * padded)
                other.withUnsafeBytes { op in
                    neighbors.withUnsafeBufferPointer { np in
                        scratch.withUnsafeMutableBufferPointer { sp in
                            let rows = op.baseAddress!.assumingMemoryBound(to: Float.self)
                            let out = UnsafeMutableRawPointer(traces).assumingMemoryBound(to: Float.self)
                            for r in range where start[r + 1] > start[r] {
                                out[r] = rec_mf_posterior_trace(rows, np.baseAddress! + start[r], Int32(start[r + 1] - start[r]), Int32(d),
                                                                Float(tau), Float(lambda), sp.baseAddress)
                            }
                        }
                    }
                }
                return
            }
            var h = [T](repeating: 0, count: d * d), y = [T](repeating: 0, count: d)
            for r in range where start[r + 1] > start[r] {
                let n = start[r + 1] - start[r]
                for k in 0..<(d * d) { h[k] = 0 }
                for m in start[r]..<start[r + 1] {
                    let o = Int(neighbors[m]) * d
                    for f in 0..<d {
                        let x = other[o + f]
                        for g in 0...f { h[f * d + g] += x * other[o + g] }
                    }
                }
                for f in 0..<d {
                    for g in 0...f { h[f * d + g] *= 2 * tau }
                    h[f * d + f] += 2 * lambda * T(n)
                }
                choleskyInPlace(&h, d)
                // tr C = ‖L⁻¹‖²_F: solve L y = e_f column by column.
                var trace: T = 0
                for c in 0..<d {
                    for f in 0..<d { y[f] = f == c ? 1 : 0 }
                    trace += forwardSolvedSquaredNorm(h, d, &y, from: c)
                }
                traces[r] = trace
            }
        }
        /// Σ over active rows of n·(‖x‖² + tr C) and of the rows' other-side variance terms
        /// Σ_{m ∈ r} x_mᵀ C x_m. With G = Σ_m x_m x_mᵀ and H = 2τG + 2λn·I, that sum is
        /// tr(C·G) = tr(H⁻¹(H − 2λn·I)) / (2τ) = (D − 2λn·tr C) / (2τ): no per-rating solve
        /// (equal to the per-rating sum up to rounding; tested). Rows in index order.
        func side(_ start: [Int], _ count: Int, _ own: [T], _ traces: [T], _ lambda: T) -> (weighted: T, active: Int, variance: Double) {
            var weighted: T = 0, active = 0, variance = 0.0
            for r in 0..<count where start[r + 1] > start[r] {
                let n = start[r + 1] - start[r], trace = traces[r]
                active += 1
                var norm: T = 0
                for f in 0..<d { norm += own[r * d + f] * own[r * d + f] }
                weighted += T(n) * (norm + trace)
                variance += (Double(d) - 2 * Double(lambda) * Double(n) * Double(trace)) / (2 * Double(tau))
            }
            return (weighted, active, variance)
        }
        // Every row's trace is independent of the others: chunks of rows of both sides, scheduled
        // dynamically over the cores (balanced although the sides differ in size); each trace is
        // computed by one thread, so the result does not depend on scheduling. The sums then run
        // in row order.
        let (userStart, userNeighbors, itemStart, itemNeighbors) = (groups.userStart, groups.userNeighbors, groups.itemStart, groups.itemNeighbors)
        var userTraces = [T](repeating: 0, count: userCount), itemTraces = [T](repeating: 0, count: itemCount)
        var squaredErrors = [T](repeating: 0, count: 1)  // Σ e², computed as one more task beside the chunks
        let chunk = 64, userChunks = (userCount + chunk - 1) / chunk, itemChunks = (itemCount + chunk - 1) / chunk
        userTraces.withUnsafeMutableBufferPointer { userBuffer in
            itemTraces.withUnsafeMutableBufferPointer { itemBuffer in
                squaredErrors.withUnsafeMutableBufferPointer { errorBuffer in
                    let userOut = UnsafeSendable(userBuffer), itemOut = UnsafeSendable(itemBuffer), errorOut = UnsafeSendable(errorBuffer)
                    let userFactors = parameters.userFactors, itemFactors = parameters.itemFactors
                    DispatchQueue.concurrentPerform(iterations: 1 + userChunks + itemChunks) { task in
                        let index = task - 1
                        if task == 0 {
                            errorOut.buffer[0] = squaredErrorSum()
                        } else if index < userChunks {
                            rowTraces((index * chunk)..<min(userCount, (index + 1) * chunk), start: userStart, neighbors: userNeighbors,
                                      other: itemFactors, lambda: lambdaP, into: userOut.buffer.baseAddress!)
                        } else {
                            let c = index - userChunks
                            rowTraces((c * chunk)..<min(itemCount, (c + 1) * chunk), start: itemStart, neighbors: itemNeighbors,
                                      other: userFactors, lambda: lambdaQ, into: itemOut.buffer.baseAddress!)
                        }
                    }
                }
            }
        }
        let squaredError = squaredErrors[0]
        let sides = [side(userStart, userCount, parameters.userFactors, userTraces, lambdaP),
                     side(itemStart, itemCount, parameters.itemFactors, itemTraces, lambdaQ)]
        let (p, q) = (sides[0], sides[1])
        let half = T(d) / 2
        let countP: T = T(p.active) * half + a - 1, countQ: T = T(q.active) * half + a - 1
        let variance = T(p.variance + q.variance)
        let newTau: T = T(targets.count) / 2 / max(squaredError + variance, T.leastNormalMagnitude)
        return (countP / (b + p.weighted), countQ / (b + q.weighted), newTau)
    }

    /// Lower Cholesky factor of the SPD matrix whose lower triangle is in `a` (row-major d × d), in place.
    static func choleskyInPlace<T: TrainingScalar>(_ a: inout [T], _ d: Int) {
        for j in 0..<d {
            var diagonal = a[j * d + j]
            for k in 0..<j { diagonal -= a[j * d + k] * a[j * d + k] }
            let root = diagonal.squareRoot()
            a[j * d + j] = root
            for i in (j + 1)..<max(j + 1, d) {
                var v = a[i * d + j]
                for k in 0..<j { v -= a[i * d + k] * a[j * d + k] }
                a[i * d + j] = v / root
            }
        }
    }

    /// Solves L y = b in place (b in `y`, zero before index `from`) and returns ‖y‖².
    static func forwardSolvedSquaredNorm<T: TrainingScalar>(_ l: [T], _ d: Int, _ y: inout [T], from: Int) -> T {
        var sum: T = 0
        for i in from..<d {
            var v = y[i]
            for k in from..<i { v -= l[i * d + k] * y[k] }
            v /= l[i * d + i]
            y[i] = v
            sum += v * v
        }
        return sum
    }
}

/// The ratings grouped by user and by item (counting sort, stable ⇒ deterministic): row r's
/// ratings are `start[r] ..< start[r + 1]`, and `neighbors` holds, in that order, the other side's
/// index of each (an item for a user row, a user for an item row). O(N).
struct MFRatingGroups: Sendable {
    let userStart: [Int], userNeighbors: [Int32], itemStart: [Int], itemNeighbors: [Int32]

    init(users: [Int32], items: [Int32], userCount: Int, itemCount: Int) {
        func grouped(_ rows: [Int32], _ others: [Int32], _ count: Int) -> (start: [Int], neighbors: [Int32]) {
            var start = [Int](repeating: 0, count: count + 1)
            for r in rows { start[Int(r) + 1] += 1 }
            for r in 0..<count { start[r + 1] += start[r] }
            var next = start, neighbors = [Int32](repeating: 0, count: rows.count)
            for (k, r) in rows.enumerated() { neighbors[next[Int(r)]] = others[k]; next[Int(r)] += 1 }
            return (start, neighbors)
        }
        (userStart, userNeighbors) = grouped(users, items, userCount)
        (itemStart, itemNeighbors) = grouped(items, users, itemCount)
    }
}
