/// How closely a model's full-history fold-in reproduces the trained model, over a set of users:
/// the check that explanations of fold-in scores explain (nearly) the model's own ranking.
///
/// Per user u: the fold-in scores f = `historyScorer(forUser: u).fullScores()` and the trained
/// scores t = `scores(forUser: u)`;
/// - top-K overlap |top-K(f) ∩ top-K(t)| / K, the user's training items excluded from both lists;
/// - Spearman ρ between f and t over the items both score finitely (training items included),
///   ties given their average rank; users with fewer than two such items or a constant score list
///   are left out of `meanSpearman` (and counted in `spearmanUsers`).
/// Both are averaged over users (0 when there are none).
public struct FoldInAgreement: Sendable, Codable, Equatable {
    /// Number of users measured.
    public var users: Int
    /// K of the overlap.
    public var k: Int
    /// Mean top-K overlap, in [0, 1].
    public var meanTopKOverlap: Double
    /// Mean Spearman ρ, in [−1, 1].
    public var meanSpearman: Double
    /// Number of users whose ρ is defined (the denominator of `meanSpearman`).
    public var spearmanUsers: Int

    public init(users: Int, k: Int, meanTopKOverlap: Double, meanSpearman: Double, spearmanUsers: Int) {
        self.users = users
        self.k = k
        self.meanTopKOverlap = meanTopKOverlap
        self.meanSpearman = meanSpearman
        self.spearmanUsers = spearmanUsers
    }

    /// Measures `model` on `users` (dense indices into `train`, the model's training histories).
    /// Sequential and deterministic. O(Σᵤ (scorer build + one full-mask evaluation + I·log I)).
    public static func measure(model: any HistoryConditionedRecommender, users: [Int], train: InteractionMatrix, k: Int = 10) -> FoldInAgreement {
        var overlap = 0.0, spearman = 0.0, defined = 0
        var trained = [Float](repeating: 0, count: model.itemCount)
        for user in users {
            var folded = model.historyScorer(forUser: user).fullScores()
            model.scores(forUser: user, into: &trained)
            if let rho = spearmanCorrelation(folded, trained) {
                spearman += rho
                defined += 1
            }
            var masked = trained
            if user < train.userCount {
                for e in train.range(ofUser: user) {
                    folded[Int(train.items[e])] = -.infinity
                    masked[Int(train.items[e])] = -.infinity
                }
            }
            let a = Set(TopK.select(folded, k: k).map(\.item)), b = TopK.select(masked, k: k).map(\.item)
            overlap += k > 0 ? Double(b.filter(a.contains).count) / Double(k) : 0
        }
        return FoldInAgreement(users: users.count, k: k, meanTopKOverlap: users.isEmpty ? 0 : overlap / Double(users.count),
                               meanSpearman: defined == 0 ? 0 : spearman / Double(defined), spearmanUsers: defined)
    }

    /// Spearman ρ of x and y over the indices where both are finite (average ranks for ties); nil
    /// when fewer than two such indices or either side is constant. O(n log n).
    public static func spearmanCorrelation(_ x: [Float], _ y: [Float]) -> Double? {
        let kept = x.indices.filter { x[$0].isFinite && y[$0].isFinite }
        guard kept.count >= 2 else { return nil }
        let rx = averageRanks(kept.map { x[$0] }), ry = averageRanks(kept.map { y[$0] })
        let n = Double(kept.count), mx = rx.reduce(0, +) / n, my = ry.reduce(0, +) / n
        var sxy = 0.0, sxx = 0.0, syy = 0.0
        for k in rx.indices {
            sxy += (rx[k] - mx) * (ry[k] - my)
            sxx += (rx[k] - mx) * (rx[k] - mx)
            syy += (ry[k] - my) * (ry[k] - my)
        }
        guard sxx > 0, syy > 0 else { return nil }
        return sxy / (sxx * syy).squareRoot()
    }

    /// 1-based ranks (ascending values), tied values sharing their average rank.
    static func averageRanks(_ values: [Float]) -> [Double] {
        let order = values.indices.sorted { values[$0] < values[$1] || (values[$0] == values[$1] && $0 < $1) }
        var ranks = [Double](repeating: 0, count: values.count)
        var start = 0
        while start < order.count {
            var end = start + 1
            while end < order.count && values[order[end]] == values[order[start]] { end += 1 }
            let rank = Double(start + end + 1) / 2  // mean of start+1 ... end
            for k in start..<end { ranks[order[k]] = rank }
            start = end
        }
        return ranks
    }
}
