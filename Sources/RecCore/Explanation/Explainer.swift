/// Explains why a model recommends items to a user: attributions of the targets' scores to
/// players (history events, feature groups, …), as one ``Explanation`` value.
///
/// Explainers are plain values registered in ``ExplainerRegistry``; the pipeline asks each
/// whether it applies to a model and pages read what the values mean from
/// ``Attribution/meaning``, never from an explainer's or a model's name.
public protocol Explainer: Sendable {
    /// Stable lower-case name used on the command line, in YAML and in artifacts ("shap").
    var name: String { get }
    /// What the values mean.
    var meaning: ExplanationMeaning { get }
    /// Whether the explainer can explain `model`; `reason(notApplyingTo:)` says why not.
    func applies(to model: any Recommender) -> Bool
    /// Why the explainer does not apply to `model` (for error messages), nil when it applies.
    func reason(notApplyingTo model: any Recommender) -> String?
    /// Attributions of `request.targets`' scores; nil when there is nothing to explain (an
    /// empty history, no target).
    func explain(_ request: ExplanationRequest) -> Explanation?
}

extension Explainer {
    public func applies(to model: any Recommender) -> Bool { reason(notApplyingTo: model) == nil }
}

/// Everything an explainer may read about the data (shared by every request of a build).
public struct ExplanationContext: Sendable {
    /// The training histories.
    public let train: InteractionMatrix
    /// Raw item ids and display titles, by dense index.
    public let itemIDs: [String]
    public let titles: [String]
    /// Seed of every random choice (each explainer derives its own stream per user).
    public let seed: UInt64
    /// Item-item co-occurrence of the training matrix (cosine and Jaccard baselines).
    public let cooccurrence: ItemCooccurrence

    public init(train: InteractionMatrix, itemIDs: [String], titles: [String], seed: UInt64) {
        self.train = train
        self.itemIDs = itemIDs
        self.titles = titles
        self.seed = seed
        self.cooccurrence = ItemCooccurrence(train: train)
    }
}

/// One explanation to compute: a model, a user, the items to explain.
public struct ExplanationRequest: Sendable {
    public let model: any Recommender
    public let user: Int
    /// Dense item indices of the explained items (columns), e.g. the top-K in rank order.
    public let targets: [Int]
    /// The model's history scorer for this user (shared by every explainer of the request);
    /// nil when the model is not history-conditioned.
    public let scorer: (any HistoryScorer)?
    public let context: ExplanationContext
    /// The targets' full- and empty-history scores, computed once for all explainers of the request.
    private let endpoints: Lazy<TargetEndpoints>?

    public init(model: any Recommender, user: Int, targets: [Int], scorer: (any HistoryScorer)?, context: ExplanationContext) {
        self.model = model
        self.user = user
        self.targets = targets
        self.scorer = scorer
        self.context = context
        endpoints = scorer.map { scorer in Lazy { TargetEndpoints(scorer.fullAndEmpty(targets: targets)) } }
    }

    /// Each target's score with the full history and with the empty one (nil without a scorer);
    /// two evaluations, shared by every explainer of this request.
    public var fullAndEmpty: (full: [Float], empty: [Float])? {
        endpoints.map { ($0.value.full, $0.value.empty) }
    }

    /// A request with the model's own scorer (when it has one).
    public init(model: any Recommender, user: Int, targets: [Int], context: ExplanationContext) {
        let scorer = (model as? any HistoryConditionedRecommender)?.historyScorer(forUser: user)
        self.init(model: model, user: user, targets: targets, scorer: scorer, context: context)
    }

    /// A copy explaining other targets with the same scorer.
    public func with(targets: [Int]) -> ExplanationRequest {
        ExplanationRequest(model: model, user: user, targets: targets, scorer: scorer, context: context)
    }
}

/// A request's targets' scores at the two ends of the history.
struct TargetEndpoints: Sendable {
    let full: [Float]
    let empty: [Float]
    init(_ pair: (full: [Float], empty: [Float])) {
        full = pair.full
        empty = pair.empty
    }
}
