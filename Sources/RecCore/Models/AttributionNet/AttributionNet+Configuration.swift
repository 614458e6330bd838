extension AttributionNet {
    /// How a head's confidence g is read from its output F ∈ [−1, 1].
    public enum ConfidenceRule: String, Sendable, Codable, Equatable, CaseIterable {
        /// g = |F| (the formulation of the issue and of the paper's L1 rule).
        case absolute = "abs"
        /// g = F² (the reference code's L2 rule: only near-certain heads claim a sample).
        case square
        /// The reference's MovieLens rule, centred on the prior p₀ = 0.3 of a sample being
        /// positive (1 positive per 4 negatives ≈ 0.2–0.3): with f = (F + 1)/2 and d = |f − p₀|,
        /// g = d⁴ / (1 + d³) · (1 + (1 − p₀)³) / (1 − p₀)⁴, so g = 1 at f = 1, 0 at f = p₀, and at
        /// most 0.044 for f < p₀: a head that says "probably not" leaves the sample to the larger
        /// subsets, one that says "yes" claims it.
        case centred

        /// g of an output F.
        @inlinable func confidence<T: BinaryFloatingPoint>(_ f: T) -> T {
            switch self {
            case .absolute: return abs(f)
            case .square: return f * f
            case .centred:
                let p0: T = 0.3, q = 1 - p0
                let d = abs((f + 1) / 2 - p0)
                return d * d * d * d / (1 + d * d * d) * (1 + q * q * q) / (q * q * q * q)
            }
        }
    }

    /// How the E-step masks are normalised before the M-step.
    public enum MaskNormalisation: String, Sendable, Codable, Equatable, CaseIterable {
        /// Each head's masks sum to 1 over the minibatch (the reference's MovieLens loss,
        /// `run_movielens.py`): every head gets a full-strength loss, focused on the samples its
        /// strict subsets are unsure of.
        case head
        /// Each sample's masks sum to 1 over the heads (the reference's generic
        /// `multilayered_nn.py`): heads share each sample's weight.
        case sample
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
        /// g from F: `abs`, `square` or `centred`. Default `centred` (the reference's MovieLens rule).
        public var confidence: ConfidenceRule
        /// Mask normalisation of the M-step. Default `head` (the reference's MovieLens loss).
        public var normalisation: MaskNormalisation
        /// Seed of initialisation, negatives and sample order. Default 42.
        public var seed: UInt64

        public init(embeddingSize: Int = 32, hiddenSizes: [Int] = [64, 32, 16, 8], widthMultiplier: Int = 1, epochs: Int = 10,
                    negatives: Int = 4, batchSize: Int = 256, learningRate: Float = 0.001, initScale: Double = 0.05,
                    confidence: ConfidenceRule = .centred, normalisation: MaskNormalisation = .head, seed: UInt64 = 42) {
            self.embeddingSize = embeddingSize
            self.hiddenSizes = hiddenSizes
            self.widthMultiplier = widthMultiplier
            self.epochs = epochs
            self.negatives = negatives
            self.batchSize = batchSize
            self.learningRate = learningRate
            self.initScale = initScale
            self.confidence = confidence
            self.normalisation = normalisation
            self.seed = seed
        }

        /// The baseline's defaults: the same, 4× wider.
        public static var baseline: Configuration { Configuration(widthMultiplier: 4) }

        /// The hidden widths actually used (each × `widthMultiplier`, at least 1).
        public var widths: [Int] { hiddenSizes.map { max(1, $0 * widthMultiplier) } }
    }
}
