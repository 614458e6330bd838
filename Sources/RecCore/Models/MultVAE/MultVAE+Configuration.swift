extension MultVAE {
    /// Hyperparameters with documented defaults (Liang et al. 2018 where they apply).
    public struct Configuration: Sendable, Codable, Equatable {
        /// H, the hidden layer of the encoder and of the decoder. Default 600 (the paper).
        public var hiddenSize: Int
        /// L, the latent dimension. Default 200 (the paper).
        public var latentSize: Int
        /// Share of the normalised input dropped while training (kept values scaled by
        /// 1 / (1 − p)). Default 0.5 (the paper).
        public var dropout: Double
        /// Passes over the users with a training history. Default 100.
        public var epochs: Int
        /// Users per minibatch. Default 100.
        public var batchSize: Int
        /// Adam step size. Default 0.001 (the paper).
        public var learningRate: Float
        /// The cap β_max of the KL weight. Default 0.2 (the paper).
        public var klCap: Double
        /// Epochs over which β rises linearly from 0 to `klCap` (then stays there): after t
        /// updates β = min(β_max, t / T) with T = `annealEpochs` · updates per epoch / β_max, Liang
        /// et al.'s schedule (they reach the cap near the end of training). Default 80.
        public var annealEpochs: Double
        /// Seed of initialisation, user order, dropout and ε. Default 42.
        public var seed: UInt64

        public init(hiddenSize: Int = 600, latentSize: Int = 200, dropout: Double = 0.5, epochs: Int = 100, batchSize: Int = 100,
                    learningRate: Float = 0.001, klCap: Double = 0.2, annealEpochs: Double = 80, seed: UInt64 = 42) {
            self.hiddenSize = hiddenSize
            self.latentSize = latentSize
            self.dropout = dropout
            self.epochs = epochs
            self.batchSize = batchSize
            self.learningRate = learningRate
            self.klCap = klCap
            self.annealEpochs = annealEpochs
            self.seed = seed
        }

        /// Updates after which β reaches the cap, for `updatesPerEpoch` updates per epoch (≥ 1).
        public func annealSteps(updatesPerEpoch: Int) -> Double {
            klCap > 0 ? max(1, annealEpochs * Double(updatesPerEpoch) / klCap) : 1
        }

        /// β after `step` updates (0-based: the weight used by update `step + 1`).
        public func klWeight(afterSteps step: Int, updatesPerEpoch: Int) -> Double {
            guard annealEpochs > 0 else { return klCap }
            return min(klCap, Double(step) / annealSteps(updatesPerEpoch: updatesPerEpoch))
        }
    }
}
