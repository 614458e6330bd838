import Foundation
import RecCore
import Testing

@Suite struct SampledMetricsTests {
    @Test func rankCountsNegativesScoringAtLeastAsHigh() {
        // Target 0.5 against negatives: two above, one tie (counts against), rest below → rank 3.
        let v = SampledMetrics.values(target: 0.5, negatives: [0.9, 0.7, 0.5, 0.1, 0.2], k: 10)
        #expect(v.hit == 1)
        #expect(abs(v.ndcg - 1 / log2(5.0)) < 1e-12)
        #expect(SampledMetrics.values(target: 0.5, negatives: [0.9, 0.7, 0.5], k: 3).hit == 0)
        // A model that cannot tell items apart (all -inf) gets no credit.
        #expect(SampledMetrics.values(target: -.infinity, negatives: [Float](repeating: -.infinity, count: 100), k: 10).hit == 0)
    }

    /// A recommender that scores item i as i: on a hand-built split the rank of each held-out
    /// item among sampled negatives is known.
    struct ByIndex: Recommender {
        var name: String { "by-index" }
        var displayName: String { "By index" }
        var summary: String { "" }
        var hyperparameters: [String: String] { [:] }
        let itemCount: Int
        var scoreUnit: ScoreUnit { ScoreUnit(short: "score", meaning: "a test score.") }
        func scores(forUser user: Int, into scores: inout [Float]) { for i in scores.indices { scores[i] = Float(i) } }
    }

    @Test func bestItemIsAlwaysAHitAndWorstNever() {
        // 2 users, 300 items: user 0 holds out the best item (299), user 1 the worst unseen one (1).
        let train = InteractionMatrix(userCount: 2, itemCount: 300, interactions: [
            Interaction(user: 0, item: 0, rating: 5, timestamp: 1), Interaction(user: 1, item: 0, rating: 5, timestamp: 1),
        ])
        let test = InteractionMatrix(userCount: 2, itemCount: 300, interactions: [
            Interaction(user: 0, item: 299, rating: 5, timestamp: 2), Interaction(user: 1, item: 1, rating: 5, timestamp: 2),
        ])
        let split = Split(strategy: .leaveLastOut, train: train, test: test, minRelevantRating: 4)
        let m = SampledMetrics.evaluate(ByIndex(itemCount: 300), split: split, k: 10, negatives: 100, seed: 1)
        #expect(m.users == 2)
        #expect(m.hitRate == 0.5)
        #expect(abs(m.ndcg - 0.5) < 1e-12)
    }
}
