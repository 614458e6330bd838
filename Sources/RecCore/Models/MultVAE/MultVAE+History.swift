extension MultVAE: HistoryConditionedRecommender {
    public var historyScoring: HistoryScoring { .native }
    public var isMaskDifferentiable: Bool { true }
    public var historyScoringSummary: String {
        "Mult-VAE scores any history natively: the history is its input. A mask weight scales the history item's entry of the multi-hot input before it is normalised, x̃ = x / max(‖x‖, 1): removing items gives exactly the model's input for the shorter history (renormalised), the empty history gives the zero input, and fractional weights move continuously between them."
    }

    public func historyScorer(forUser user: Int) -> any HistoryScorer { MultVAEHistoryScorer(model: self, user: user) }
}

/// Mult-VAE's scores of one user's history under a mask m over the user's distinct training
/// items (`FoldInHistory` events): input xⱼ = mⱼ for the event items (0 elsewhere), normalised
/// x̃ = x / max(‖x‖₂, 1), encoder mean, decoder, sᵢ = log softmax(logits)ᵢ.
///
/// For a binary mask this is the model on the kept items (‖x‖ = √n ≥ 1), and the empty mask is
/// the zero input. The max(·, 1) keeps s continuous in m down to the empty history, so paths
/// from it (integrated gradients) are well defined; above ‖x‖ = 1, s is invariant to scaling m
/// (Σⱼ mⱼ ∂s/∂mⱼ = 0: gradient × input ranks events but does not add up to the score).
///
/// ∂sₜ/∂m: back-propagate eₜ − π through the decoder and the encoder mean to x̃, then through
/// the normalisation: ∂/∂xⱼ = (gⱼ − x̃ⱼ (x̃ · g)) / ‖x‖ when ‖x‖ > 1, else g. Cost per mask
/// O(n·H + H·L + H·I); a batch of C masks is one pass with C rows (sgemm). BLAS runs
/// single-threaded inside, so the same mask gives bit-identical scores in any context.
public struct MultVAEHistoryScorer: MaskDifferentiableScorer {
    public let events: [ScoredHistoryEvent]
    let parameters: MultVAEParameters<Float>
    public var itemCount: Int { parameters.items }
    /// Masks per forward pass of a batch (bounds the C × I logits).
    static let chunk = 256

    public init(model: MultVAE, user: Int) {
        parameters = model.parameters
        events = FoldInHistory(train: model.train, user: user).events
    }

    /// The input rows of `count` masks and each mask's normalising divisor max(‖x‖, 1).
    func input(masks: [Float], count: Int) -> (input: MultVAEInput<Float>, divisors: [Float]) {
        Self.input(items: events.map { Int32($0.item) }, masks: masks, count: count)
    }

    /// The input rows of `count` masks over `items` (row-major masks) and each mask's divisor
    /// max(‖x‖, 1). Every item is stored (weight 0 included) so gradients reach absent events.
    static func input<T: GRUScalar>(items: [Int32], masks: [T], count: Int) -> (input: MultVAEInput<T>, divisors: [T]) {
        let n = items.count
        var input = MultVAEInput<T>()
        var divisors: [T] = []
        for c in 0..<count {
            var squares: T = 0
            for e in 0..<n { squares += masks[c * n + e] * masks[c * n + e] }
            let divisor = max(squares.squareRoot(), 1)
            divisors.append(divisor)
            input.append(items: items, values: (0..<n).map { masks[c * n + $0] / divisor })
        }
        return (input, divisors)
    }

    public func scores(mask: [Float], into scores: inout [Float]) { self.scores(mask: Optional(mask), into: &scores) }

    /// `mask` nil = the full history.
    func scores(mask: [Float]?, into scores: inout [Float]) {
        let (x, _) = input(masks: mask ?? fullMask, count: 1)
        let f = BLAS.withSingleThread { MultVAENetwork.forward(parameters, input: x) }
        for i in 0..<itemCount { scores[i] = f.logits[i] - f.logNormaliser[0] }
    }

    /// Many masks are the rows of one forward pass (a single row packs the whole decoder for sgemm).
    public var batchesMasks: Bool { true }

    /// Chunks of ``chunk`` masks, each one forward pass.
    public func allScores(masks: [Float], count: Int) -> [Float] {
        var result = [Float](repeating: 0, count: count * itemCount)
        forwardChunks(masks: masks, count: count) { c, f, r in
            for i in 0..<itemCount { result[c * itemCount + i] = f.logits[r * itemCount + i] - f.logNormaliser[r] }
        }
        return result
    }

    public func scores(masks: [Float], count: Int, targets: [Int]) -> [Float] {
        let k = targets.count
        var result = [Float](repeating: 0, count: count * k)
        forwardChunks(masks: masks, count: count) { c, f, r in
            for (t, item) in targets.enumerated() { result[c * k + t] = f.logits[r * itemCount + item] - f.logNormaliser[r] }
        }
        return result
    }

    /// The forward pass of `count` masks in chunks of ``chunk`` rows; `row(c, activations, r)`
    /// reads mask c's results from row r of its chunk's activations.
    private func forwardChunks(masks: [Float], count: Int, _ row: (Int, MultVAEActivations<Float>, Int) -> Void) {
        let n = events.count
        for first in stride(from: 0, to: count, by: Self.chunk) {
            let rows = min(Self.chunk, count - first)
            let (x, _) = input(masks: Array(masks[(first * n)..<((first + rows) * n)]), count: rows)
            let f = BLAS.withSingleThread { MultVAENetwork.forward(parameters, input: x) }
            for r in 0..<rows { row(first + r, f, r) }
        }
    }

    public func scoreAndGradient(mask: [Float], target: Int) -> (score: Float, gradient: [Float]) {
        var upstream = [Float](repeating: 0, count: itemCount)
        upstream[target] = 1
        let (scores, gradient) = scoresAndPullback(mask: mask, weights: upstream)
        return (scores[target], gradient)
    }

    /// Every target in one pass with a row per target (sgemm over K rows instead of K
    /// matrix–vector passes, each of which packs the whole decoder): `targetLogProbabilities`.
    public func scoresAndGradients(mask: [Float], targets: [Int]) -> [(score: Float, gradient: [Float])] {
        let items = events.map { Int32($0.item) }
        return Self.targetLogProbabilities(parameters, rows: targets.map { (items, mask, $0) }).map { ($0.logProbability, $0.gradient) }
    }

    public func pullback(mask: [Float], weights: [Float]) -> [Float] { scoresAndPullback(mask: mask, weights: weights).gradient }

    /// All scores s(m) and ∂(Σᵢ wᵢ sᵢ)/∂m (a vector–Jacobian product: one backward pass whatever
    /// the weights).
    public func scoresAndPullback(mask: [Float], weights: [Float]) -> (scores: [Float], gradient: [Float]) {
        BLAS.withSingleThread { Self.scoresAndPullback(parameters, items: events.map { Int32($0.item) }, mask: mask, weights: weights) }
    }

    /// log πₜ and ∂ log πₜ/∂m for many (history items, mask, target) rows in one pass of the
    /// network (sgemm over the rows instead of one matrix–vector product each): LXR's training
    /// batches. O(Σ nᵣ·H + R·H·(I + L)).
    public static func targetLogProbabilities(_ parameters: MultVAEParameters<Float>, rows: [(items: [Int32], mask: [Float], target: Int)]) -> [(logProbability: Float, gradient: [Float])] {
        BLAS.withSingleThread { batchedTargetLogProbabilities(parameters, rows: rows) }
    }

    private static func batchedTargetLogProbabilities(_ parameters: MultVAEParameters<Float>, rows: [(items: [Int32], mask: [Float], target: Int)]) -> [(logProbability: Float, gradient: [Float])] {
        var x = MultVAEInput<Float>(), divisors: [Float] = []
        for row in rows {
            let (one, d) = input(items: row.items, masks: row.mask, count: 1)
            x.append(items: one.items, values: one.values)
            divisors.append(d[0])
        }
        let f = MultVAENetwork.forward(parameters, input: x)
        let n = parameters.items
        var dLogits = [Float](repeating: 0, count: rows.count * n)
        for (r, row) in rows.enumerated() {
            let lse = f.logNormaliser[r]
            for i in 0..<n { dLogits[r * n + i] = -Float.exponential(f.logits[r * n + i] - lse) }
            dLogits[r * n + row.target] += 1
        }
        var none: MultVAEParameters<Float>? = nil
        let da1 = MultVAENetwork.backward(parameters, input: x, activations: f, dLogits: dLogits, gradient: &none)
        let g = MultVAENetwork.inputGradient(parameters, input: x, da1: da1)
        return rows.enumerated().map { r, row in
            let entries = x.start[r]..<x.start[r + 1]
            var gradient = Array(g[entries])
            if divisors[r] > 1 {
                var projection: Float = 0
                for (k, e) in entries.enumerated() { projection += x.values[e] * gradient[k] }
                for (k, e) in entries.enumerated() { gradient[k] = (gradient[k] - x.values[e] * projection) / divisors[r] }
            }
            return (f.logits[r * n + row.target] - f.logNormaliser[r], gradient)
        }
    }

    /// s(m) over `items` and ∂(Σᵢ wᵢ sᵢ)/∂m, in any precision (the `Double` path checks the
    /// `Float` one). Since sᵢ = logitᵢ − LSE, ∂/∂logits = w − (Σᵢ wᵢ) π.
    public static func scoresAndPullback<T: GRUScalar>(_ parameters: MultVAEParameters<T>, items: [Int32], mask: [T], weights: [T]) -> (scores: [T], gradient: [T]) {
        let (x, divisors) = input(items: items, masks: mask, count: 1)
        let f = MultVAENetwork.forward(parameters, input: x)
        let lse = f.logNormaliser[0], n = parameters.items
        let total = weights.reduce(0, +)
        var scores = [T](repeating: 0, count: n), dLogits = scores
        for i in 0..<n {
            scores[i] = f.logits[i] - lse
            dLogits[i] = weights[i] - total * T.exponential(scores[i])
        }
        var none: MultVAEParameters<T>? = nil
        let da1 = MultVAENetwork.backward(parameters, input: x, activations: f, dLogits: dLogits, gradient: &none)
        let g = MultVAENetwork.inputGradient(parameters, input: x, da1: da1)
        guard divisors[0] > 1 else { return (scores, g) }
        var projection: T = 0
        for e in g.indices { projection += x.values[e] * g[e] }
        return (scores, g.indices.map { (g[$0] - x.values[$0] * projection) / divisors[0] })
    }
}
