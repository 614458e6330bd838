/// TimeSHAP's temporal-coalition pruning (Bento et al., KDD 2021): how many recent events to
/// explain one by one before lumping the older ones into a single "pruned events" player.
///
/// For each cut i = 1 … n − 1 the sequence is split into two players, the i most recent events
/// ("recent") and the n − i older ones ("older"), and their two-player Shapley values are
/// φ_older(i) = ½[(v(older) − v(∅)) + (v(all) − v(recent))] and
/// φ_recent(i) = ½[(v(recent) − v(∅)) + (v(all) − v(older))], so φ_older + φ_recent = v(all) − v(∅).
///
/// Matched against feedzai/timeshap `timeshap/explainer/pruning.py` (`temp_coalition_pruning`,
/// whose `TimeShapKernel` in "pruning" mode is exactly this two-player game, player 0 = events
/// `[seq_len:]`, player 1 = events `[:seq_len]`, and `shap_values[1]` the older player's value):
/// - timeshap walks `seq_len` = L, L − 1, …, 0 and returns at the first `seq_len < L` with
///   `abs(φ_older) <= tolerance`, as `pruning_idx = seq_len − L`, i.e. minus the number of recent
///   events kept. Here cut i = L − seq_len and `keptCount = −pruning_idx = i`: the first cut, walking
///   back from the most recent event, whose older part has |φ_older| ≤ tolerance.
/// - When no cut 1 … n − 1 qualifies, timeshap reaches `seq_len = 0` (older part empty, φ = 0, so it
///   always qualifies) and returns −L: here `keptCount = n`, nothing pruned.
/// - The test is `|φ_older| <= tolerance` (≤, not <), as in `temp_coalition_pruning`. With several
///   outputs (timeshap has one) a cut qualifies only if the test holds for every output.
/// - timeshap skips pruning when `tolerance` is falsy (None or 0) and then reports −L; a negative
///   tolerance can never be met, so it also reports −L. Here tolerance ≤ 0 gives `keptCount = n`.
///   The curve (`olderValues`, `recentValues`) is computed whatever the tolerance, as timeshap's
///   `ret_plot_data` does, so it can be plotted.
public struct TemporalPruning: Sendable, Equatable {
    /// For each cut i = 1 … n−1 (the i most recent events are "recent", the n−i older ones
    /// "older"): the older part's two-player Shapley value, per output. Shape [n − 1][outputCount].
    public var olderValues: [[Double]]
    /// The recent part's two-player Shapley value for each cut, per output. Shape [n − 1][outputCount].
    public var recentValues: [[Double]]
    /// Number of most recent events kept as separate players; the older n − keptCount events form
    /// one "pruned" player (keptCount == n: nothing pruned). 0 only when n = 0.
    public var keptCount: Int
    /// The tolerance the cut was chosen with.
    public var tolerance: Double

    /// Memberwise initialiser.
    public init(olderValues: [[Double]], recentValues: [[Double]], keptCount: Int, tolerance: Double) {
        self.olderValues = olderValues
        self.recentValues = recentValues
        self.keptCount = keptCount
        self.tolerance = tolerance
    }

    /// Runs the pruning for n events and `outputCount` outputs.
    ///
    /// `evaluate` receives masks over the n event players (oldest event = player 0, most recent =
    /// player n − 1) and returns `batch.count × outputCount` values, `result[c * outputCount + o]`.
    /// It is called once, with ∅, all events, then older(i) and recent(i) for i = 1 … n − 1: 2n
    /// coalitions (n ≥ 2). Walks from the most recent event back and stops at the first cut where
    /// |φ_older| ≤ tolerance for EVERY output; tolerance ≤ 0 disables pruning (keptCount = n) but
    /// the curve is still computed. n ≤ 1 has no cut: `evaluate` is not called, keptCount = n.
    /// O(n · (n + outputCount)) besides `evaluate`.
    public static func compute(
        eventCount n: Int, outputCount: Int, tolerance: Double, evaluate: (CoalitionBatch) -> [Double]
    ) -> TemporalPruning {
        precondition(n >= 0 && outputCount >= 0)
        guard n >= 2 else { return TemporalPruning(olderValues: [], recentValues: [], keptCount: n, tolerance: tolerance) }
        var batch = CoalitionBatch(playerCount: n)
        batch.reserveCapacity(2 * n)
        batch.append(repeatElement(false, count: n))
        batch.append(repeatElement(true, count: n))
        for recent in 1..<n {
            let boundary = n - recent  // events 0 ..< boundary are older
            batch.append((0..<n).lazy.map { $0 < boundary })
            batch.append((0..<n).lazy.map { $0 >= boundary })
        }
        let v = evaluate(batch)
        precondition(v.count == batch.count * outputCount, "evaluate returned \(v.count) values for \(batch.count) × \(outputCount)")

        func value(_ coalition: Int, _ o: Int) -> Double { v[coalition * outputCount + o] }
        var older: [[Double]] = [], recent: [[Double]] = []
        var kept = n
        for cut in 1..<n {
            let olderRow = 2 * cut, recentRow = 2 * cut + 1
            let phiOlder = (0..<outputCount).map { o in
                0.5 * ((value(olderRow, o) - value(0, o)) + (value(1, o) - value(recentRow, o)))
            }
            let phiRecent = (0..<outputCount).map { o in
                0.5 * ((value(recentRow, o) - value(0, o)) + (value(1, o) - value(olderRow, o)))
            }
            older.append(phiOlder)
            recent.append(phiRecent)
            if kept == n && tolerance > 0 && phiOlder.allSatisfy({ abs($0) <= tolerance }) { kept = cut }
        }
        return TemporalPruning(olderValues: older, recentValues: recent, keptCount: kept, tolerance: tolerance)
    }
}
