import Dispatch
import Foundation

/// Ranking among sampled negatives, the protocol of much of the sequential-recommendation
/// literature (e.g. GRU4Rec and SASRec papers report HR@10/NDCG@10 among 100 negatives).
///
/// For each relevant held-out item t of a user, `negatives` items are drawn uniformly (seeded per
/// user) from the items the user never interacted with (train or test); the rank of t is the number
/// of negatives scoring at least as high as t (ties count against t, so a model that cannot tell
/// the items apart gets no credit; a user who touched every item gets none either). HR@K = [rank < K], NDCG@K = 1/log₂(rank + 2) when rank < K.
/// Values are averaged over a user's relevant items, then over users. Full-catalogue metrics are in
/// ``RankingMetrics``; sampled ones are optimistic and only comparable with sampled figures.
public struct SampledMetrics: Sendable, Codable, Equatable {
    public var k: Int
    /// Negatives drawn per relevant item.
    public var negatives: Int
    public var hitRate: Double
    public var ndcg: Double
    /// Users averaged over.
    public var users: Int

    public init(k: Int, negatives: Int, hitRate: Double, ndcg: Double, users: Int) {
        self.k = k
        self.negatives = negatives
        self.hitRate = hitRate
        self.ndcg = ndcg
        self.users = users
    }

    /// HR and NDCG of one target with score `target` against negative `scores`.
    public static func values(target: Float, negatives scores: some Sequence<Float>, k: Int) -> (hit: Double, ndcg: Double) {
        let rank = scores.count { $0 >= target }
        return rank < k ? (1, 1 / log2(Double(rank + 2))) : (0, 0)
    }

    /// Evaluates `model` on `split` (parallel over users, summed in user order).
    /// - Complexity: one full scoring per evaluated user plus O(negatives · log) sampling.
    public static func evaluate(_ model: some Recommender, split: Split, k: Int, negatives: Int = 100, seed: UInt64) -> SampledMetrics {
        evaluation(model, split: split, k: k, negatives: negatives, seed: seed).metrics
    }

    /// `evaluate` plus each evaluated user's (HR, NDCG), in user order (the users with a relevant
    /// test item, the same as `Evaluator.evaluation`'s).
    public static func evaluation(_ model: some Recommender, split: Split, k: Int, negatives: Int = 100,
                                  seed: UInt64) -> (metrics: SampledMetrics, perUser: [(hit: Double, ndcg: Double)]) {
        let evaluated = (0..<split.test.userCount).map { ($0, split.relevantItems(ofUser: $0)) }.filter { !$0.1.isEmpty }
        let itemCount = model.itemCount
        var perUser = [(Double, Double)](repeating: (0, 0), count: evaluated.count)
        let base = SplitMix64(seed: seed).derived(0x5A3D_1E6A)
        BLAS.withSingleThread {
            perUser.withUnsafeMutableBufferPointer { buffer in
                let output = UnsafeSendable(buffer)
                let chunk = 32
                DispatchQueue.concurrentPerform(iterations: (evaluated.count + chunk - 1) / chunk) { c in
                    var scores = [Float](repeating: 0, count: itemCount)
                    var excluded = [Bool](repeating: false, count: itemCount)
                    for index in (c * chunk)..<min(evaluated.count, (c + 1) * chunk) {
                        let (u, relevant) = evaluated[index]
                        model.scores(forUser: u, into: &scores)
                        let touched = split.train.items[split.train.range(ofUser: u)] + split.test.items[split.test.range(ofUser: u)]
                        for item in touched { excluded[Int(item)] = true }
                        let available = itemCount - Set(touched).count
                        var rng = base.derived(UInt64(u))
                        var hit = 0.0, gain = 0.0
                        for t in relevant where available > 0 {
                            // Rejection sampling with replacement among the items the user never touched.
                            var drawn: [Float] = []
                            drawn.reserveCapacity(negatives)
                            while drawn.count < negatives {
                                let j = rng.nextInt(below: itemCount)
                                if !excluded[j] { drawn.append(scores[j]) }
                            }
                            let v = values(target: scores[t], negatives: drawn, k: k)
                            hit += v.hit
                            gain += v.ndcg
                        }
                        for item in touched { excluded[Int(item)] = false }
                        output.buffer[index] = (hit / Double(relevant.count), gain / Double(relevant.count))
                    }
                }
            }
        }
        let n = Double(max(evaluated.count, 1))
        let metrics = SampledMetrics(
            k: k, negatives: negatives, hitRate: perUser.reduce(0) { $0 + $1.0 } / n, ndcg: perUser.reduce(0) { $0 + $1.1 } / n,
            users: evaluated.count)
        return (metrics, perUser.map { (hit: $0.0, ndcg: $0.1) })
    }
}
