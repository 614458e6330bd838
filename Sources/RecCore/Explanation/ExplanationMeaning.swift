/// What an explanation's values mean: read by pages and charts instead of explainer names.
public struct ExplanationMeaning: Sendable, Codable, Equatable {
    /// The family of the values.
    public enum Kind: String, Sendable, Codable, Equatable, CaseIterable {
        /// An exact split of the score into one term per player (ItemKNN, ALS).
        case exactDecomposition = "exact decomposition"
        /// Shapley values against a stated baseline.
        case shapley = "Shapley values"
        /// Weights of a local surrogate model (LIME).
        case surrogate = "surrogate weights"
        /// Gradient × input.
        case gradient = "gradient × input"
        /// Integrated gradients (path integral from the empty history).
        case integratedGradients = "integrated gradients"
        /// A similarity of each history item to the recommended item (not model-based).
        case similarity = "similarity"
        /// A mask learned by an explainer network.
        case learnedMask = "learned mask"
        /// A seeded random ranking (the floor).
        case random = "random"
        /// The model's own decomposition of its prediction.
        case intrinsic = "intrinsic"
    }

    public var kind: Kind
    /// One sentence shown beside the explainer's charts.
    public var summary: String
    /// Whether each target's values add up to `output − baseline` (efficiency / completeness).
    public var additive: Bool
    /// Name of one value in the explainer's units, for chart legends ("Shapley value").
    public var valueName: String
    /// Whether values are in score units (false: unitless weights, similarities, ranks).
    public var scoreUnits: Bool

    public init(kind: Kind, summary: String, additive: Bool, valueName: String, scoreUnits: Bool) {
        self.kind = kind
        self.summary = summary
        self.additive = additive
        self.valueName = valueName
        self.scoreUnits = scoreUnits
    }
}

/// One explainer's explanation of one user's recommendations under one model.
public struct Explanation: Sendable, Codable, Equatable {
    /// Event-level attributions (players = history events, or groups of them).
    public var attribution: Attribution
    /// Feature/cell levels, pruning and deletion check of a sequential explanation.
    public var sequence: SequenceExplanation?
    /// Model evaluations (scored histories) the explanation cost: a deterministic cost measure.
    public var evaluations: Int

    public init(attribution: Attribution, sequence: SequenceExplanation? = nil, evaluations: Int) {
        self.attribution = attribution
        self.sequence = sequence
        self.evaluations = evaluations
    }

    /// The explainer's name.
    public var explainer: String { attribution.explainer }
}
