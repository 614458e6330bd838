/// Hyperparameters of the LXR explainer network and its training, with documented defaults.
///
/// The defaults are the reference's combined-loss configuration for the VAE on ML-1M
/// (DeltaLabTLV/LXR, "LXR configurations.txt": λ_pos 3.19, λ_neg 1.42, α 1, learning rate
/// 0.005, hidden size 128, batch 128) with its schedule (40 epochs, learning rate × 0.1 every 15).
public struct LXRConfiguration: Sendable, Codable, Equatable {
    /// h, the width of both embeddings and of the hidden layer. Default 128.
    public var hiddenSize: Int
    /// λ_pos, the weight of −log p(y | x ⊙ m): the kept items alone should recommend y. Default 3.19.
    public var lambdaPositive: Double
    /// λ_neg, the weight of log p(y | x ⊙ (1 − m)): the dropped items alone should not. Default 1.42.
    public var lambdaNegative: Double
    /// α, the weight of the mean mask over the history (sparsity). Default 1.
    public var alpha: Double
    /// Adam step size at the start. Default 0.005.
    public var learningRate: Float
    /// Passes over the training users. Default 40.
    public var epochs: Int
    /// Users per minibatch. Default 128.
    public var batchSize: Int
    /// The learning rate is multiplied by `decayFactor` every `decayEvery` epochs. Defaults 15 and 0.1.
    public var decayEvery: Int
    public var decayFactor: Double
    /// Seed of the initialisation and of the user order. Default 42.
    public var seed: UInt64

    public init(hiddenSize: Int = 128, lambdaPositive: Double = 3.19, lambdaNegative: Double = 1.42, alpha: Double = 1, learningRate: Float = 0.005,
                epochs: Int = 40, batchSize: Int = 128, decayEvery: Int = 15, decayFactor: Double = 0.1, seed: UInt64 = 42) {
        self.hiddenSize = hiddenSize
        self.lambdaPositive = lambdaPositive
        self.lambdaNegative = lambdaNegative
        self.alpha = alpha
        self.learningRate = learningRate
        self.epochs = epochs
        self.batchSize = batchSize
        self.decayEvery = decayEvery
        self.decayFactor = decayFactor
        self.seed = seed
    }

    /// The learning rate of 0-based `epoch`: η · decayFactor^⌊epoch / decayEvery⌋.
    public func learningRate(epoch: Int) -> Float {
        guard decayEvery > 0 else { return learningRate }
        var rate = Double(learningRate)
        for _ in 0..<(epoch / decayEvery) { rate *= decayFactor }
        return Float(rate)
    }
}
