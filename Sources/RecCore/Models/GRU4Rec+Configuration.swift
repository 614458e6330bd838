extension GRU4Rec {
    /// The training loss of each position (see `GRUObjective.lossAndGradient`).
    public enum Loss: String, Sendable, Codable, Equatable, CaseIterable {
        /// Cross-entropy of the target among the target and the sampled negatives.
        case sampledSoftmax = "sampled-softmax"
        /// BPR-max (Hidasi & Karatzoglou 2018): −log Σⱼ sⱼ σ(r_target − rⱼ) + λ Σⱼ sⱼ rⱼ², s = softmax over the negatives, λ = 1.
        case bprMax = "bpr-max"
    }

    /// Hyperparameters with documented defaults.
    public struct Configuration: Sendable, Codable, Equatable {
        /// E, the item embedding size (tied input and output embeddings). Default 64.
        public var embeddingSize: Int
        /// H, the GRU hidden size. Default 64.
        public var hiddenSize: Int
        /// L, the most recent events the model reads, and the BPTT window length. Default 20.
        public var maxLength: Int
        /// Windows per minibatch. Default 256.
        public var batchSize: Int
        /// K negatives drawn uniformly from all items per minibatch, shared by its positions. Default 256.
        public var negatives: Int
        /// Adam step size. Default 0.01.
        public var learningRate: Float
        /// Most epochs (training stops earlier on the validation hit rate). Default 20.
        public var epochs: Int
        /// Epochs without a better validation HR@10 before stopping. Default 2.
        public var patience: Int
        /// Share of the users with ≥ 3 training events whose last one is held out for early
        /// stopping (0 = no validation: all epochs run, the last is kept). Default 0.1.
        public var validationUsers: Double
        /// Loss per position. Default `.sampledSoftmax`.
        public var loss: Loss
        /// Feed each event's z-scored rating. Default true.
        public var useRating: Bool
        /// Feed each event's z-scored log time gap to the previous event. Default true.
        public var useTimeGap: Bool
        /// Feed each event's item genres (multi-hot; ignored when the dataset has none). Default true.
        public var useGenres: Bool
        /// q = W_out h + b_out (else q = h, which needs E == H). Default true.
        public var outputLayer: Bool
        /// Seed of initialisation, validation users, window order and negatives. Default 42.
        public var seed: UInt64
        /// Model name in files and configs. Default "gru4rec".
        public var name: String

        public init(
            embeddingSize: Int = 64, hiddenSize: Int = 64, maxLength: Int = 20, batchSize: Int = 256, negatives: Int = 256,
            learningRate: Float = 0.01, epochs: Int = 20, patience: Int = 2, validationUsers: Double = 0.1,
            loss: Loss = .sampledSoftmax, useRating: Bool = true, useTimeGap: Bool = true, useGenres: Bool = true,
            outputLayer: Bool = true, seed: UInt64 = 42, name: String = "gru4rec"
        ) {
            self.embeddingSize = embeddingSize
            self.hiddenSize = hiddenSize
            self.maxLength = maxLength
            self.batchSize = batchSize
            self.negatives = negatives
            self.learningRate = learningRate
            self.epochs = epochs
            self.patience = patience
            self.validationUsers = validationUsers
            self.loss = loss
            self.useRating = useRating
            self.useTimeGap = useTimeGap
            self.useGenres = useGenres
            self.outputLayer = outputLayer
            self.seed = seed
            self.name = name
        }
    }
}
