extension NewtonFoldInScorer {
    /// Quasi-Newton steps before a mask falls back to full Newton (`minimise`).
    static var maxQuasiNewtonSteps: Int { 40 }

    /// The stated tolerance of every returned optimum: max|∇_w L| ≤ 10⁻⁸·(1 + max|w|).
    static func isStationary(_ gradient: [Double], at w: [Double]) -> Bool {
        var largestGradient = 0.0, largestW = 0.0
        for d in w.indices {
            largestGradient = max(largestGradient, abs(gradient[d]))
            largestW = max(largestW, abs(w[d]))
        }
        return largestGradient <= 1e-8 * (1 + largestW)
    }

    /// w*(m) by BFGS (two-loop recursion, every pair kept) from `origin` (default the full-history
    /// optimum), preconditioned by `preconditioner` when given (a warm start's exact Hessian factor
    /// at a nearby optimum) or else by P(m) = the curvature model at the full-history optimum
    /// (`FoldInCurvature`, factored once); only gradients per step. A step Δ = −B⁻¹∇L is halved (at most 20 times) until the
    /// preconditioned gradient norm ∇Lᵀ P⁻¹ ∇L decreases. Not `converged` when P(m) is not
    /// positive definite, a step cannot be accepted or `maxQuasiNewtonSteps` pass without
    /// stationarity: `w` is then the last iterate (the start of the Newton fallback, usually
    /// nearer the optimum than the full history's).
    /// O(steps·(gradient + F² + steps·F)) + O(R·F² + F³) for P(m) (nothing with a given preconditioner).
    func quasiNewton(mask: [Float], from origin: [Double]? = nil, preconditioner given: CholeskyFactor? = nil) -> (w: [Double], steps: Int, converged: Bool) {
        let f = start.count
        let origin = origin ?? start
        guard let preconditioner = given ?? CholeskyFactor(curvature.matrix(mask: mask), size: f) else { return (origin, 0, false) }
        func dot(_ a: [Double], _ b: [Double]) -> Double {
            var total = 0.0
            for d in 0..<f { total += a[d] * b[d] }
            return total
        }
        var w = origin, g = objective.gradient(w, mask: mask)
        var merit = dot(g, preconditioner.solved(g))
        var s: [[Double]] = [], y: [[Double]] = [], rho: [Double] = []
        for step in 0...Self.maxQuasiNewtonSteps {
            if Self.isStationary(g, at: w) { return (w, step, true) }
            if step == Self.maxQuasiNewtonSteps { break }
            var q = g, alpha = [Double](repeating: 0, count: s.count)
            for k in stride(from: s.count - 1, through: 0, by: -1) {
                alpha[k] = rho[k] * dot(s[k], q)
                for d in 0..<f { q[d] -= alpha[k] * y[k][d] }
            }
            preconditioner.solve(&q)
            for k in s.indices {
                let beta = rho[k] * dot(y[k], q)
                for d in 0..<f { q[d] += (alpha[k] - beta) * s[k][d] }
            }
            var t = 1.0, halvings = 0
            while true {
                let trial = (0..<f).map { w[$0] - t * q[$0] }
                let trialGradient = objective.gradient(trial, mask: mask)
                let trialMerit = dot(trialGradient, preconditioner.solved(trialGradient))
                if trialMerit < merit {
                    let sk = (0..<f).map { trial[$0] - w[$0] }, yk = (0..<f).map { trialGradient[$0] - g[$0] }
                    let sy = dot(sk, yk)
                    if sy > 0 {
                        s.append(sk)
                        y.append(yk)
                        rho.append(1 / sy)
                    }
                    w = trial
                    g = trialGradient
                    merit = trialMerit
                    break
                }
                halvings += 1
                if halvings > 20 { return (w, step, false) }
                t *= 0.5
            }
        }
        return (w, Self.maxQuasiNewtonSteps, false)
    }
}
