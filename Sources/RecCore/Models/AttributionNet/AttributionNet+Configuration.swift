extension AttributionNet {
    /// How a head's confidence g is read from its output F ∈ [−1, 1].
    public enum ConfidenceRule: Sendable, Codable, Equatable, Hashable {
        /// g = |F| (the formulation of the issue and of the paper's L1 rule).
        case absolute
        /// g = F² (the reference code's L2 rule: only near-certain heads claim a sample).
        case square
        /// The reference's MovieLens rule of power n (theirs: n = 4), centred on the prior p₀ = 0.3
        /// of a sample being positive (1 positive per 4 negatives): with f = (F + 1)/2 and
        /// d = |f − p₀|, g = dⁿ / (1 + dⁿ⁻¹) · (1 + (1 − p₀)ⁿ⁻¹) / (1 − p₀)ⁿ, so g = 1 at f = 1 and
        /// 0 at f = p₀, and a head that says "probably not" (f < p₀) stays below 0.044 (n = 4): it
        /// leaves the sample to the larger subsets, while one that says "yes" claims it. A larger
        /// n makes every head claim less.
        case centred(power: Int)

        /// The reference's rule.
        public static let reference = ConfidenceRule.centred(power: 4)

        /// The YAML name: "abs", "square", "centred" (n = 4) or "centred-N".
        public var name: String {
            switch self {
            case .absolute: "abs"
            case .square: "square"
            case .centred(let n): n == 4 ? "centred" : "centred-\(n)"
            }
        }

        /// The rule called `name` (see `name`), nil for anything else.
        public init?(name: String) {
            switch name {
            case "abs": self = .absolute
            case "square": self = .square
            case "centred", "centered": self = .reference
            default:
                let parts = name.split(separator: "-")
                guard parts.count == 2, parts[0] == "centred" || parts[0] == "centered", let n = Int(parts[1]), (2...16).contains(n) else { return nil }
                self = .centred(power: n)
            }
        }

        /// g of an output F ∈ [−1, 1].
        @inlinable public func confidence<T: BinaryFloatingPoint>(_ f: T) -> T {
            switch self {
            case .absolute: return abs(f)
            case .square: return f * f
            case .centred(let n):
                let p0: T = 0.3, q = 1 - p0
                let d = abs((f + 1) / 2 - p0)
                var dn1: T = 1, qn1: T = 1
                for _ in 0..<(n - 1) { dn1 *= d; qn1 *= q }
                return dn1 * d / (1 + dn1) * (1 + qn1) / (qn1 * q)
            }
        }
    }

    /// The confidence of the root subset (every input group) in the mixture.
    public enum RootConfidence: String, Sendable, Codable, Equatable, CaseIterable {
        /// g_root = 1: the root answers for whatever its subsets leave, α_root = Π_t (1 − g_t), the
        /// closing expert of a boosted mixture. Without it, when no head is confident the
        /// normalised mixture averages near-zero weights and a weak "maybe" of a subset decides.
        case full
        /// g_root from its head like every other subset (the reference code).
        case head
    }

    /// Which heads' losses train the user and item identity embeddings.
    public enum EmbeddingTraining: String, Sendable, Codable, Equatable, CaseIterable {
        /// The root's loss alone: the smaller subsets read the embeddings as they read their
        /// children's hidden units, with the gradient stopped. Their heads are weaker predictors
        /// with larger errors, so with `all` their losses bend the shared embeddings towards what
        /// a restricted network can use (e.g. {content, item}: item popularity) and the root ranks
        /// the full catalogue worse (on ML-100k, 20 epochs: HR@10 0.0859 → 0.0912, NDCG@10
        /// 0.0383 → 0.0446, see the README).
        case root
        /// Every head that reads an embedding (the reference code).
        case all
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
        /// Passes over the training interactions (each with fresh negatives). Default 20 (the
        /// paper's).
        public var epochs: Int
        /// Sampled negatives per observed interaction. Default 4 (the paper).
        public var negatives: Int
        /// Samples (positives and negatives) per minibatch. Default 256 (the paper).
        public var batchSize: Int
        /// Adam step size. Default 0.001 (the paper).
        public var learningRate: Float
        /// Standard deviation of the initial embeddings (Keras' `random_normal` is 0.05). Default 0.05.
        public var initScale: Double
        /// g from F: `abs`, `square` or `centred(power:)`. Default `centred(power: 8)`: the
        /// reference's MovieLens rule, sharper (its n = 4 spreads the shares more but ranks ~5 %
        /// worse by NDCG@10 on ML-100k, see the README).
        public var confidence: ConfidenceRule
        /// Mask normalisation of the M-step. Default `head` (the reference's MovieLens loss).
        public var normalisation: MaskNormalisation
        /// The root's confidence in the mixture (not in training: the E-step masks never read it).
        /// Default `full`.
        public var rootConfidence: RootConfidence
        /// Which heads train the identity embeddings. Default `root` (`all`: the reference code).
        public var embeddingTraining: EmbeddingTraining
        /// Seed of initialisation, negatives and sample order. Default 42.
        public var seed: UInt64

        public init(embeddingSize: Int = 32, hiddenSizes: [Int] = [64, 32, 16, 8], widthMultiplier: Int = 1, epochs: Int = 20,
                    negatives: Int = 4, batchSize: Int = 256, learningRate: Float = 0.001, initScale: Double = 0.05,
                    confidence: ConfidenceRule = .centred(power: 8), normalisation: MaskNormalisation = .head, rootConfidence: RootConfidence = .full,
                    embeddingTraining: EmbeddingTraining = .root, seed: UInt64 = 42) {
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
            self.rootConfidence = rootConfidence
            self.embeddingTraining = embeddingTraining
            self.seed = seed
        }

        /// The baseline's defaults: the same, 4× wider.
        public static var baseline: Configuration { Configuration(widthMultiplier: 4) }

        /// The hidden widths actually used (each × `widthMultiplier`, at least 1).
        public var widths: [Int] { hiddenSizes.map { max(1, $0 * widthMultiplier) } }
    }
}
