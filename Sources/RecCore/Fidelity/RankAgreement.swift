/// How much two explainers agree on one user's history.
public enum RankAgreement {
    /// Kendall's τ-b of two value vectors over the same events (ties handled):
    /// (n_c − n_d) / √((n₀ − n₁)(n₀ − n₂)), with n₀ = n(n−1)/2 pairs, n_c / n_d the concordant /
    /// discordant pairs and n₁ / n₂ the pairs tied in `a` / in `b`. nil when either vector is
    /// constant (or has fewer than 2 values). O(n²).
    public static func kendallTauB(_ a: [Double], _ b: [Double]) -> Double? {
        precondition(a.count == b.count)
        let n = a.count
        guard n >= 2 else { return nil }
        var concordant = 0, discordant = 0, tiedA = 0, tiedB = 0
        for i in 0..<(n - 1) {
            for j in (i + 1)..<n {
                let da = a[i] - a[j], db = b[i] - b[j]
                if da == 0 { tiedA += 1 }
                if db == 0 { tiedB += 1 }
                if da * db > 0 { concordant += 1 } else if da * db < 0 { discordant += 1 }
            }
        }
        let pairs = n * (n - 1) / 2
        let denominator = (Double(pairs - tiedA) * Double(pairs - tiedB)).squareRoot()
        return denominator > 0 ? Double(concordant - discordant) / denominator : nil
    }

    /// |top-k(a) ∩ top-k(b)| / min(k, n) of two rankings (event indices, most important first).
    public static func topOverlap(_ a: [Int], _ b: [Int], k: Int = 3) -> Double {
        let m = min(k, a.count, b.count)
        guard m > 0 else { return 0 }
        return Double(Set(a.prefix(m)).intersection(b.prefix(m)).count) / Double(m)
    }

    /// Event indices ordered by `values`, largest first; ties: the more recent event (higher
    /// index, as events are oldest first) first.
    public static func ranking(_ values: [Double]) -> [Int] {
        values.indices.sorted { values[$0] != values[$1] ? values[$0] > values[$1] : $0 > $1 }
    }
}
