import RecCore
import Testing

@Suite struct ItemKNNTests {
    /// 4 users × 4 items: items 0 and 1 always together, item 2 with 1 once, item 3 alone.
    static let train = InteractionMatrix(userCount: 4, itemCount: 4, interactions: [
        Interaction(user: 0, item: 0, rating: 5, timestamp: 1), Interaction(user: 0, item: 1, rating: 4, timestamp: 2),
        Interaction(user: 1, item: 0, rating: 3, timestamp: 1), Interaction(user: 1, item: 1, rating: 5, timestamp: 3),
        Interaction(user: 1, item: 2, rating: 2, timestamp: 4),
        Interaction(user: 2, item: 2, rating: 4, timestamp: 1),
        Interaction(user: 3, item: 3, rating: 1, timestamp: 1),
    ])

    @Test func cosineSimilaritiesMatchHandComputation() {
        let knn = ItemKNN(train: Self.train)
        // Items 0 and 1 share users {0, 1}: 2 / sqrt(2 · 2) = 1.
        #expect(abs(knn.storedSimilarity(from: 0, to: 1) - 1) < 1e-6)
        // Items 1 and 2 share user 1: 1 / sqrt(2 · 2) = 0.5.
        #expect(abs(knn.storedSimilarity(from: 1, to: 2) - 0.5) < 1e-6)
        #expect(knn.storedSimilarity(from: 0, to: 3) == 0)
        #expect(knn.neighbours(ofItem: 3).isEmpty)
    }

    @Test func contributionsSumToTheScore() {
        let knn = ItemKNN(train: Self.train)
        var scores = [Float](repeating: 0, count: 4)
        for user in 0..<4 {
            knn.scores(forUser: user, into: &scores)
            for item in 0..<4 {
                let sum = knn.contributions(ofUser: user, toItem: item).reduce(0, +)
                // No evidence scores -infinity (never recommended) and has no contribution.
                #expect(scores[item] == -.infinity ? sum == 0 : abs(sum - scores[item]) < 1e-5)
            }
        }
    }

    @Test func attributionIsAdditiveAndNamesRecentEventsWithNegativePositions() {
        let knn = ItemKNN(train: Self.train)
        let titles = ["A", "B", "C", "D"], ids = ["10", "11", "12", "13"]
        let context = ExplanationContext(train: Self.train, itemIDs: ids, titles: titles, seed: 1)
        let a = ExactExplainer().explain(ExplanationRequest(model: knn, user: 0, targets: [2, 3], context: context))!.attribution
        let dense = a.dense()
        for t in 0..<2 {
            let sum = dense.reduce(Float(0)) { $0 + $1[t] }
            #expect(abs(sum + a.baseline[t] - a.output[t]) < 1e-6)
        }
        // Items 0 and 1 both share user 1 with item 2; item 3 shares no user with anything.
        #expect(a.players == [
            Attribution.Player(label: "A", position: -2, historyItem: "10"), Attribution.Player(label: "B", position: -1, historyItem: "11"),
        ])
        #expect(a.cells.allSatisfy { $0.target == 0 })
    }

    @Test func topKExcludesSeenItemsAndBreaksTiesByIndex() {
        let knn = ItemKNN(train: Self.train)
        var buffer: [Float] = []
        let top = knn.topK(forUser: 2, k: 3, excluding: Self.train.items[Self.train.range(ofUser: 2)], buffer: &buffer)
        #expect(!top.contains { $0.item == 2 })
        // Items 0 and 1 tie at 0.5; item 3 has no evidence (-infinity) and is never recommended.
        #expect(top.map(\.item) == [0, 1])
        #expect(TopK.select([1, 3, 3, 2], k: 3).map(\.item) == [1, 2, 3])
    }

    @Test func sameInputGivesSameNeighbours() {
        let a = ItemKNN(train: Self.train), b = ItemKNN(train: Self.train)
        #expect(a.neighbourItems == b.neighbourItems && a.neighbourSimilarities == b.neighbourSimilarities)
    }
}
