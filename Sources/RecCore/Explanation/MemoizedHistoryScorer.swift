import Foundation

/// A history scorer that remembers what it computed: every distinct mask is scored once by the
/// wrapped scorer, whoever asks again. The fidelity benchmark shares one per (model, user) across
/// the explainers it compares, whose curves meet on the same masks (the full and the empty
/// history at both ends of every curve, and whole curves when two explainers rank alike).
///
/// Full score vectors and target batches (`scores(masks:count:targets:)`) are remembered apart,
/// each returned exactly as the wrapped scorer first computed it. A full vector comes from
/// `scores(mask:into:)` or from a batch of `allScores(masks:count:)`, whichever asked first (a
/// batching model's two paths may round differently; callers ask in a fixed order, so the
/// result is deterministic). Memory: one item vector per distinct full-scored mask. Safe to share between
/// threads (a lock guards the tables), though meant for one user's work.
public final class MemoizedHistoryScorer: HistoryScorer, @unchecked Sendable {
    public let base: any HistoryScorer
    public var events: [ScoredHistoryEvent] { base.events }
    public var itemCount: Int { base.itemCount }
    private let lock = NSLock()
    private var full: [[Float]: [Float]] = [:]
    private var targeted: [TargetedKey: Float] = [:]

    private struct TargetedKey: Hashable {
        let mask: [Float]
        let target: Int
    }

    public init(_ base: any HistoryScorer) { self.base = base }

    public func scores(mask: [Float], into scores: inout [Float]) {
        var warmStart = MaskWarmStart()
        self.scores(mask: mask, into: &scores, warmStart: &warmStart)
    }

    /// A remembered mask is returned as first computed (whatever warm start reached it then) and
    /// leaves `warmStart` as it was; a new one is scored from `warmStart`.
    public func scores(mask: [Float], into scores: inout [Float], warmStart: inout MaskWarmStart) {
        if let hit = lock.withLock({ full[mask] }) {
            scores = hit
            return
        }
        base.scores(mask: mask, into: &scores, warmStart: &warmStart)
        let computed = scores
        lock.withLock { full[mask] = computed }
    }

    public var batchesMasks: Bool { base.batchesMasks }

    public var chainsMasks: Bool { base.chainsMasks }

    /// Remembered masks come from the table; the others go to the wrapped scorer's
    /// `allScores` in one batch (each mask once) and are remembered as it computed them.
    public func allScores(masks: [Float], count: Int) -> [Float] {
        let n = events.count, width = itemCount
        var result = [Float](repeating: 0, count: count * width)
        var missing: [[Float]] = [], firstOf: [[Float]: Int] = [:]
        lock.withLock {
            for c in 0..<count {
                let mask = Array(masks[(c * n)..<((c + 1) * n)])
                if let hit = full[mask] {
                    result.replaceSubrange((c * width)..<((c + 1) * width), with: hit)
                } else if firstOf[mask] == nil {
                    firstOf[mask] = missing.count
                    missing.append(mask)
                }
            }
        }
        guard !missing.isEmpty else { return result }
        let computed = base.allScores(masks: missing.flatMap { $0 }, count: missing.count)
        lock.withLock {
            for (b, mask) in missing.enumerated() where full[mask] == nil { full[mask] = Array(computed[(b * width)..<((b + 1) * width)]) }
            for c in 0..<count {
                let mask = Array(masks[(c * n)..<((c + 1) * n)])
                result.replaceSubrange((c * width)..<((c + 1) * width), with: full[mask]!)
            }
        }
        return result
    }

    /// Masks whose every target is remembered cost nothing; the rest go to the wrapped scorer in
    /// one batch (each mask once).
    public func scores(masks: [Float], count: Int, targets: [Int]) -> [Float] {
        let n = events.count, k = targets.count
        var result = [Float](repeating: 0, count: count * k)
        var missing: [Int] = []
        var firstOf: [[Float]: Int] = [:]
        lock.withLock {
            for c in 0..<count {
                let mask = Array(masks[(c * n)..<((c + 1) * n)])
                var found = true
                for (t, item) in targets.enumerated() {
                    guard let value = targeted[TargetedKey(mask: mask, target: item)] else { found = false; break }
                    result[c * k + t] = value
                }
                if !found && firstOf[mask] == nil {
                    firstOf[mask] = missing.count
                    missing.append(c)
                }
            }
        }
        guard !missing.isEmpty else { return result }
        var batch = [Float]()
        batch.reserveCapacity(missing.count * n)
        for c in missing { batch.append(contentsOf: masks[(c * n)..<((c + 1) * n)]) }
        let computed = base.scores(masks: batch, count: missing.count, targets: targets)
        lock.withLock {
            for (b, c) in missing.enumerated() {
                for (t, item) in targets.enumerated() {
                    targeted[TargetedKey(mask: Array(masks[(c * n)..<((c + 1) * n)]), target: item)] = computed[b * k + t]
                }
            }
            for c in 0..<count {
                let mask = Array(masks[(c * n)..<((c + 1) * n)])
                for (t, item) in targets.enumerated() { result[c * k + t] = targeted[TargetedKey(mask: mask, target: item)]! }
            }
        }
        return result
    }
}
