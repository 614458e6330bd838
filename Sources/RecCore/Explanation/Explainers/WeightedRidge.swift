/// Weighted ridge regression with an unpenalised intercept (sklearn's `Ridge(alpha=λ)` with
/// `sample_weight`): features and targets are centred by their weighted means, then
/// (XcᵀWXc + λI) β = XcᵀW yc is solved by Cholesky in Double. The factorisation is shared by
/// every target. Shapes: features rows × columns, row-major.
struct WeightedRidge {
    let columns: Int
    let rows: Int
    let weights: [Double]
    /// Weighted feature means (columns) and the centred, weighted design XcᵀW (columns × rows).
    let means: [Double]
    let weightedCentred: [Double]
    /// Cholesky factor (lower, row-major) of XcᵀWXc + λI.
    let factor: [Double]

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
        self.factor = Self.cholesky(gram, n: columns)
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
        return Self.solve(factor, n: columns, rhs)
    }

    /// Lower Cholesky factor of a symmetric positive-definite n × n matrix (row-major).
    static func cholesky(_ a: [Double], n: Int) -> [Double] {
        var l = [Double](repeating: 0, count: n * n)
        for i in 0..<n {
            for j in 0...i {
                var sum = a[i * n + j]
                for k in 0..<j { sum -= l[i * n + k] * l[j * n + k] }
                l[i * n + j] = i == j ? (max(sum, 1e-300)).squareRoot() : sum / l[j * n + j]
            }
        }
        return l
    }

    /// Solves L Lᵀ x = b.
    static func solve(_ l: [Double], n: Int, _ b: [Double]) -> [Double] {
        var y = b
        for i in 0..<n {
            for k in 0..<i { y[i] -= l[i * n + k] * y[k] }
            y[i] /= l[i * n + i]
        }
        for i in stride(from: n - 1, through: 0, by: -1) {
            for k in (i + 1)..<n { y[i] -= l[k * n + i] * y[k] }
            y[i] /= l[i * n + i]
        }
        return y
    }
}
