import Testing
@testable import RecCore

@Suite struct MetricUncertaintyTests {
    /// Holm's adjustment of a hand-worked case: p = (0.01, 0.04, 0.03, 0.005), m = 4.
    /// Sorted 0.005, 0.01, 0.03, 0.04 → 4·0.005 = 0.02, 3·0.01 = 0.03, 2·0.03 = 0.06, 1·0.04 → max(0.06, 0.04) = 0.06.
    @Test func holmMatchesAHandWorkedCase() {
        let adjusted = PairedComparison.holm([0.01, 0.04, 0.03, 0.005])
        let expected = [0.03, 0.06, 0.06, 0.02]
        for (a, e) in zip(adjusted, expected) { #expect(abs(a - e) < 1e-12) }
        #expect(PairedComparison.holm([0.6, 0.9]) == [1, 1])
    }

    /// With d = (1, 2, 3) the 8 sign patterns give |sum| = 6, 4, 2, 0, 0, 2, 4, 6: two reach 6,
    /// so the exact p is 2/8 = 0.25; the randomised test converges to it.
    @Test func signFlipPApproachesTheExactEnumeration() {
        let p = PairedComparison.signFlipP([1, 2, 3], permutations: 100_000, generator: SplitMix64(seed: 7))
        #expect(abs(p - 0.25) < 0.01)
        // d = (1, 1, 1, 1, 1, 1, 1, 1): only the two constant patterns reach 8 → 2/256.
        let q = PairedComparison.signFlipP([Double](repeating: 1, count: 8), permutations: 200_000, generator: SplitMix64(seed: 8))
        #expect(abs(q - 2.0 / 256) < 0.002)
        #expect(PairedComparison.signFlipP([0, 0, 0], permutations: 100, generator: SplitMix64(seed: 1)) == 1)
    }

    @Test func theBestIsMarkedAndAClearlyWorseModelIsSignificantlyBelowIt() {
        var rng = SplitMix64(seed: 3)
        let users = 400
        let good = (0..<users).map { _ in Double(rng.nextInt(below: 100)) / 100 }
        let same = good.map { min(1, $0 + (Double(rng.nextInt(below: 3)) - 1) / 1000) }
        let worse = good.map { $0 * 0.5 }
        let result = PairedComparison.compare([worse, good, same], names: ["worse", "good", "same"], permutations: 2000, generator: SplitMix64(seed: 9))
        let best = result[1].versusBest == nil ? "good" : "same"
        #expect(result.filter { $0.versusBest == nil }.count == 1)
        #expect(result[0].versusBest?.best == best)
        #expect(result[0].versusBest!.isSignificant)
        #expect(result[0].versusBest!.difference < 0)
        let other = best == "good" ? result[2] : result[1]
        #expect(other.versusBest.map { !$0.isSignificant } == true)
        // Every interval contains its mean.
        for (values, u) in zip([worse, good, same], result) {
            let mean = values.reduce(0, +) / Double(users)
            #expect(u.low <= mean && mean <= u.high)
        }
        // Deterministic.
        #expect(result == PairedComparison.compare([worse, good, same], names: ["worse", "good", "same"], permutations: 2000, generator: SplitMix64(seed: 9)))
    }

    @Test func groupsCarryAnNDCGIntervalAroundTheirMean() {
        var configuration = SyntheticGenerator.Configuration()
        (configuration.users, configuration.items, configuration.interactions, configuration.seed) = (120, 80, 3000, 5)
        let split = Split(SyntheticGenerator.generate(configuration).interactions,
                          strategy: .random(testFraction: 0.2), minRelevantRating: 0, seed: 5)
        let model = PopularityRecommender(train: split.train)
        let e = Evaluator.evaluation(model, split: split, k: 10, seed: 5)
        #expect(!e.byActivity.isEmpty)
        for group in e.byActivity {
            let interval = try! #require(group.ndcgInterval)
            #expect(interval.low <= group.metrics.ndcg && group.metrics.ndcg <= interval.high)
        }
        #expect(e.perUser.count == e.users.count && e.users.count == e.metrics.users)
        let mean = e.perUser.reduce(0) { $0 + $1.ndcg } / Double(e.users.count)
        #expect(abs(mean - e.metrics.ndcg) < 1e-12)
    }
}
