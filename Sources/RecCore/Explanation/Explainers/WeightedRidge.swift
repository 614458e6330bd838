/// Weighted ridge regression with an unpenalised intercept (sklearn's `Ridge(alpha=λ)` with
/// `sample_weight`): features and targets are centred by their weighted means, then
/// (XcᵀWXc + λI) β = XcᵀW yc is solved by Cholesky in Double. The factorisation is shared by
/// every target (`CholeskyFactor`). Shapes: features rows × columns, row-major.
struct WeightedRidge {
    let columns: Int
    let rows: Int
    let weights: [Double]
    /// Weighted feature means (columns) and the centred, weighted design XcᵀW (columns × rows).
    let means: [Double]
    let weightedCentred: [Double]
    /// Cholesky factor of XcᵀWXc + λI (with λ = 0 and a singular design, a 10⁻¹² relative jitter).
    let factor: CholeskyFactor

    init(features: [Double], rows: Int, columns: Int, weights: [Double], ridge: Double) {
        self.rows = rows
        self.columns = columns
        self.weights = weights
        let total = weights.reduce(0, +)
        var means = [Double](repeating: 0, count: columns)
        for r in 0..<rows { for c in 0..<columns { means[c] += weights[r] * features[r * columns + c] } }
        for c in 0..<columns { means[c] /= max(total, .leastNonzeroMagnitude) }
        var wx = [Double](repeating: 0, count: columns * rows)
        for r in 0..<rows { for c in 0..<columns { wx[c * rows + r] = weights[r] * (features[r * columns + c] - means[c]) } }
        var gram = [Double](repeating: 0, count: columns * columns)
        for a in 0..<columns {
            for b in 0...a {
                var sum = 0.0
                for r in 0..<rows { sum += wx[a * rows + r] * (features[r * columns + b] - means[b]) }
                gram[a * columns + b] = sum
                gram[b * columns + a] = sum
            }
            gram[a * columns + a] += ridge
        }
        self.means = means
        self.weightedCentred = wx
        if let factor = CholeskyFactor(gram, size: columns) {
            self.factor = factor
        } else {
            let jitter = 1e-12 * (1 + (0..<columns).map { gram[$0 * columns + $0] }.max()!)
            for a in 0..<columns { gram[a * columns + a] += jitter }
            self.factor = CholeskyFactor(gram, size: columns)!
        }
    }

    /// β for one target vector y (rows values).
    func coefficients(for y: [Double]) -> [Double] {
        let total = weights.reduce(0, +)
        var mean = 0.0
        for r in 0..<rows { mean += weights[r] * y[r] }
        mean /= max(total, .leastNonzeroMagnitude)
        var rhs = [Double](repeating: 0, count: columns)
        for c in 0..<columns {
            var sum = 0.0
            for r in 0..<rows { sum += weightedCentred[c * rows + r] * (y[r] - mean) }
            rhs[c] = sum
        }
        return factor.solved(rhs)
    }
}
