/// How sure a per-user mean metric is, and whether it differs from the best model's: what a
/// leaderboard needs before it bolds a "best".
///
/// `low`…`high` is the 95 % percentile bootstrap interval of the mean over users (`Bootstrap`,
/// 1,000 resamples); every model of a metric draws the same resampled users, so intervals are
/// paired. `versusBest` compares the model with the metric's best model on the same users.
public struct MetricUncertainty: Sendable, Codable, Equatable {
    public var low: Double
    public var high: Double
    /// nil for the best model itself (or when only one model was evaluated).
    public var versusBest: PairedTest?

    public init(low: Double, high: Double, versusBest: PairedTest? = nil) {
        self.low = low
        self.high = high
        self.versusBest = versusBest
    }
}

/// A two-sided paired randomisation test of one model's per-user metric against the best
/// model's (Fisher's sign-flip test, the test Smucker, Allan & Carterette (CIKM 2007) recommend
/// for IR evaluation): with dᵤ = aᵤ − bᵤ, p is the share of random sign flips sᵤ ∈ {±1} whose
/// |mean(sᵤdᵤ)| reaches the observed |mean(dᵤ)|, counted as (hits + 1)/(permutations + 1).
/// `adjustedP` is Holm's step-down adjustment over all models compared with the same best, so
/// "significant" (adjusted p < 0.05) holds family-wise for the leaderboard column.
public struct PairedTest: Sendable, Codable, Equatable {
    /// Name of the best model of the metric.
    public var best: String
    /// This model's mean minus the best's.
    public var difference: Double
    public var p: Double
    public var adjustedP: Double

    public init(best: String, difference: Double, p: Double, adjustedP: Double) {
        self.best = best
        self.difference = difference
        self.p = p
        self.adjustedP = adjustedP
    }

    /// Adjusted p below 0.05.
    public var isSignificant: Bool { adjustedP < 0.05 }
}

public enum PairedComparison {
    /// Intervals and tests of one metric: `values[m][u]` is model m's value for user u (the same
    /// users, in the same order, for every model); `names[m]` its name. The best model has the
    /// highest mean (the first of equal means). Deterministic for a given generator.
    /// O(models · (resamples + permutations) · users).
    public static func compare(_ values: [[Double]], names: [String], resamples: Int = 1000, permutations: Int = 10_000,
                               generator: SplitMix64) -> [MetricUncertainty] {
        precondition(values.count == names.count, "one name per model")
        guard let users = values.first?.count, users > 0 else { return [] }
        precondition(values.allSatisfy { $0.count == users }, "every model must be evaluated on the same users")
        let means = values.map { $0.reduce(0, +) / Double(users) }
        var best = 0
        for m in means.indices where means[m] > means[best] { best = m }
        var result = values.map { v -> MetricUncertainty in
            let interval = Bootstrap.percentileInterval(v, resamples: resamples, generator: generator.derived(1))!
            return MetricUncertainty(low: interval.low, high: interval.high)
        }
        guard values.count > 1 else { return result }
        let others = values.indices.filter { $0 != best }
        let p = others.map { m in
            signFlipP(zip(values[m], values[best]).map { $0 - $1 }, permutations: permutations, generator: generator.derived(2).derived(UInt64(m)))
        }
        let adjusted = holm(p)
        for (k, m) in others.enumerated() {
            result[m].versusBest = PairedTest(best: names[best], difference: means[m] - means[best], p: p[k], adjustedP: adjusted[k])
        }
        return result
    }

    /// The two-sided sign-flip p-value of paired differences `d` (1 when every difference is 0).
    public static func signFlipP(_ d: [Double], permutations: Int, generator: SplitMix64) -> Double {
        let n = d.count
        guard n > 0 else { return 1 }
        let observed = abs(d.reduce(0, +))
        // A flipped sum reaching the observed one up to rounding counts as reaching it.
        let threshold = observed - 1e-12 * (1 + observed)
        var rng = generator
        var hits = 0
        for _ in 0..<permutations {
            var sum = 0.0, bits: UInt64 = 0
            for u in 0..<n {
                if u % 64 == 0 { bits = rng.next() }
                sum += (bits & 1) == 0 ? d[u] : -d[u]
                bits >>= 1
            }
            if abs(sum) >= threshold { hits += 1 }
        }
        return Double(hits + 1) / Double(permutations + 1)
    }

    /// Holm's step-down adjustment: with p sorted ascending p₍₁₎ ≤ … ≤ p₍ₘ₎,
    /// p̃₍ᵢ₎ = max_{j ≤ i} min(1, (m − j + 1)·p₍ⱼ₎), returned in the input order.
    public static func holm(_ p: [Double]) -> [Double] {
        let m = p.count
        let order = p.indices.sorted { p[$0] != p[$1] ? p[$0] < p[$1] : $0 < $1 }
        var adjusted = [Double](repeating: 1, count: m)
        var running = 0.0
        for (rank, index) in order.enumerated() {
            running = max(running, min(1, Double(m - rank) * p[index]))
            adjusted[index] = running
        }
        return adjusted
    }
}

/// The per-user-mean metrics of the leaderboard that carry intervals and paired tests
/// (Coverage and RMSE are not means over users).
public enum LeaderboardMetric: String, CaseIterable, Sendable {
    case ndcg, hitRate, recall, mrr, sampledNDCG, sampledHitRate

    /// The key in `ModelArtifact.uncertainty`.
    public var key: String { rawValue }

    /// A user's value of the metric; nil for the sampled metrics of a model without them.
    public func value(_ full: RankingMetrics.UserValues, sampled: (hit: Double, ndcg: Double)?) -> Double? {
        switch self {
        case .ndcg: full.ndcg
        case .hitRate: full.hit
        case .recall: full.recall
        case .mrr: full.reciprocalRank
        case .sampledNDCG: sampled?.ndcg
        case .sampledHitRate: sampled?.hit
        }
    }
}
