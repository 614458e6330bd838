/// One history event a model conditions on: the players of every history explainer.
public struct ScoredHistoryEvent: Sendable, Equatable {
    /// Dense item index.
    public var item: Int
    /// Position in the user's training history, −1 = most recent training event.
    public var position: Int
    /// The event's rating (1 for implicit data).
    public var rating: Float

    public init(item: Int, position: Int, rating: Float) {
        self.item = item
        self.position = position
        self.rating = rating
    }
}

/// A model's scores for one user as a function of which of the user's history events are
/// present: the capability every perturbation explainer and every fidelity metric needs.
///
/// A mask holds one weight per event of `events` (1 = present, 0 = absent). Binary masks are
/// what removal means; fractional weights (0…1) are what gradient explainers, integrated
/// gradients and learned masks use — each model documents how it reads them (a weight on the
/// event's term in a fold-in, an interpolation between the event and the baseline event, …).
/// Implementations are deterministic: same mask ⇒ bit-identical scores.
public protocol HistoryScorer: Sendable {
    /// The events the model conditions on, oldest first.
    var events: [ScoredHistoryEvent] { get }
    /// Number of items scored.
    var itemCount: Int { get }
    /// Scores of every item (count `itemCount`) given `mask` (count `events.count`); `-infinity`
    /// marks items the model never recommends.
    func scores(mask: [Float], into scores: inout [Float])
    /// Scores of `targets` under each of `count` masks (`masks[c * events.count + e]`), as
    /// `result[c * targets.count + t]`. Models override this when a batch is cheaper.
    func scores(masks: [Float], count: Int, targets: [Int]) -> [Float]
    /// `scores(mask:into:)` for a caller that scores a sequence of nearby masks (the fidelity
    /// curves: each step removes a few more events): an iterative fold-in starts from the
    /// optimum of the previous call with this `warmStart` and leaves its own there. Equal to
    /// `scores(mask:into:)` within the fold-in's stated tolerance; the default ignores `warmStart`.
    func scores(mask: [Float], into scores: inout [Float], warmStart: inout MaskWarmStart)
    /// Whether ``allScores(masks:count:)`` is cheaper than one `scores(mask:into:)` per mask (a
    /// network that scores many masks as the rows of one pass). False (the default) for
    /// scorers whose sequential calls are what is cheap (warm-started fold-ins).
    var batchesMasks: Bool { get }
    /// Whether `scores(mask:into:warmStart:)` gains from a chain of nearby masks (an iterative
    /// fold-in that starts each optimisation from the previous optimum). False (the default)
    /// for scorers that solve each mask directly, whose chain is a plain loop.
    var chainsMasks: Bool { get }
    /// Every item's scores under each of `count` masks, `result[c * itemCount + i]`. The default
    /// is one `scores(mask:into:)` per mask; a batching scorer's rows may round differently from
    /// its single-mask path (another sgemm blocking), deterministically.
    func allScores(masks: [Float], count: Int) -> [Float]
}

extension HistoryScorer {
    /// Default: no state to carry; `scores(mask:into:)`.
    public func scores(mask: [Float], into scores: inout [Float], warmStart: inout MaskWarmStart) {
        self.scores(mask: mask, into: &scores)
    }

    public var batchesMasks: Bool { false }

    public var chainsMasks: Bool { false }

    /// Default: one `scores(mask:into:)` per mask.
    public func allScores(masks: [Float], count: Int) -> [Float] {
        let n = events.count
        var all = [Float](repeating: 0, count: itemCount)
        var result = [Float]()
        result.reserveCapacity(count * itemCount)
        for c in 0..<count {
            scores(mask: Array(masks[(c * n)..<((c + 1) * n)]), into: &all)
            result += all
        }
        return result
    }

    /// Default: one `scores(mask:into:)` per mask.
    public func scores(masks: [Float], count: Int, targets: [Int]) -> [Float] {
        let n = events.count
        var all = [Float](repeating: 0, count: itemCount)
        var result = [Float](repeating: 0, count: count * targets.count)
        for c in 0..<count {
            scores(mask: Array(masks[(c * n)..<((c + 1) * n)]), into: &all)
            for (t, item) in targets.enumerated() { result[c * targets.count + t] = all[item] }
        }
        return result
    }

    /// The full-history mask (all ones).
    public var fullMask: [Float] { [Float](repeating: 1, count: events.count) }

    /// Scores of every item with every event present.
    public func fullScores() -> [Float] {
        var all = [Float](repeating: 0, count: itemCount)
        scores(mask: fullMask, into: &all)
        return all
    }
}

/// A history scorer whose scores are differentiable in the mask.
public protocol MaskDifferentiableScorer: HistoryScorer {
    /// Score of `target` at `mask` and its gradient ∂score/∂mask (count `events.count`).
    func scoreAndGradient(mask: [Float], target: Int) -> (score: Float, gradient: [Float])
    /// `scoreAndGradient` of each of `targets` at one mask, in order: scorers that can batch the
    /// targets (one pass with a row per target instead of one pass each) do.
    func scoresAndGradients(mask: [Float], targets: [Int]) -> [(score: Float, gradient: [Float])]
    /// ∂(Σᵢ wᵢ sᵢ)/∂mask at `mask` (count `events.count`): the vector–Jacobian product of all
    /// the scores with item weights `weights` (count `itemCount`; items scored −∞ must weigh
    /// 0). What a loss over many items' scores (a softmax) needs; scorers whose scores are
    /// linear in a per-item vector do it for the cost of one `scoreAndGradient`.
    func pullback(mask: [Float], weights: [Float]) -> [Float]
    /// Every item's score at `mask` and the pullback of the weights computed from those scores,
    /// `weights(scores)`: what a softmax loss needs, from one evaluation of the mask where the
    /// scorer solves for it (a fold-in's optimisation runs once, not once per call).
    func scoresAndPullback(mask: [Float], weightsFrom weights: ([Float]) -> [Float]) -> (scores: [Float], gradient: [Float])
    /// `scoresAndPullback(mask:weightsFrom:)` for a caller that evaluates a sequence of nearby
    /// masks (LXR's epochs over the same user): `warmStart` carries the scorer's own state from
    /// one call to the next (an iterative fold-in keeps its last optimum and starts the next
    /// optimisation there). The results satisfy the same stated tolerance as without it; scorers
    /// that solve exactly ignore it (the default), and their results are then bit-identical.
    func scoresAndPullback(mask: [Float], warmStart: inout MaskWarmStart, weightsFrom weights: ([Float]) -> [Float]) -> (scores: [Float], gradient: [Float])
}

/// What a scorer keeps between nearby masks of one caller (`scoresAndPullback(mask:warmStart:weightsFrom:)`):
/// opaque to callers, who start with `MaskWarmStart()` and hand the same value back each time.
/// Deterministic as long as each value belongs to one sequence of calls (LXR keeps one per
/// training example and mask sign).
public struct MaskWarmStart: Sendable {
    /// An iterative fold-in's last optimum (nil: none yet) and the factor of its exact Hessian there.
    var point: [Double]?
    var factor: CholeskyFactor?
    /// A composite scorer's parts (the hybrid: implicit, explicit).
    var parts: [MaskWarmStart]
    /// Set by a caller whose chain walks far from the full history (the fidelity curves' masks
    /// that keep only a few events): an iterative fold-in then preconditions each mask by the
    /// factor of its exact Hessian at the chain's point, one O(I·F²) evaluation per mask, instead
    /// of by the curvature model of the full history, which misjudges the curvature there by
    /// orders of magnitude (the few-event optima sit where most items' σ is tiny).
    public var exactPreconditioner: Bool {
        didSet { for k in parts.indices { parts[k].exactPreconditioner = exactPreconditioner } }
    }

    public init(exactPreconditioner: Bool = false) {
        point = nil
        factor = nil
        parts = []
        self.exactPreconditioner = exactPreconditioner
    }

    /// Part `k` of a composite scorer's state.
    subscript(part k: Int) -> MaskWarmStart {
        get { k < parts.count ? parts[k] : MaskWarmStart(exactPreconditioner: exactPreconditioner) }
        set {
            while parts.count <= k { parts.append(MaskWarmStart(exactPreconditioner: exactPreconditioner)) }
            parts[k] = newValue
        }
    }
}

extension MaskDifferentiableScorer {
    /// Default: one `scoreAndGradient` per target.
    public func scoresAndGradients(mask: [Float], targets: [Int]) -> [(score: Float, gradient: [Float])] {
        targets.map { scoreAndGradient(mask: mask, target: $0) }
    }

    /// Default: Σᵢ wᵢ ∂sᵢ/∂m over the items with a non-zero weight (one `scoreAndGradient` each).
    public func pullback(mask: [Float], weights: [Float]) -> [Float] {
        var total = [Float](repeating: 0, count: events.count)
        for (i, w) in weights.enumerated() where w != 0 {
            let g = scoreAndGradient(mask: mask, target: i).gradient
            for j in total.indices { total[j] += w * g[j] }
        }
        return total
    }

    /// Default: `scores(mask:into:)`, then `pullback(mask:weights:)`.
    public func scoresAndPullback(mask: [Float], weightsFrom weights: ([Float]) -> [Float]) -> (scores: [Float], gradient: [Float]) {
        var scores = [Float](repeating: 0, count: itemCount)
        self.scores(mask: mask, into: &scores)
        return (scores, pullback(mask: mask, weights: weights(scores)))
    }

    /// Default: no state, `scoresAndPullback(mask:weightsFrom:)`.
    public func scoresAndPullback(mask: [Float], warmStart: inout MaskWarmStart, weightsFrom weights: ([Float]) -> [Float]) -> (scores: [Float], gradient: [Float]) {
        scoresAndPullback(mask: mask, weightsFrom: weights)
    }
}

/// How a model's history-conditioned scores relate to the model itself.
public enum HistoryScoring: String, Sendable, Codable, Equatable {
    /// The model scores any history by construction (ItemKNN, GRU4Rec, Mult-VAE).
    case native
    /// The user side is re-fitted to the history with the item side frozen (ALS, MF, BPR, …):
    /// the full-history fold-in approximates, but need not equal, the trained user vector.
    case foldIn
    /// Scores do not depend on the history (Popularity).
    case constant
}

/// A recommender that can score a user's items given any subset of the user's training history.
public protocol HistoryConditionedRecommender: Recommender {
    /// Native, fold-in or constant.
    var historyScoring: HistoryScoring { get }
    /// One or two sentences for the docs and the model page: how an absent event is treated and,
    /// for fold-ins, what is re-fitted and how.
    var historyScoringSummary: String { get }
    /// The scorer of `user`'s history (precomputes what every mask shares).
    func historyScorer(forUser user: Int) -> any HistoryScorer
    /// Whether the scorers conform to ``MaskDifferentiableScorer`` (gradient explainers apply).
    var isMaskDifferentiable: Bool { get }
}

extension HistoryConditionedRecommender {
    public var isMaskDifferentiable: Bool { false }
}
