/// GRU4Rec (Hidasi et al. 2016): a session-style recurrent recommender. A GRU reads the user's
/// last L training events, oldest first, each as x = [item embedding (E) | event features (F)]
/// (`featureGroups`: z-scored rating, z-scored log time gap, genre multi-hot); the last hidden
/// state h gives the query q = W_out h + b_out (or q = h), and score(item) = q · embedding(item)
/// with the same (tied) item embeddings as the input.
///
/// Trained with truncated BPTT over windows of L events, a loss at every position (sampled
/// softmax or BPR-max), Adam and early stopping on a validation hit rate (`GRUTrainer`); or
/// imported from a PyTorch state dict (`init(archive:dataset:train:maxLength:)`). The queries of
/// all users are computed once, so scoring a user is one `cblas_sgemv`. Deterministic for a seed.
public struct GRU4Rec: Recommender, TrainingCurveReporting, ItemEmbeddingModel {
    public let name: String
    public let displayName: String
    public let summary: String
    public let hyperparameters: [String: String]
    /// The recurrent layer (PyTorch layout).
    public let weights: GRUWeights
    /// itemCount × E item embeddings in dataset item order (zero rows for items an imported file lacks).
    public let itemEmbeddings: Matrix
    /// W_out (E × H) and b_out (E), or nil when q = h.
    public var outputLayer: (weight: Matrix, bias: [Float])? { outWeight.map { ($0, outBias) } }
    /// "item" (0 ..< E), then "rating", "time gap", "genres" as enabled.
    public let featureGroups: [EventFeatureGroup]
    /// L, the most recent training events the model reads.
    public let maxLength: Int
    /// "training loss" and "validation HR@10" per epoch run (empty for an imported model).
    public let curves: [TrainingCurve]
    /// The training configuration (nil for an imported model).
    public let configuration: Configuration?
    /// The 1-based epoch whose weights were kept (nil for an imported model).
    public let selectedEpoch: Int?
    /// Rows of an imported file whose raw id is not in the dataset (0 when trained here).
    public let ignoredItems: Int
    /// Whether each item can be recommended (false for items an imported file lacks).
    public let recommendable: [Bool]
    /// What replaces an absent event in `historyScorer(forUser:)` (and what a fractional mask
    /// interpolates towards); the pipeline sets it to the build's TimeSHAP baseline. Default `.zero`.
    public var historyBaseline: EventBaseline = .zero

    let outWeight: Matrix?
    let outBias: [Float]
    let encoder: GRUEventEncoder
    let train: InteractionMatrix
    /// Embedding of the `.zero` baseline: zeros, or an imported padding row.
    let zeroEmbedding: [Float]
    /// U × E query of every user (zero rows for users without history).
    let userQueries: Matrix

    public var itemCount: Int { itemEmbeddings.rows }
    public var itemVectors: Matrix { itemEmbeddings }
    /// E.
    public var embeddingSize: Int { itemEmbeddings.columns }
    /// D = E + F.
    public var inputSize: Int { weights.inputSize }

    init(name: String, displayName: String, summary: String, hyperparameters: [String: String], weights: GRUWeights,
         itemEmbeddings: Matrix, outWeight: Matrix?, outBias: [Float], encoder: GRUEventEncoder, train: InteractionMatrix,
         maxLength: Int, curves: [TrainingCurve], configuration: Configuration?, selectedEpoch: Int?, ignoredItems: Int,
         recommendable: [Bool], zeroEmbedding: [Float]) {
        precondition(weights.inputSize == itemEmbeddings.columns + encoder.featureSize, "GRU4Rec: D must be E + F")
        precondition(outWeight != nil || itemEmbeddings.columns == weights.hiddenSize, "GRU4Rec: q = h needs E == H")
        self.name = name
        self.displayName = displayName
        self.summary = summary
        self.hyperparameters = hyperparameters
        self.weights = weights
        self.itemEmbeddings = itemEmbeddings
        self.outWeight = outWeight
        self.outBias = outBias
        self.encoder = encoder
        self.train = train
        self.maxLength = maxLength
        self.featureGroups = encoder.groups
        self.curves = curves
        self.configuration = configuration
        self.selectedEpoch = selectedEpoch
        self.ignoredItems = ignoredItems
        self.recommendable = recommendable
        self.zeroEmbedding = zeroEmbedding
        userQueries = Self.allUserQueries(train: train, maxLength: maxLength, weights: weights, embeddings: itemEmbeddings,
                                          outWeight: outWeight, outBias: outBias, encoder: encoder)
    }

    /// q · embedding(i) of every item for the user's last ≤ L training events (one
    /// `cblas_sgemv`, O(I · E)); `-infinity` for items that cannot be recommended, and for every
    /// item when the user has no training events.
    public func scores(forUser user: Int, into scores: inout [Float]) {
        guard user >= 0, user < train.userCount, train.rowCount(ofUser: user) > 0 else {
            for i in scores.indices { scores[i] = -.infinity }
            return
        }
        userQueries.rowTimesTransposed(user, itemEmbeddings, into: &scores)
        for i in 0..<itemCount where !recommendable[i] { scores[i] = -.infinity }
    }
}

extension GRU4Rec {
    public var scoreUnit: ScoreUnit {
        ScoreUnit(short: "logit", meaning: "the dot product of the session state after the user's last events and the item's output embedding, a logit of the next-item softmax (only differences between items matter).")
    }
}
