/// `models/<name>.json`: one trained model's description and evaluation.
public struct ModelArtifact: Sendable, Codable, Equatable {
    public var name: String
    public var displayName: String
    public var summary: String
    public var hyperparameters: [String: String]
    public var metrics: RankingMetrics
    /// The metrics per group of users by training-history length.
    public var byActivity: [ActivityMetrics]
    /// Per-epoch curves (empty for models without iterative training).
    public var curves: [TrainingCurve]
    /// The explainers whose explanations the user pages show for this model, in page order.
    public var explainers: [ExplainerInfo]
    /// How the model scores a modified history (native, fold-in, constant), nil when it cannot.
    public var historyScoring: HistoryScoringInfo?
    /// For fold-in models: how closely the full-history fold-in tracks the trained model.
    public var foldInAgreement: FoldInAgreement?
    /// Root-mean-square error of predicted ratings on every held-out test interaction, for
    /// models of explicit ratings.
    public var rmse: Double?
    /// Another model whose training curves the page shows beside this one's (PMF ↔ MF).
    public var comparedWith: String?
    /// File name the model was imported from (`--import`), nil for trained models.
    public var importedFrom: String?
    /// HR/NDCG among sampled negatives (literature protocol), beside the full-ranking metrics.
    public var sampled: SampledMetrics?
    /// Global view of a sequential model's explanations (position profile, features, deletion).
    public var sequenceSummary: SequenceExplanationSummary?
    /// Per leaderboard metric (`LeaderboardMetric.key`): the 95 % bootstrap interval and the
    /// paired test against the metric's best model. nil in artifacts written before it.
    public var uncertainty: [String: MetricUncertainty]?
    /// What the model's scores are (nil in artifacts written before it).
    public var scoreUnit: ScoreUnit?
    /// Global view of an intrinsically attributing model's decompositions (the attribution network).
    public var intrinsicSummary: IntrinsicAttributionSummary?

    public init(name: String, displayName: String, summary: String, hyperparameters: [String: String], metrics: RankingMetrics, byActivity: [ActivityMetrics] = [], curves: [TrainingCurve] = [], explainers: [ExplainerInfo] = [],
                historyScoring: HistoryScoringInfo? = nil, foldInAgreement: FoldInAgreement? = nil, rmse: Double? = nil, comparedWith: String? = nil, importedFrom: String? = nil,
                sampled: SampledMetrics? = nil, sequenceSummary: SequenceExplanationSummary? = nil, uncertainty: [String: MetricUncertainty]? = nil, scoreUnit: ScoreUnit? = nil) {
        self.name = name
        self.displayName = displayName
        self.summary = summary
        self.hyperparameters = hyperparameters
        self.metrics = metrics
        self.byActivity = byActivity
        self.curves = curves
        self.explainers = explainers
        self.historyScoring = historyScoring
        self.foldInAgreement = foldInAgreement
        self.rmse = rmse
        self.comparedWith = comparedWith
        self.importedFrom = importedFrom
        self.sampled = sampled
        self.sequenceSummary = sequenceSummary
        self.uncertainty = uncertainty
        self.scoreUnit = scoreUnit
    }
}

/// One named per-epoch series (e.g. "train RMSE", "λ_p").
public struct TrainingCurve: Sendable, Codable, Equatable {
    public var name: String
    /// Value after each epoch, epoch 1 first.
    public var values: [Double]
    /// Whether the series is best read on a log scale.
    public var logScale: Bool
    /// The epoch whose parameters the model kept (early stopping), 1-based; nil when it kept
    /// the last one (or in artifacts written before it).
    public var keptEpoch: Int?

    public init(name: String, values: [Double], logScale: Bool = false, keptEpoch: Int? = nil) {
        self.name = name
        self.values = values
        self.logScale = logScale
        self.keptEpoch = keptEpoch
    }

    /// The same curve with `keptEpoch` set.
    public func kept(_ epoch: Int?) -> TrainingCurve {
        var copy = self
        copy.keptEpoch = epoch
        return copy
    }
}

/// An explainer as a model page lists it.
public struct ExplainerInfo: Sendable, Codable, Equatable {
    public var name: String
    public var meaning: ExplanationMeaning
    public init(name: String, meaning: ExplanationMeaning) {
        self.name = name
        self.meaning = meaning
    }
}

/// How a model scores a modified history.
public struct HistoryScoringInfo: Sendable, Codable, Equatable {
    public var kind: HistoryScoring
    public var summary: String
    public init(kind: HistoryScoring, summary: String) {
        self.kind = kind
        self.summary = summary
    }
}
