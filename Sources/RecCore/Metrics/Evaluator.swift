import Dispatch

/// Evaluates a recommender on a split: top-K over the full catalogue with each user's training
/// items excluded, against the split's relevant test items.
public enum Evaluator {
    /// Ranked lists for the given users (parallel over users, deterministic output order).
    public static func topKLists(_ model: some Recommender, train: InteractionMatrix, users: [Int], k: Int) -> [[ScoredItem]] {
        // Parallel over users: BLAS scoring (factor models) runs single-threaded inside.
        BLAS.withSingleThread { topKListsParallel(model, train: train, users: users, k: k) }
    }

    private static func topKListsParallel(_ model: some Recommender, train: InteractionMatrix, users: [Int], k: Int) -> [[ScoredItem]] {
        var lists = [[ScoredItem]](repeating: [], count: users.count)
        let chunk = 32
        let chunks = (users.count + chunk - 1) / chunk
        lists.withUnsafeMutableBufferPointer { buffer in
            let output = UnsafeSendable(buffer)
            DispatchQueue.concurrentPerform(iterations: chunks) { c in
                var scores = [Float](repeating: 0, count: model.itemCount)
                for index in (c * chunk)..<min(users.count, (c + 1) * chunk) {
                    let u = users[index]
                    output.buffer[index] = model.topK(forUser: u, k: k, excluding: train.items[train.range(ofUser: u)], buffer: &scores)
                }
            }
        }
        return lists
    }

    /// NDCG@K, HitRate@K, Recall@K, MRR@K and Coverage@K over users with a relevant test item.
    public static func evaluate(_ model: some Recommender, split: Split, k: Int) -> RankingMetrics {
        evaluateWithBreakdown(model, split: split, k: k).metrics
    }

    /// Upper bounds (inclusive) of the training-history lengths that group users in the breakdown.
    public static let activityBounds = [10, 25, 50, 100, 200, Int.max]

    /// The metrics and the same metrics per group of users by training-history length
    /// (`activityBounds`), so a reader sees whom a model serves well. Empty groups are left out.
    public static func evaluateWithBreakdown(_ model: some Recommender, split: Split, k: Int) -> (metrics: RankingMetrics, byActivity: [ActivityMetrics]) {
        let e = evaluation(model, split: split, k: k, seed: 0)
        return (e.metrics, e.byActivity)
    }

    /// A model's evaluation with what its uncertainty needs: the per-user values.
    public struct Evaluation: Sendable {
        public var metrics: RankingMetrics
        /// Per activity group, with the 95 % bootstrap interval of its NDCG (`ndcgInterval`).
        public var byActivity: [ActivityMetrics]
        /// The evaluated users (those with a relevant test item; the same for every model of a
        /// split) and each one's values, in that order.
        public var users: [Int]
        public var perUser: [RankingMetrics.UserValues]
    }

    /// `evaluateWithBreakdown` plus the per-user values and each group's NDCG interval
    /// (bootstrap seeded by `seed`).
    public static func evaluation(_ model: some Recommender, split: Split, k: Int, seed: UInt64) -> Evaluation {
        let users = (0..<split.test.userCount).filter { split.test.rowCount(ofUser: $0) > 0 }
        let relevant = users.map { split.relevantItems(ofUser: $0) }
        let evaluated = zip(users, relevant).filter { !$0.1.isEmpty }
        let lists = topKLists(model, train: split.train, users: evaluated.map(\.0), k: k).map { $0.map(\.item) }
        let metrics = RankingMetrics.aggregate(lists: lists, relevant: evaluated.map(\.1), k: k, itemCount: model.itemCount)
        let perUser = zip(lists, evaluated).map { RankingMetrics.userValues(ranked: $0, relevant: $1.1, k: k) }
        let generator = SplitMix64(seed: seed).derived(0xAC71_B00C)
        var groups: [ActivityMetrics] = []
        var lower = 0
        for upper in activityBounds {
            let members = evaluated.indices.filter {
                let n = split.train.rowCount(ofUser: evaluated[$0].0)
                return n > lower && n <= upper
            }
            if !members.isEmpty {
                let m = RankingMetrics.aggregate(
                    lists: members.map { lists[$0] }, relevant: members.map { evaluated[$0].1 }, k: k, itemCount: model.itemCount)
                var group = ActivityMetrics(minEvents: lower + 1, maxEvents: upper == Int.max ? nil : upper, metrics: m)
                if let interval = Bootstrap.percentileInterval(members.map { perUser[$0].ndcg }, generator: generator.derived(UInt64(lower))) {
                    group.ndcgInterval = MetricUncertainty(low: interval.low, high: interval.high)
                }
                groups.append(group)
            }
            lower = upper
        }
        return Evaluation(metrics: metrics, byActivity: groups, users: evaluated.map(\.0), perUser: perUser)
    }
}

/// Ranking metrics of the users whose training history has `minEvents … maxEvents` events.
public struct ActivityMetrics: Sendable, Codable, Equatable {
    public var minEvents: Int
    /// nil = no upper bound.
    public var maxEvents: Int?
    public var metrics: RankingMetrics
    /// The 95 % bootstrap interval of the group's mean NDCG (nil in artifacts written before it).
    public var ndcgInterval: MetricUncertainty?

    public init(minEvents: Int, maxEvents: Int?, metrics: RankingMetrics, ndcgInterval: MetricUncertainty? = nil) {
        self.minEvents = minEvents
        self.maxEvents = maxEvents
        self.metrics = metrics
        self.ndcgInterval = ndcgInterval
    }

    /// "11–25 events", "201+ events".
    public var label: String { maxEvents.map { "\(minEvents)–\($0) events" } ?? "\(minEvents)+ events" }
}
