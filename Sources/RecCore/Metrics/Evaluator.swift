import Dispatch

/// Evaluates a recommender on a split: top-K over the full catalogue with each user's training
/// items excluded, against the split's relevant test items.
public enum Evaluator {
    /// Ranked lists for the given users (parallel over users, deterministic output order).
    public static func topKLists(_ model: some Recommender, train: InteractionMatrix, users: [Int], k: Int) -> [[ScoredItem]] {
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
        let users = (0..<split.test.userCount).filter { split.test.rowCount(ofUser: $0) > 0 }
        let relevant = users.map { split.relevantItems(ofUser: $0) }
        let evaluated = zip(users, relevant).filter { !$0.1.isEmpty }
        let lists = topKLists(model, train: split.train, users: evaluated.map(\.0), k: k)
        return RankingMetrics.aggregate(
            lists: lists.map { $0.map(\.item) }, relevant: evaluated.map(\.1), k: k, itemCount: model.itemCount)
    }
}
