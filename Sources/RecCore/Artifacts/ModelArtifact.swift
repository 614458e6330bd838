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
    /// Name of the explainer whose attributions the user pages show for this model, if any.
    public var explainer: String?

    public init(name: String, displayName: String, summary: String, hyperparameters: [String: String], metrics: RankingMetrics, byActivity: [ActivityMetrics] = [], curves: [TrainingCurve] = [], explainer: String? = nil) {
        self.name = name
        self.displayName = displayName
        self.summary = summary
        self.hyperparameters = hyperparameters
        self.metrics = metrics
        self.byActivity = byActivity
        self.curves = curves
        self.explainer = explainer
    }
}

/// One named per-epoch series (e.g. "train RMSE", "λ_p").
public struct TrainingCurve: Sendable, Codable, Equatable {
    public var name: String
    /// Value after each epoch, epoch 1 first.
    public var values: [Double]
    /// Whether the series is best read on a log scale.
    public var logScale: Bool

    public init(name: String, values: [Double], logScale: Bool = false) {
        self.name = name
        self.values = values
        self.logScale = logScale
    }
}
