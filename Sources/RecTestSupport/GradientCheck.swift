/// Finite-difference gradient checks for the training objectives (in Double).
public enum GradientCheck {
    /// The largest |analytic − numeric| / max(1, |analytic|, |numeric|) over every element of
    /// `fields`, with numeric = (f(x + h) − f(x − h)) / 2h (central differences).
    public static func maxRelativeError<P>(
        at parameters: P, fields: [WritableKeyPath<P, [Double]>], analytic: P, h: Double = 1e-6, loss: (P) -> Double
    ) -> Double {
        var worst = 0.0
        for field in fields {
            for k in parameters[keyPath: field].indices {
                var plus = parameters, minus = parameters
                plus[keyPath: field][k] += h
                minus[keyPath: field][k] -= h
                let numeric = (loss(plus) - loss(minus)) / (2 * h)
                let exact = analytic[keyPath: field][k]
                worst = max(worst, abs(exact - numeric) / max(1, abs(exact), abs(numeric)))
            }
        }
        return worst
    }

    /// Deterministic pseudo-random values in [−scale, scale] (a tiny LCG; tests only).
    public static func values(_ count: Int, seed: UInt64, scale: Double = 0.5) -> [Double] {
        var state = seed &* 6364136223846793005 &+ 1442695040888963407
        return (0..<count).map { _ in
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return (Double(state >> 11) * 0x1.0p-53 * 2 - 1) * scale
        }
    }
}
