/// User and item factors with biases, the parameters of BPR-MF and logistic MF.
///
/// Shapes: `userFactors` U × D and `itemFactors` I × D row-major, `userBias` U, `itemBias` I.
/// The same type holds a gradient (same shapes, zero-initialised).
public struct FactorParameters<T: TrainingScalar>: Sendable, Equatable {
    public var factors: Int
    public var userFactors: [T]
    public var itemFactors: [T]
    public var userBias: [T]
    public var itemBias: [T]

    /// All-zero parameters (or gradient).
    public init(users: Int, items: Int, factors: Int) {
        self.factors = factors
        userFactors = [T](repeating: 0, count: users * factors)
        itemFactors = [T](repeating: 0, count: items * factors)
        userBias = [T](repeating: 0, count: users)
        itemBias = [T](repeating: 0, count: items)
    }

    /// xᵤ·yᵢ (no biases). O(D).
    @inlinable public func dot(user u: Int, item i: Int) -> T {
        var sum: T = 0
        let a = u * factors, b = i * factors
        for f in 0..<factors { sum += userFactors[a + f] * itemFactors[b + f] }
        return sum
    }
}

extension FactorParameters where T == Float {
    /// Factors drawn from N(0, scale²), biases 0.
    init(users: Int, items: Int, factors: Int, scale: Float, rng: inout SplitMix64) {
        self.init(users: users, items: items, factors: factors)
        for k in userFactors.indices { userFactors[k] = Float(rng.nextGaussian()) * scale }
        for k in itemFactors.indices { itemFactors[k] = Float(rng.nextGaussian()) * scale }
    }
}

extension FactorParameters: Codable where T: Codable {}
