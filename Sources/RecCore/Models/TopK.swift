/// Partial selection of the largest scores.
public enum TopK {
    /// The `k` highest finite-or-not scores except `-infinity`, best first; ties broken by lower
    /// index so the result is deterministic. O(n log k) with a small sorted buffer.
    public static func select(_ scores: [Float], k: Int) -> [ScoredItem] {
        guard k > 0 else { return [] }
        var best: [ScoredItem] = []
        best.reserveCapacity(k + 1)
        for (i, s) in scores.enumerated() where s > -.infinity && !s.isNaN {
            if best.count == k, let last = best.last, !(s > last.score) { continue }
            var lo = 0, hi = best.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if best[mid].score >= s { lo = mid + 1 } else { hi = mid }
            }
            best.insert(ScoredItem(item: i, score: s), at: lo)
            if best.count > k { best.removeLast() }
        }
        return best
    }
}
