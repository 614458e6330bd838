import RecCore
import Testing

@Suite struct HybridRecommenderTests {
    @Test func scoreIsTheProbabilityTimesTheExpectedRating() {
        let train = blockImplicitData()
        let implicit = LogisticMF(train: train, configuration: .init(factors: 3, iterations: 5))
        let explicit = MatrixFactorization(train: train, configuration: .init(factors: 3, epochs: 3, batchSize: 16))
        let hybrid = HybridRecommender(implicit: implicit, explicit: explicit)
        var scores = [Float](repeating: 0, count: 20)
        for u in [0, 7, 19] {
            hybrid.scores(forUser: u, into: &scores)
            for i in 0..<20 {
                let expected = implicit.probability(user: u, item: i) * explicit.predictedRating(user: u, item: i)
                #expect(abs(scores[i] - expected) <= 1e-5 * max(1, abs(expected)))
                #expect(scores[i] == hybrid.score(user: u, item: i) || abs(scores[i] - hybrid.score(user: u, item: i)) < 1e-5)
            }
        }
        #expect(hybrid.name == "hybrid")
    }
}
