/// The rank of one item among every recommendable, non-excluded item.
public enum TargetRank {
    /// 1 + the number of items ahead of `target`: items not in `excluded`, other than the
    /// target, whose score is strictly higher, or equal with a lower item index (the tie rule of
    /// `TopK.select`, so the rank agrees with the model's top-K lists).
    ///
    /// nil when the target's own score is −∞ or NaN: the model never recommends it then (POS
    /// and NEG read 0, CNDCG 0). Items scored −∞ or NaN are never ahead. O(items).
    /// - Parameter excluded: one flag per item (`true` = the user's training item).
    public static func rank(of target: Int, in scores: [Float], excluded: [Bool]) -> Int? {
        let s = scores[target]
        guard s > -.infinity, !s.isNaN else { return nil }
        var ahead = 0
        for i in 0..<scores.count where i != target && !excluded[i] {
            let v = scores[i]
            if v > s || (v == s && i < target) { ahead += 1 }
        }
        return ahead + 1
    }
}
