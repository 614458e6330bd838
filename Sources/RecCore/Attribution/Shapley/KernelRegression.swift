/// KernelSHAP's weighted least squares with the efficiency constraint enforced exactly.
///
/// As shap's `KernelExplainer.solve`: with total_o = v(full) − v(∅), the last player is
/// eliminated, φ_{n−1} = total_o − Σ_{j<n−1} φ_j, leaving the unconstrained problem
/// min Σ_r w_r (y_ro − Σ_j E_rj φ_jo)² with E_rj = z_rj − z_r,n−1 and
/// y_ro = v_r,o − v(∅)_o − z_r,n−1 · total_o. The normal equations (EᵀWE) Φ = EᵀWY share
/// one (n − 1) × (n − 1) matrix across outputs, solved once by `SymmetricSolver`.
enum KernelRegression {
    /// φ for every player and output, n × K row-major, from a plan and the game's values
    /// (`plan.batch.count × K`). O(samples · n² + n³ + n² · K).
    static func solve(plan: KernelSamplingPlan, values v: [Double], outputCount k: Int) -> [Double] {
        let n = plan.batch.playerCount, m = n - 1
        let total = (0..<k).map { v[k + $0] - v[$0] }
        var gram = [Double](repeating: 0, count: m * m)
        var rhs = [Double](repeating: 0, count: m * k)
        var support: [Int] = []
        support.reserveCapacity(m)
        for (offset, w) in plan.weights.enumerated() {
            let row = offset + 2
            let lastPresent = plan.batch.contains(row, m)
            // E_r is σ on `support` and 0 elsewhere: the present players when the last one is
            // absent (σ = +1), the absent players when it is present (σ = −1).
            support.removeAll(keepingCapacity: true)
            for j in 0..<m where plan.batch.contains(row, j) != lastPresent { support.append(j) }
            let sigma = lastPresent ? -w : w
            for (a, i) in support.enumerated() {
                for j in support[a...] { gram[i * m + j] += w }
            }
            for o in 0..<k {
                let y = v[row * k + o] - v[o] - (lastPresent ? total[o] : 0)
                let term = sigma * y
                for j in support { rhs[j * k + o] += term }
            }
        }
        for i in 0..<m { for j in 0..<i { gram[i * m + j] = gram[j * m + i] } }
        let solution = SymmetricSolver.solve(gram, size: m, rhs: rhs, columns: k)

        var phi = [Double](repeating: 0, count: n * k)
        for o in 0..<k {
            var sum = 0.0
            for j in 0..<m {
                phi[j * k + o] = solution[j * k + o]
                sum += solution[j * k + o]
            }
            phi[m * k + o] = total[o] - sum
        }
        return phi
    }
}
