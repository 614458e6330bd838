import CBLAS

extension BPRFoldInObjective {
    /// ∇L alone, from N + |H| exponentials instead of |H|·N: with aⱼ = e^(sⱼ − M), bₖ = e^(sₖ − M)
    /// (M the largest of these scores), σₖⱼ = aⱼ/(aⱼ + bₖ), so one reciprocal and two multiply-adds per
    /// kept pair give Σⱼ σₖⱼ and Σₖ cₖσₖⱼ. Scores spread over more than 600 (where e^(sⱼ − M)
    /// would lose range) take `derivatives`. Only the history's and the negatives' scores are
    /// computed (`pairScores`). O(|kept H|·N + (|H| + N)·D).
    func gradient(_ w: [Double], mask: [Float]) -> [Double] {
        let f = items.dimension, n = negatives.count
        var gradient = w.map { 2 * prior * $0 }
        guard n > 0 else { return gradient }
        let s = pairScores(w)
        let (top, bottom) = pairScoreRange(s)
        guard top - bottom <= 600 else { return derivatives(w, mask: mask).gradient }
        let a = negatives.map { Double.exponential(s[$0] - top) }
        var columns = [Double](repeating: 0, count: n)  // Σₖ cₖ/(aⱼ + bₖ)
        for (k, i) in history.enumerated() {
            let c = Double(mask[k]) * counts[k] / Double(n)
            guard c != 0 else { continue }
            let rowSum = Self.accumulatePairs(a, b: Double.exponential(s[i] - top), weight: c, into: &columns)
            for d in 0..<f { gradient[d] -= c * rowSum * items.features[i * f + d] }
        }
        for t in 0..<n { columns[t] *= a[t] }
        negativeFeatures.withUnsafeBufferPointer { q in
            cblas_dgemv(CblasRowMajor, CblasTrans, Int32(n), Int32(f), 1, q.baseAddress, Int32(f), columns, 1, 1, &gradient, 1)
        }
        return gradient
    }

    /// ∇²L alone: `derivatives`' Hessian (the same sums and BLAS calls; σₖⱼ from `pairSigmas`
    /// over `pairScores`, so equal up to rounding), without the loss's |H|·N logarithms and
    /// exponentials, the gradient and the other items' scores. O(|H|·N·D + N·D² + |H|·D²).
    func hessian(_ w: [Double], mask: [Float]) -> [Double] {
        let f = items.dimension, n = negatives.count, h = history.count
        var hessian = [Double](repeating: 0, count: f * f)
        for d in 0..<f { hessian[d * f + d] = 2 * prior }
        guard n > 0 else { return hessian }
        let curvature = pairSigmas(pairScores(w)).map { $0 * (1 - $0) }
        let u = timesNegatives(curvature)
        var omega = [Double](repeating: 0, count: n)
        var rooted = [Double](repeating: 0, count: h * f), weightedU = rooted, features = rooted
        for (k, i) in history.enumerated() {
            let c = Double(mask[k]) * counts[k] / Double(n)
            guard c != 0 else { continue }
            var curvatureSum = 0.0
            for t in 0..<n {
                omega[t] += c * curvature[k * n + t]
                curvatureSum += curvature[k * n + t]
            }
            let r = (c * curvatureSum).squareRoot()
            for a in 0..<f {
                let qa = items.features[i * f + a]
                rooted[k * f + a] = r * qa
                weightedU[k * f + a] = c * u[k * f + a]
                features[k * f + a] = qa
            }
        }
        cblas_dsyrk(CblasRowMajor, CblasLower, CblasTrans, Int32(f), Int32(h), 1, rooted, Int32(f), 1, &hessian, Int32(f))
        cblas_dsyr2k(CblasRowMajor, CblasLower, CblasTrans, Int32(f), Int32(h), -1, weightedU, Int32(f), features, Int32(f), 1, &hessian, Int32(f))
        var scaled = [Double](repeating: 0, count: n * f)
        for t in 0..<n {
            let r = omega[t].squareRoot()
            for a in 0..<f { scaled[t * f + a] = r * negativeFeatures[t * f + a] }
        }
        cblas_dsyrk(CblasRowMajor, CblasLower, CblasTrans, Int32(f), Int32(n), 1, scaled, Int32(f), 1, &hessian, Int32(f))
        return hessian
    }

    /// σₖⱼ = σ(sⱼ − sₖ) (|H| × N) as aⱼ/(aⱼ + bₖ) with aⱼ = e^(sⱼ − M), bₖ = e^(sₖ − M): N + |H|
    /// exponentials instead of `pairs`' |H|·N (which it falls back to when the scores spread over
    /// more than 600). Equal to `pairs(s, …).sigma` up to rounding.
    func pairSigmas(_ s: [Double]) -> [Double] {
        let (top, bottom) = pairScoreRange(s)
        guard top - bottom <= 600 else { return pairs(s, mask: [Float](repeating: 0, count: history.count), everyRow: true).sigma }
        let n = negatives.count
        let a = negatives.map { Double.exponential(s[$0] - top) }
        var sigma = [Double](repeating: 0, count: history.count * n)
        for (k, i) in history.enumerated() {
            let b = Double.exponential(s[i] - top)
            for t in 0..<n { sigma[k * n + t] = a[t] / (a[t] + b) }
        }
        return sigma
    }

    /// (∂²L/∂p∂mₖ)·z = (nₖ/N)(Σⱼ σₖⱼ (qⱼ·z) − (Σⱼ σₖⱼ)(qₖ·z)) for every event, from the N
    /// projections qⱼ·z and σₖⱼ = aⱼ/(aⱼ + bₖ) as in `gradient` (scores spread over more than 600
    /// take `mixedDerivatives`): O(N·D + |H|·N + |H|·D) instead of the O(|H|·N·D) matrix. Equal
    /// to `mixedDerivatives(w)` times z up to rounding.
    func mixedDerivatives(_ w: [Double], times z: [Double]) -> [Double] {
        let f = items.dimension, n = negatives.count, h = history.count
        guard n > 0 else { return [Double](repeating: 0, count: h) }
        let s = pairScores(w)
        let (top, bottom) = pairScoreRange(s)
        guard top - bottom <= 600 else {
            let mixed = mixedDerivatives(w)
            return (0..<h).map { k in
                var dot = 0.0
                for d in 0..<f { dot += z[d] * mixed[k * f + d] }
                return dot
            }
        }
        var projections = [Double](repeating: 0, count: n)
        negativeFeatures.withUnsafeBufferPointer { q in
            cblas_dgemv(CblasRowMajor, CblasNoTrans, Int32(n), Int32(f), 1, q.baseAddress, Int32(f), z, 1, 0, &projections, 1)
        }
        let a = negatives.map { Double.exponential(s[$0] - top) }
        return history.enumerated().map { k, i in
            let b = Double.exponential(s[i] - top)
            var sigmaSum = 0.0, weighted = 0.0
            for t in 0..<n {
                let sigma = a[t] / (a[t] + b)
                sigmaSum += sigma
                weighted += sigma * projections[t]
            }
            var qz = 0.0
            for d in 0..<f { qz += items.features[i * f + d] * z[d] }
            return counts[k] / Double(n) * (weighted - sigmaSum * qz)
        }
    }

    /// Returns Σⱼ aⱼ/(aⱼ + b) and adds c/(aⱼ + b) to `columns[j]`, four lanes at a time (fixed order).
    private static func accumulatePairs(_ a: [Double], b: Double, weight c: Double, into columns: inout [Double]) -> Double {
        let n = a.count
        return a.withUnsafeBufferPointer { ap in
            columns.withUnsafeMutableBufferPointer { cp in
                let bv = SIMD4<Double>(repeating: b), cv = SIMD4<Double>(repeating: c)
                var sum = SIMD4<Double>(repeating: 0)
                var t = 0
                while t + 4 <= n {
                    let av = UnsafeRawPointer(ap.baseAddress! + t).loadUnaligned(as: SIMD4<Double>.self)
                    let column = UnsafeRawPointer(cp.baseAddress! + t).loadUnaligned(as: SIMD4<Double>.self)
                    let r = 1 / (av + bv)
                    sum += av * r
                    UnsafeMutableRawPointer(cp.baseAddress! + t).storeBytes(of: column + cv * r, as: SIMD4<Double>.self)
                    t += 4
                }
                var total = sum.sum()
                while t < n {
                    let r = 1 / (ap[t] + b)
                    total += ap[t] * r
                    cp[t] += c * r
                    t += 1
                }
                return total
            }
        }
    }

    /// ∇²L(w; 1) split by event: A₀ = 2λnᵤI; per event k, with cₖ = nₖ/N, aₖ = Σⱼ vₖⱼ and
    /// uₖ = Σⱼ vₖⱼqⱼ, the exact cₖ(aₖqₖqₖᵀ − uₖqₖᵀ − qₖuₖᵀ) = (cₖ/aₖ)[(aₖqₖ − uₖ)(aₖqₖ − uₖ)ᵀ − uₖuₖᵀ]
    /// (two rank-one terms); the negatives' Gram Σⱼ ωⱼ(m) qⱼqⱼᵀ (ωⱼ = Σₖ mₖcₖvₖⱼ) is
    /// approximated by its full-history value times (Σₖ mₖnₖ)/nᵤ, exact at m = 1: computing it
    /// per mask would cost O(|H|·N + N·D²). O(|H|·N·D + N·D²).
    func curvature(at w: [Double]) -> FoldInCurvature {
        let f = items.dimension, n = negatives.count, h = history.count
        var base = [Double](repeating: 0, count: f * f)
        for d in 0..<f { base[d * f + d] = 2 * prior }
        guard n > 0, h > 0 else { return FoldInCurvature(dimension: f, base: base) }
        let sigma = pairs(items.scores(w), mask: [Float](repeating: 0, count: h), everyRow: true).sigma
        let v = sigma.map { $0 * (1 - $0) }
        let u = timesNegatives(v)
        let total = counts.reduce(0, +)
        var omega = [Double](repeating: 0, count: n)
        var rows: [Double] = [], rowEvents: [Int] = [], rowWeights: [Double] = []
        for (k, i) in history.enumerated() {
            let c = counts[k] / Double(n)
            var curvatureSum = 0.0
            for t in 0..<n {
                omega[t] += c / total * v[k * n + t]
                curvatureSum += v[k * n + t]
            }
            guard curvatureSum > 0 else { continue }
            rows += (0..<f).map { curvatureSum * items.features[i * f + $0] - u[k * f + $0] }
            rows += u[(k * f)..<((k + 1) * f)]
            rowEvents += [k, k]
            rowWeights += [c / curvatureSum, -c / curvatureSum]
        }
        var scaled = [Double](repeating: 0, count: n * f), shared = base.map { _ in 0.0 }
        for t in 0..<n {
            let r = omega[t].squareRoot()
            for d in 0..<f { scaled[t * f + d] = r * negativeFeatures[t * f + d] }
        }
        cblas_dsyrk(CblasRowMajor, CblasLower, CblasTrans, Int32(f), Int32(n), 1, scaled, Int32(f), 0, &shared, Int32(f))
        return FoldInCurvature(dimension: f, base: base, shared: shared, sharedWeights: counts,
                               rows: rows, rowEvents: rowEvents, rowWeights: rowWeights)
    }
}
