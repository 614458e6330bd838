/// The trainable parameters of `MatrixFactorization`, in normalised rating units.
///
/// Shapes: `userBias` U, `itemBias` I, `userFactors` U × D and `itemFactors` I × D row-major,
/// `logLambda` = (θ_p, θ_q) with λ = e^θ (used only by adaptive regularisation).
/// The same type holds a gradient (same shapes, zero-initialised).
public struct MFParameters<T: TrainingScalar>: Sendable, Equatable {
    public var factors: Int
    public var userBias: [T]
    public var itemBias: [T]
    public var userFactors: [T]
    public var itemFactors: [T]
    public var logLambda: [T]

    /// All-zero parameters (or gradient) for `users` × `items` with `factors` factors.
    public init(users: Int, items: Int, factors: Int) {
        self.factors = factors
        userBias = [T](repeating: 0, count: users)
        itemBias = [T](repeating: 0, count: items)
        userFactors = [T](repeating: 0, count: users * factors)
        itemFactors = [T](repeating: 0, count: items * factors)
        logLambda = [0, 0]
    }

    /// `body` with read-only buffers over the factors and biases, in the order user factors, item
    /// factors, user biases, item biases (the C kernels' argument order).
    @inlinable public func withBuffers<R>(_ body: (UnsafeBufferPointer<T>, UnsafeBufferPointer<T>, UnsafeBufferPointer<T>, UnsafeBufferPointer<T>) throws -> R) rethrows -> R {
        try userFactors.withUnsafeBufferPointer { pu in
            try itemFactors.withUnsafeBufferPointer { qi in
                try userBias.withUnsafeBufferPointer { bu in
                    try itemBias.withUnsafeBufferPointer { bi in try body(pu, qi, bu, bi) }
                }
            }
        }
    }

    /// `body` with mutable buffers over the factors and biases, in `withBuffers`' order.
    @inlinable public mutating func withMutableBuffers<R>(
        _ body: (UnsafeMutableBufferPointer<T>, UnsafeMutableBufferPointer<T>, UnsafeMutableBufferPointer<T>, UnsafeMutableBufferPointer<T>) throws -> R
    ) rethrows -> R {
        try userFactors.withUnsafeMutableBufferPointer { pu in
            try itemFactors.withUnsafeMutableBufferPointer { qi in
                try userBias.withUnsafeMutableBufferPointer { bu in
                    try itemBias.withUnsafeMutableBufferPointer { bi in try body(pu, qi, bu, bi) }
                }
            }
        }
    }

    /// Normalised prediction bᵤ + bᵢ + pᵤ·qᵢ.
    @inlinable public func prediction(user u: Int, item i: Int) -> T {
        var dot: T = 0
        let a = u * factors, b = i * factors
        for f in 0..<factors { dot += userFactors[a + f] * itemFactors[b + f] }
        return userBias[u] + itemBias[i] + dot
    }
}

/// The regularisation term of the MF minibatch loss, resolved to numbers.
public enum MFPenalty<T: TrainingScalar>: Sendable, Equatable {
    /// No penalty.
    case none
    /// λ·Σ_b (‖p_{u_b}‖² + ‖q_{i_b}‖²) over the minibatch's rows (duplicates counted).
    case fixed(lambda: T)
    /// λ_p·Σ_b ‖p_{u_b}‖² + λ_q·Σ_b ‖q_{i_b}‖² (duplicates counted): the per-occurrence
    /// (activity-weighted) Gaussian prior of the empirical-Bayes PMF with its precisions held fixed
    /// for the epoch, relative to the noise precision (see `MFObjective.adaptiveJoint`).
    case weighted(lambdaP: T, lambdaQ: T)
    /// Seed 002's adaptive regulariser, per factor matrix X ∈ {P, Q} with rows x_b of the batch:
    /// e^θ·(Σ_b ‖x_b‖² + 2β) − m·B·θ, m = α·N·D / N_ranked (`multiplierP`, `multiplierQ`).
    case adaptive(beta: T, multiplierP: T, multiplierQ: T)
}

extension MFParameters: Codable where T: Codable {}
