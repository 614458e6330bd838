import Foundation

/// One user's fidelity curves for one explanation (LXR's definitions, Barkan et al. 2023/2024).
///
/// The explainer ranks the user's `n` history events (most important first); the ranking is cut
/// into `chunks` chunks as `numpy.array_split` does (``FidelityChunks``) and step t = 0 … chunks
/// removes the top t chunks (cumulatively). With s(M) the target's score under mask M,
/// H the full history, ∅ the empty one, and rank(M) = ``TargetRank/rank(of:in:excluded:)`` over
/// every item except the user's training items:
/// - POS@K[t] = 1 if rank(H minus top t chunks) ≤ K, else 0 (lower is better);
/// - NEG@K[t] = 1 if rank(H minus bottom t chunks) ≤ K, else 0 (higher is better);
/// - DEL[t] = ŝ(H minus top t chunks), INS[t] = ŝ(top t chunks only), with the normalised score
///   ŝ(M) = (s(M) − s(∅)) / (s(H) − s(∅)) (1 = full history, 0 = empty history);
/// - CNDCG[t] = 1 / log₂(rank(H minus top t chunks) + 1), 0 when the target is not ranked.
/// The AUC of a curve is its mean over the `chunks + 1` steps.
///
/// Undefined rule: DEL and INS are nil (the user is left out of their means) when s(H) or s(∅) is
/// not finite or s(H) = s(∅). A −∞ step score (the model has no evidence for the target) reads as
/// the empty history's level, ŝ = 0.
///
/// Fixed-length variant: for each K_e of `fixedLengths` (clamped to n), remove the top K_e events
/// (POS, DEL, CNDCG), remove the bottom K_e (NEG), or keep only the top K_e (INS).
public struct FidelityCurves: Sendable, Equatable {
    /// The metrics, in ``FidelityMetric/all(ks:)`` order.
    public var metrics: [FidelityMetric]
    /// Per metric, the value at each step t = 0 … chunks; nil when undefined for this user.
    public var steps: [[Double]?]
    /// Per metric, the value for each fixed length K_e; nil when undefined.
    public var fixed: [[Double]?]
    /// The target's rank with the full history (1 when the scorer agrees with the model's
    /// top-1; fold-in scorers need not), nil when it is not ranked.
    public var fullHistoryRank: Int?

    public init(metrics: [FidelityMetric], steps: [[Double]?], fixed: [[Double]?], fullHistoryRank: Int?) {
        self.metrics = metrics
        self.steps = steps
        self.fixed = fixed
        self.fullHistoryRank = fullHistoryRank
    }

    /// The step curve of the metric named `name` ("DEL", "POS@10").
    public func curve(_ name: String) -> [Double]? {
        metrics.firstIndex { $0.name == name }.flatMap { steps[$0] }
    }

    /// The fixed-length values of the metric named `name`.
    public func fixedValues(_ name: String) -> [Double]? {
        metrics.firstIndex { $0.name == name }.flatMap { fixed[$0] }
    }

    /// Mean of the curve over its steps (the AUC), nil when undefined.
    public func auc(_ name: String) -> Double? { curve(name).map(Self.mean) }

    static func mean(_ values: [Double]) -> Double {
        values.isEmpty ? 0 : values.reduce(0, +) / Double(values.count)
    }
}

extension FidelityCurves {
    /// DEL/INS need |s(H) − s(∅)| above this share of the standard deviation of the user's
    /// full-history scores (over the rankable items). Default 0.1.
    public static let minimumRelativeGap = 0.1

    /// A chained mask that keeps less than this share of the events asks an iterative fold-in
    /// for its exact preconditioner (`MaskWarmStart.exactPreconditioner`). On ML-100k (fidelity
    /// stage, single-model builds): logistic MF 4.6 → 4.0 s, the hybrid 5.0 → 4.4 s, BPR and
    /// two-tower unchanged (3.9 → 4.0 s, 3.2 → 3.1 s); always exact was slower (4.3 s, 4.6 s).
    static let exactPreconditionerShare = 0.5

    /// Evaluates one explanation's history ranking.
    ///
    /// - Parameters:
    ///   - scorer: the model's scorer of the user's history.
    ///   - target: dense index of the explained item (the user's top-1).
    ///   - ranking: indices into `scorer.events`, most important first; a permutation of all events.
    ///   - excluded: the user's full original training items (never ranked).
    ///   - ks: cut-offs of POS and NEG.
    ///   - chunks: number of chunks (10 in LXR).
    ///   - fixedLengths: the K_e of the fixed-length variant.
    /// - Complexity: about 2·(chunks + 1) + 2·|fixedLengths| full scorings (identical masks are
    ///   scored once) with O(items) ranking each, plus one batched scoring of the target for INS
    ///   (for a scorer that chains masks, `chainsMasks`, the fixed-length INS masks are full
    ///   scorings too, chained from the mask that keeps the top chunk; chained masks that keep
    ///   less than `exactPreconditionerShare` of the events are preconditioned exactly).
    public static func evaluate(scorer: any HistoryScorer, target: Int, ranking: [Int], excluded: Set<Int>,
                                ks: [Int] = [5, 10, 20], chunks: Int = 10, fixedLengths: [Int] = Array(1...5)) -> FidelityCurves {
        let n = scorer.events.count
        precondition(ranking.count == n && Set(ranking).count == n && ranking.allSatisfy { (0..<n).contains($0) },
                     "ranking must be a permutation of the scorer's events")
        let leading = FidelityChunks.leadingCounts(of: n, chunks: chunks)
        let trailing = FidelityChunks.trailingCounts(of: n, chunks: chunks)
        let lengths = fixedLengths.map { min(max($0, 0), n) }

        func mask(removingTop count: Int) -> [Float] {
            var m = [Float](repeating: 1, count: n)
            for r in 0..<count { m[ranking[r]] = 0 }
            return m
        }
        func mask(removingBottom count: Int) -> [Float] {
            var m = [Float](repeating: 1, count: n)
            for r in (n - count)..<n { m[ranking[r]] = 0 }
            return m
        }
        func mask(keepingTop count: Int) -> [Float] {
            var m = [Float](repeating: 0, count: n)
            for r in 0..<count { m[ranking[r]] = 1 }
            return m
        }

        // Full scorings (ranks need every item), each distinct mask once.
        var flags = [Bool](repeating: false, count: scorer.itemCount)
        for i in excluded where i >= 0 && i < flags.count { flags[i] = true }
        var buffer = [Float](repeating: 0, count: scorer.itemCount)
        var cache: [[Float]: (score: Float, rank: Int?)] = [:]
        // Each curve removes (or keeps) a few more events per step: an iterative fold-in starts
        // each step from the previous step's optimum (`chain`), deterministically.
        func evaluate(_ m: [Float], chain: inout MaskWarmStart) -> (score: Float, rank: Int?) {
            if let hit = cache[m] { return hit }
            // Few events kept: the optimum is far from the full history's, where a fold-in's
            // curvature model misleads it; its exact Hessian at the chain's point does not.
            chain.exactPreconditioner = Double(m.reduce(0, +)) < Self.exactPreconditionerShare * Double(n)
            scorer.scores(mask: m, into: &buffer, warmStart: &chain)
            let result = (buffer[target], TargetRank.rank(of: target, in: buffer, excluded: flags))
            cache[m] = result
            return result
        }
        func evaluate(_ m: [Float]) -> (score: Float, rank: Int?) {
            var cold = MaskWarmStart()
            return evaluate(m, chain: &cold)
        }
        func curve(_ masks: [[Float]]) -> [(score: Float, rank: Int?)] { curve(masks, stateAfter: nil).results }
        /// The same, also returning the chain's state after mask `index`.
        func curve(_ masks: [[Float]], stateAfter index: Int?) -> (results: [(score: Float, rank: Int?)], state: MaskWarmStart) {
            var chain = MaskWarmStart(), state = MaskWarmStart()
            var results: [(score: Float, rank: Int?)] = []
            for (k, m) in masks.enumerated() {
                results.append(evaluate(m, chain: &chain))
                if k == index { state = chain }
            }
            return (results, state)
        }
        // The spread (standard deviation) of the full history's scores over the rankable items:
        // the scale against which the target's own history effect s(H) − s(∅) must register.
        let full = evaluate(mask(removingTop: 0))
        var sum = 0.0, squares = 0.0, finite = 0.0
        for i in 0..<buffer.count where !flags[i] && buffer[i].isFinite {
            sum += Double(buffer[i])
            squares += Double(buffer[i]) * Double(buffer[i])
            finite += 1
        }
        let spread = finite > 1 ? max(0, squares / finite - (sum / finite) * (sum / finite)).squareRoot() : 0
        let topMasks = leading.map { mask(removingTop: $0) }, bottomMasks = trailing.map { mask(removingBottom: $0) }
        let fixedTopMasks = lengths.map { mask(removingTop: $0) }, fixedBottomMasks = lengths.map { mask(removingBottom: $0) }
        let emptyMask = mask(keepingTop: 0)
        if scorer.batchesMasks {
            // A scorer that scores many masks in one pass gets every curve's masks at once.
            var distinct: [[Float]] = [], queued = Set(cache.keys)
            for m in topMasks + bottomMasks + fixedTopMasks + fixedBottomMasks + [emptyMask] where queued.insert(m).inserted { distinct.append(m) }
            if !distinct.isEmpty {
                let all = scorer.allScores(masks: distinct.flatMap { $0 }, count: distinct.count)
                for (c, m) in distinct.enumerated() {
                    let row = Array(all[(c * scorer.itemCount)..<((c + 1) * scorer.itemCount)])
                    cache[m] = (row[target], TargetRank.rank(of: target, in: row, excluded: flags))
                }
            }
        }
        let removedTop = curve(topMasks)
        // The state after the mask that removes all but the top chunk (the second-to-last step).
        let (removedBottom, topChunkState) = curve(bottomMasks, stateAfter: bottomMasks.count - 2)
        let fixedTop = curve(fixedTopMasks)
        let fixedBottom = curve(fixedBottomMasks)
        let empty = evaluate(emptyMask)
        if scorer.chainsMasks && !scorer.batchesMasks {
            // Keeping only the top 5, 4, … 1 events: optima far from the full history's (most
            // items' σ tiny) that a cold fold-in reaches slowly. Chained, longest first, from the
            // mask that keeps the top chunk.
            var chain = topChunkState
            for length in Set(lengths).sorted(by: >) { _ = evaluate(mask(keepingTop: length), chain: &chain) }
        }

        // Insertion needs only the target's score: masks already scored come from the cache
        // (keeping the top t chunks = removing the bottom 10 − t), the rest in one batch.
        let insertionMasks = leading.map { mask(keepingTop: $0) } + lengths.map { mask(keepingTop: $0) }
        let missing = insertionMasks.filter { cache[$0] == nil }
        var batchScores: [[Float]: Float] = [:]
        if !missing.isEmpty {
            let scored = scorer.scores(masks: missing.flatMap { $0 }, count: missing.count, targets: [target])
            for (m, score) in zip(missing, scored) { batchScores[m] = score }
        }
        let inserted = insertionMasks.map { cache[$0]?.score ?? batchScores[$0]! }

        let sH = Double(full.score), s0 = Double(empty.score)
        // DEL and INS divide by s(H) − s(∅): undefined (the user is left out of their means) when
        // that gap is below `minimumRelativeGap` of the score spread, where the ratio would only
        // amplify rounding and tiny effects (a target the history barely moves).
        let defined = sH.isFinite && s0.isFinite && abs(sH - s0) > Self.minimumRelativeGap * spread && sH != s0
        func normalised(_ s: Float) -> Double {
            let x = Double(s)
            return x.isFinite ? (x - s0) / (sH - s0) : 0
        }
        func inTop(_ rank: Int?, _ k: Int) -> Double { rank.map { $0 <= k ? 1 : 0 } ?? 0 }
        func gain(_ rank: Int?) -> Double { rank.map { 1 / log2(Double($0) + 1) } ?? 0 }

        let metrics = FidelityMetric.all(ks: ks)
        var steps: [[Double]?] = []
        var fixed: [[Double]?] = []
        for metric in metrics {
            switch metric.kind {
            case .deletion:
                steps.append(defined ? removedTop.map { normalised($0.score) } : nil)
                fixed.append(defined ? fixedTop.map { normalised($0.score) } : nil)
            case .insertion:
                steps.append(defined ? inserted.prefix(leading.count).map(normalised) : nil)
                fixed.append(defined ? inserted.suffix(lengths.count).map(normalised) : nil)
            case .cndcg:
                steps.append(removedTop.map { gain($0.rank) })
                fixed.append(fixedTop.map { gain($0.rank) })
            case .positive:
                steps.append(removedTop.map { inTop($0.rank, metric.k!) })
                fixed.append(fixedTop.map { inTop($0.rank, metric.k!) })
            case .negative:
                steps.append(removedBottom.map { inTop($0.rank, metric.k!) })
                fixed.append(fixedBottom.map { inTop($0.rank, metric.k!) })
            }
        }
        return FidelityCurves(metrics: metrics, steps: steps, fixed: fixed, fullHistoryRank: full.rank)
    }
}
