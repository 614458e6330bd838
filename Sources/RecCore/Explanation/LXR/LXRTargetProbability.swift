import Foundation
import _RecKernels

/// Scores whose values are log-probabilities of one categorical distribution over the items
/// (Σᵢ exp sᵢ = 1 for every history), such as Mult-VAE's: LXR then reads p(y | x) = exp s_y.
public protocol LogProbabilityScoring: Recommender {}

/// p(y | mask) as LXR reads one user's history scorer: the softmax over the items of the
/// model's scores, p(y | m) = exp(s_y(m)/τ) / Σᵢ exp(sᵢ(m)/τ) over the items with finite scores.
///
/// τ = 1 when the scores are already log-probabilities (`LogProbabilityScoring`, Mult-VAE: then
/// p = exp s_y, the model's own multinomial). For other models the scores are ratings,
/// similarity sums or logits on scales of their own, so τ is the user's own score spread (the
/// standard deviation of the full-history scores over the finite items; 1 when they are all
/// equal): one spread apart is a factor e in p, whatever the model, and the loss weights mean
/// the same for every model. ∇ log p = (1/τ)·pullback(e_y − π).
///
/// The explainer network sees distinct items; a scorer's events may repeat an item (GRU4Rec's
/// last L events), so each event takes its item's mask value and an item's gradient sums its
/// events'. log p is floored at −50 (gradient 0 there), for a target the mask leaves unscored.
public struct LXRTargetProbability: Sendable {
    public let scorer: any MaskDifferentiableScorer
    public let target: Int
    /// The distinct items of the scorer's events (first appearance order) and each event's item slot.
    public let items: [Int]
    let slots: [Int]
    /// τ; nil for log-probability scores.
    let temperature: Float?
    static let floor: Float = -50

    public init(scorer: any MaskDifferentiableScorer, target: Int, logProbabilities: Bool) {
        self.scorer = scorer
        self.target = target
        var slot: [Int: Int] = [:], items: [Int] = []
        slots = scorer.events.map { event in
            if let s = slot[event.item] { return s }
            slot[event.item] = items.count
            items.append(event.item)
            return items.count - 1
        }
        self.items = items
        if logProbabilities {
            temperature = nil
        } else {
            let full = scorer.fullScores().filter(\.isFinite).map(Double.init)
            let mean = full.reduce(0, +) / Double(max(full.count, 1))
            let variance = full.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(max(full.count, 1))
            temperature = variance > 0 ? Float(variance.squareRoot()) : 1
        }
    }

    /// The softmax temperature τ (1 for log-probability scores).
    public var softmaxTemperature: Float { temperature ?? 1 }

    /// Mult-VAE's network and the event items, when this user's p can be evaluated together with
    /// other users' in one pass (`MultVAEHistoryScorer.targetLogProbabilities`).
    var batchable: (parameters: MultVAEParameters<Float>, items: [Int32])? {
        guard temperature == nil, let vae = scorer as? MultVAEHistoryScorer else { return nil }
        return (vae.parameters, vae.events.map { Int32($0.item) })
    }

    /// The event mask of an item mask.
    func eventMask(_ itemMask: [Float]) -> [Float] { slots.map { itemMask[$0] } }

    /// log p and the item gradient from log p and the event gradient (floored as `evaluate`).
    func itemResult(_ logProbability: Float, eventGradient: [Float]) -> (logProbability: Float, gradient: [Float]) {
        guard logProbability > Self.floor else { return (Self.floor, [Float](repeating: 0, count: items.count)) }
        var gradient = [Float](repeating: 0, count: items.count)
        for (e, s) in slots.enumerated() { gradient[s] += eventGradient[e] }
        return (logProbability, gradient)
    }

    /// log p(y | m) and its gradient, for `itemMask` over `items`.
    public func evaluate(_ itemMask: [Float]) -> (logProbability: Float, gradient: [Float]) {
        var warmStart = MaskWarmStart()
        return evaluate(itemMask, warmStart: &warmStart)
    }

    /// The same, with the scorer's state carried between nearby masks (`MaskWarmStart`: an
    /// iterative fold-in starts from its previous optimum; equal to `evaluate(_:)` within the
    /// fold-in's stated tolerance, bit for bit for the other scorers).
    public func evaluate(_ itemMask: [Float], warmStart: inout MaskWarmStart) -> (logProbability: Float, gradient: [Float]) {
        let mask = slots.map { itemMask[$0] }
        let (logProbability, eventGradient): (Float, [Float])
        if let tau = temperature {
            // One evaluation of the mask gives the scores and the pullback of ∇ log p's weights.
            var value: Float = Self.floor
            let (_, gradient) = scorer.scoresAndPullback(mask: mask, warmStart: &warmStart) { scores in
                var weights = [Float](repeating: 0, count: scores.count)
                value = rec_softmax_pullback(scores, Int64(scores.count), tau, Int64(target), Self.floor, &weights)
                return weights
            }
            guard value > Self.floor else { return (Self.floor, [Float](repeating: 0, count: items.count)) }
            (logProbability, eventGradient) = (value, gradient)
        } else {
            let (s, g) = scorer.scoreAndGradient(mask: mask, target: target)
            guard s > Self.floor else { return (Self.floor, [Float](repeating: 0, count: items.count)) }
            (logProbability, eventGradient) = (s, g)
        }
        var gradient = [Float](repeating: 0, count: items.count)
        for (e, s) in slots.enumerated() { gradient[s] += eventGradient[e] }
        return (logProbability, gradient)
    }
}
