extension AttributionNet {
    /// How a head's confidence g is read from its output F ∈ [−1, 1].
    public enum ConfidenceRule: String, Sendable, Codable, Equatable, CaseIterable {
        /// g = |F| (the formulation of the issue and of the paper's L1 rule).
        case absolute = "abs"
        /// g = F² (the reference code's L2 rule: only near-certain heads claim a sample).
        case square

        /// g of an output F.
        @inlinable func confidence<T: BinaryFloatingPoint>(_ f: T) -> T {
            switch self {
            case .absolute: abs(f)
            case .square: f * f
            }
        }
    }

    /// Hyperparameters with documented defaults (Afchar & Hennequin 2020 where they apply, scaled
    /// down for a CPU build: the paper uses F = 64 embeddings and layers 2F, F, F/2, F/4 on ML-1M).
    public struct Configuration: Sendable, Codable, Equatable {
        /// E, the size of the user and item identity embeddings. Default 32.
        public var embeddingSize: Int
        /// Widths of the hidden ReLU layers of every sub-network, first to last. Default
        /// [64, 32, 16, 8] (2E, E, E/2, E/4 as the paper's NeuMF-MLP tower).
        public var hiddenSizes: [Int]
        /// Multiplies every hidden width (the plain-MLP baseline uses 4, the paper's "4× wider"
        /// comparison). Default 1.
        public var widthMultiplier: Int
        /// Passes over the training interactions (each with fresh negatives). Default 10.
        public var epochs: Int
        /// Sampled negatives per observed interaction. Default 4 (the paper).
        public var negatives: Int
        /// Samples (positives and negatives) per minibatch. Default 256 (the paper).
        public var batchSize: Int
        /// Adam step size. Default 0.001 (the paper).
        public var learningRate: Float
        /// Standard deviation of the initial embeddings (Keras' `random_normal` is 0.05). Default 0.05.
        public var initScale: Double
        /// g = |F| or F². Default `abs`.
        public var confidence: ConfidenceRule
        /// Seed of initialisation, negatives and sample order. Default 42.
        public var seed: UInt64

        public init(embeddingSize: Int = 32, hiddenSizes: [Int] = [64, 32, 16, 8], widthMultiplier: Int = 1, epochs: Int = 10,
                    negatives: Int = 4, batchSize: Int = 256, learningRate: Float = 0.001, initScale: Double = 0.05,
                    confidence: ConfidenceRule = .absolute, seed: UInt64 = 42) {
            self.embeddingSize = embeddingSize
            self.hiddenSizes = hiddenSizes
            self.widthMultiplier = widthMultiplier
            self.epochs = epochs
            self.negatives = negatives
            self.batchSize = batchSize
            self.learningRate = learningRate
            self.initScale = initScale
            self.confidence = confidence
            self.seed = seed
        }

        /// The baseline's defaults: the same, 4× wider.
        public static var baseline: Configuration { Configuration(widthMultiplier: 4) }

        /// The hidden widths actually used (each × `widthMultiplier`, at least 1).
        public var widths: [Int] { hiddenSizes.map { max(1, $0 * widthMultiplier) } }
    }
}
