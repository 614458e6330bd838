import Foundation

/// `lime`: LIME (Ribeiro et al. 2016) for recommenders, as `lime_text` perturbs a document: each
/// sample removes a uniformly drawn number (1…n−1) of randomly chosen history events; samples are
/// weighted by the kernel √exp(−d²/σ²) on the cosine distance d between the sample's mask and the
/// full history (lime_text's distance × 100 with width 25 is this with σ = 0.25); a weighted ridge
/// regression (penalty `ridge`, unpenalised intercept, as lime's default `Ridge(alpha=1)`) of each
/// target's score on the masks gives one weight per event. The full history is sample 0.
///
/// Cost: `samples + 1` scored histories, one n × n solve shared by every target.
public struct LIMEExplainer: Explainer {
    public let name = "lime"
    public let samples: Int
    public let kernelWidth: Double
    public let ridge: Double
    public let seed: UInt64
    public var meaning: ExplanationMeaning {
        ExplanationMeaning(
            kind: .surrogate,
            summary: "LIME: the weights of a linear model fitted to the scores of \(samples) copies of the history with random items removed (closer copies count more); a weight is what keeping that item adds to the score in the local linear model. The weights need not add up to the score.",
            additive: false, valueName: "LIME weight", scoreUnits: true)
    }

    public init(samples: Int = 256, kernelWidth: Double = 0.25, ridge: Double = 1, seed: UInt64 = 42) {
        self.samples = samples
        self.kernelWidth = kernelWidth
        self.ridge = ridge
        self.seed = seed
    }

    public func reason(notApplyingTo model: any Recommender) -> String? { historyReason(model) }

    /// The `samples + 1` perturbed masks of `user`'s n events (row-major, row 0 = the full
    /// history): each later row removes 1 + U{0…n−2} events chosen by a seeded shuffle.
    public func perturbationMasks(eventCount n: Int, user: Int) -> [Float] {
        let count = samples + 1
        var rng = SplitMix64(seed: seed).derived(0x6c69_6d65).derived(UInt64(user))
        var masks = [Float](repeating: 1, count: count * n)
        var order = Array(0..<n)
        for s in 1..<count where n > 1 {
            let removed = 1 + rng.nextInt(below: n - 1)
            rng.shuffle(&order)
            for e in order.prefix(removed) { masks[s * n + e] = 0 }
        }
        return masks
    }

    public func explain(_ request: ExplanationRequest) -> Explanation? {
        guard let scorer = request.scorer, !scorer.events.isEmpty, !request.targets.isEmpty else { return nil }
        let n = scorer.events.count, count = samples + 1, targets = request.targets
        let masks = perturbationMasks(eventCount: n, user: request.user)
        let y = scorer.scores(masks: masks, count: count, targets: targets)
        var weights = [Double](repeating: 0, count: count)
        for s in 0..<count {
            var present = 0.0
            for e in 0..<n where masks[s * n + e] != 0 { present += 1 }
            let distance = present == 0 ? 1 : 1 - (present / Double(n)).squareRoot()
            weights[s] = (Foundation.exp(-(distance * distance) / (kernelWidth * kernelWidth))).squareRoot()
        }
        let fit = WeightedRidge(features: masks.map(Double.init), rows: count, columns: n, weights: weights, ridge: ridge)
        let columns = targets.indices.map { t -> [Float] in
            let target = (0..<count).map { Double(y[$0 * targets.count + t]) }
            return fit.coefficients(for: target).map { Float($0) }
        }
        let empty = request.fullAndEmpty!.empty
        let full = (0..<targets.count).map { y[$0] }
        let attribution = Attribution.history(
            explainer: name, meaning: meaning, events: scorer.events, targets: targets, values: columns, output: full, baseline: empty,
            context: request.context)
        return Explanation(attribution: attribution, evaluations: count + 2)
    }
}
