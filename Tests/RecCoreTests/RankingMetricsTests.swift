import Foundation
import RecCore
import Testing

@Suite struct RankingMetricsTests {
    @Test func handComputedSingleUser() {
        // Ranked [5, 3, 9, 1], relevant {1, 3}, K = 3: hits at ranks 2 (item 3); item 1 is at rank 4 > K.
        let v = RankingMetrics.userValues(ranked: [5, 3, 9, 1], relevant: [1, 3], k: 3)
        #expect(v.hit == 1)
        #expect(v.recall == 0.5)
        #expect(v.reciprocalRank == 0.5)
        // DCG = 1/log2(3); IDCG = 1 + 1/log2(3).
        let expected = (1 / log2(3.0)) / (1 + 1 / log2(3.0))
        #expect(abs(v.ndcg - expected) < 1e-12)
    }

    @Test func perfectAndEmptyLists() {
        let perfect = RankingMetrics.userValues(ranked: [2, 4], relevant: [2, 4], k: 2)
        #expect(perfect.ndcg == 1 && perfect.hit == 1 && perfect.recall == 1 && perfect.reciprocalRank == 1)
        let miss = RankingMetrics.userValues(ranked: [7, 8], relevant: [2], k: 2)
        #expect(miss.ndcg == 0 && miss.hit == 0 && miss.recall == 0 && miss.reciprocalRank == 0)
    }

    @Test func idealDCGIsCappedAtK() {
        // 5 relevant items, K = 2, both slots hit: NDCG must be 1, recall 2/5.
        let v = RankingMetrics.userValues(ranked: [1, 2], relevant: [1, 2, 3, 4, 5], k: 2)
        #expect(abs(v.ndcg - 1) < 1e-12)
        #expect(v.recall == 0.4)
    }

    @Test func aggregateAveragesUsersWithRelevantItemsAndCountsCoverage() {
        let m = RankingMetrics.aggregate(
            lists: [[0, 1], [1, 2], [3, 0]], relevant: [[1], [], [9]], k: 2, itemCount: 10)
        // User 0: hit at rank 2; user 1 skipped (no relevant); user 2: miss.
        #expect(m.users == 2)
        #expect(m.hitRate == 0.5)
        #expect(m.mrr == 0.25)
        #expect(abs(m.ndcg - (1 / log2(3.0)) / 2) < 1e-12)
        // Lists of evaluated users cover items {0, 1, 3} of 10.
        #expect(m.coverage == 0.3)
    }
}
