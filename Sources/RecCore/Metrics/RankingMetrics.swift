import Foundation

/// Top-K ranking quality averaged over evaluated users, with the catalogue coverage of the lists.
///
/// For one user with relevant set R and ranked list L (seen items excluded, |L| ≤ K):
/// - HitRate@K = 1 if any item of L is in R;
/// - Recall@K = |L ∩ R| / |R|;
/// - MRR@K = 1 / (rank of the first relevant item in L), 0 if none;
/// - NDCG@K = Σ_{r: L[r] ∈ R} 1/log₂(r + 1) divided by the ideal Σ_{r=1}^{min(|R|, K)} 1/log₂(r + 1)
///   (ranks r start at 1);
/// - Coverage@K = |∪ L over all evaluated users| / catalogue size (not averaged).
public struct RankingMetrics: Sendable, Codable, Equatable {
    public var k: Int
    public var ndcg: Double
    public var hitRate: Double
    public var recall: Double
    public var mrr: Double
    public var coverage: Double
    /// Number of users averaged over (users with at least one relevant test item).
    public var users: Int

    public init(k: Int, ndcg: Double, hitRate: Double, recall: Double, mrr: Double, coverage: Double, users: Int) {
        self.k = k
        self.ndcg = ndcg
        self.hitRate = hitRate
        self.recall = recall
        self.mrr = mrr
        self.coverage = coverage
        self.users = users
    }

    /// Per-user values of one ranked list against its relevant items (sorted ascending).
    public struct UserValues: Sendable, Equatable {
        public var ndcg = 0.0, hit = 0.0, recall = 0.0, reciprocalRank = 0.0
    }

    /// Metrics of one ranked list. `relevant` must be sorted ascending; `k` caps the list.
    public static func userValues(ranked: [Int], relevant: [Int], k: Int) -> UserValues {
        var values = UserValues()
        guard !relevant.isEmpty else { return values }
        var dcg = 0.0, hits = 0
        for (r, item) in ranked.prefix(k).enumerated() where binarySearch(relevant, item) {
            dcg += 1 / log2(Double(r + 2))
            hits += 1
            if values.reciprocalRank == 0 { values.reciprocalRank = 1 / Double(r + 1) }
        }
        var ideal = 0.0
        for r in 0..<min(relevant.count, k) { ideal += 1 / log2(Double(r + 2)) }
        values.ndcg = dcg / ideal
        values.hit = hits > 0 ? 1 : 0
        values.recall = Double(hits) / Double(relevant.count)
        return values
    }

    /// Averages per-user lists: `lists[u]` ranked items, `relevant[u]` sorted relevant items;
    /// users with no relevant item are skipped. Sums run in user order (deterministic).
    public static func aggregate(lists: [[Int]], relevant: [[Int]], k: Int, itemCount: Int) -> RankingMetrics {
        var sum = UserValues(), users = 0
        var covered = [Bool](repeating: false, count: itemCount)
        for (list, rel) in zip(lists, relevant) where !rel.isEmpty {
            let v = userValues(ranked: list, relevant: rel, k: k)
            sum.ndcg += v.ndcg
            sum.hit += v.hit
            sum.recall += v.recall
            sum.reciprocalRank += v.reciprocalRank
            users += 1
            for item in list.prefix(k) { covered[item] = true }
        }
        let n = Double(max(users, 1))
        let coverage = itemCount == 0 ? 0 : Double(covered.count { $0 }) / Double(itemCount)
        return RankingMetrics(
            k: k, ndcg: sum.ndcg / n, hitRate: sum.hit / n, recall: sum.recall / n, mrr: sum.reciprocalRank / n,
            coverage: coverage, users: users)
    }
}

private func binarySearch(_ sorted: [Int], _ x: Int) -> Bool {
    var lo = 0, hi = sorted.count
    while lo < hi {
        let mid = (lo + hi) / 2
        if sorted[mid] < x { lo = mid + 1 } else { hi = mid }
    }
    return lo < sorted.count && sorted[lo] == x
}
