import Foundation
import RecCore
import Testing

@Suite struct FidelityTests {
    /// 6 items. The user's history: e0 on item 1, e1 on item 2, e2 on item 3 (excluded from
    /// ranking, whatever their scores: 9 per event). Candidates: A = item 0, T = item 4 (the
    /// target), B = item 5.
    ///
    ///            A    T    B
    ///   bias     1    1    2
    ///   e0       0    3    1
    ///   e1       1    2    0
    ///   e2       2    1    2
    ///
    /// Full history: A 4, T 7, B 5 → T rank 1. Empty: A 1, T 1, B 2.
    static func handScorer() -> AdditiveScorer {
        var weights = [[Float]](repeating: [Float](repeating: 0, count: 6), count: 6)
        weights[1] = [0, 9, 9, 9, 3, 1]
        weights[2] = [1, 9, 9, 9, 2, 0]
        weights[3] = [2, 9, 9, 9, 1, 2]
        return AdditiveScorer(historyItems: [1, 2, 3], weights: weights, bias: [1, 0, 0, 0, 1, 2])
    }

    static func close(_ a: [Double]?, _ b: [Double], _ tolerance: Double = 1e-12) -> Bool {
        guard let a, a.count == b.count else { return false }
        return zip(a, b).allSatisfy { abs($0 - $1) <= tolerance }
    }

    @Test func arraySplitChunkSizes() {
        // numpy.array_split(range(n), 10): the first n % 10 chunks get one extra element.
        #expect(FidelityChunks.sizes(of: 3, chunks: 10) == [1, 1, 1, 0, 0, 0, 0, 0, 0, 0])
        #expect(FidelityChunks.sizes(of: 10, chunks: 10) == [Int](repeating: 1, count: 10))
        #expect(FidelityChunks.sizes(of: 23, chunks: 10) == [3, 3, 3, 2, 2, 2, 2, 2, 2, 2])
        #expect(FidelityChunks.leadingCounts(of: 3, chunks: 10) == [0, 1, 2, 3, 3, 3, 3, 3, 3, 3, 3])
        // The last t chunks: empty until t = 8 for n = 3.
        #expect(FidelityChunks.trailingCounts(of: 3, chunks: 10) == [0, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3])
        #expect(FidelityChunks.leadingCounts(of: 23, chunks: 10) == [0, 3, 6, 9, 11, 13, 15, 17, 19, 21, 23])
        #expect(FidelityChunks.trailingCounts(of: 23, chunks: 10) == [0, 2, 4, 6, 8, 10, 12, 14, 17, 20, 23])
    }

    @Test func rankCountsHigherScoresAndLowerIndexTies() {
        // Target 2 scores 5. Item 0 ties with a lower index (ahead), item 3 ties with a higher
        // index (not ahead), item 1 is higher but excluded, item 4 is higher, item 5 is −∞.
        let scores: [Float] = [5, 9, 5, 5, 6, -.infinity]
        let excluded = [false, true, false, false, false, false]
        #expect(TargetRank.rank(of: 2, in: scores, excluded: excluded) == 3)
        #expect(TargetRank.rank(of: 5, in: scores, excluded: excluded) == nil)
    }

    @Test func handComputedCurves() {
        let scorer = Self.handScorer()
        // Ranking by true contributions to T: e0 (3), e1 (2), e2 (1).
        let curves = FidelityCurves.evaluate(scorer: scorer, target: 4, ranking: [0, 1, 2], excluded: [1, 2, 3], ks: [1, 2])
        #expect(curves.metrics.map(\.name) == ["DEL", "INS", "CNDCG", "POS@1", "POS@2", "NEG@1", "NEG@2"])
        #expect(curves.fullHistoryRank == 1)
        // Steps remove the top t chunks; n = 3 so the cumulative removed counts are
        // 0, 1, 2, 3, 3, … (t = 0 … 10).
        //   removed none:      A 4, T 7, B 5        → rank 1
        //   removed e0:        A 4, T 4, B 4        → A ties with a lower index (ahead), B ties with a higher one (not) → rank 2
        //   removed e0, e1:    A 3, T 2, B 4        → rank 3
        //   removed all:       A 1, T 1, B 2        → A ahead by the tie rule, B higher → rank 3
        // POS@1 = [1, 0, 0 ×9] → AUC 1/11; POS@2 = [1, 1, 0 ×9] → AUC 2/11.
        #expect(curves.curve("POS@1") == [1] + [Double](repeating: 0, count: 10))
        #expect(curves.curve("POS@2") == [1, 1] + [Double](repeating: 0, count: 9))
        #expect(abs(curves.auc("POS@1")! - 1.0 / 11) < 1e-12)
        #expect(abs(curves.auc("POS@2")! - 2.0 / 11) < 1e-12)
        // CNDCG = 1/log₂(rank + 1) = [1, 1/log₂3, 0.5 ×9]; AUC = (1 + 0.6309297535714574 + 4.5) / 11.
        #expect(Self.close(curves.curve("CNDCG"), [1, 1 / log2(3.0)] + [Double](repeating: 0.5, count: 9)))
        #expect(abs(curves.auc("CNDCG")! - 0.5573572503246780) < 1e-12)
        // DEL: s(H) = 7, s(∅) = 1, ŝ = (s − 1) / 6. Scores 7, 4, 2, 1 ×8 → [1, 0.5, 1/6, 0 ×8];
        // AUC = (1 + 0.5 + 1/6) / 11 = 0.15151…
        #expect(Self.close(curves.curve("DEL"), [1, 0.5, 1.0 / 6] + [Double](repeating: 0, count: 8)))
        #expect(abs(curves.auc("DEL")! - (5.0 / 3) / 11) < 1e-12)
        // INS keeps only the top t chunks: T = 1, 1+3 = 4, 1+3+2 = 6, 7 ×8 → [0, 0.5, 5/6, 1 ×8];
        // AUC = (0.5 + 5/6 + 8) / 11 = 0.84848…
        #expect(Self.close(curves.curve("INS"), [0, 0.5, 5.0 / 6] + [Double](repeating: 1, count: 8)))
        #expect(abs(curves.auc("INS")! - (28.0 / 3) / 11) < 1e-12)
        // NEG removes the bottom t chunks: the last chunks are the empty ones, so removed counts
        // are 0 ×8, 1, 2, 3.
        //   removed e2:        A 2, T 6, B 3        → rank 1
        //   removed e2, e1:    A 1, T 4, B 3        → rank 1
        //   removed all:       rank 3
        // NEG@1 = NEG@2 = [1 ×10, 0] → AUC 10/11.
        #expect(curves.curve("NEG@1") == [Double](repeating: 1, count: 10) + [0])
        #expect(curves.curve("NEG@2") == [Double](repeating: 1, count: 10) + [0])
        #expect(abs(curves.auc("NEG@1")! - 10.0 / 11) < 1e-12)

        // Fixed lengths K_e = 1 … 5, clamped to n = 3: 1, 2, 3, 3, 3.
        // Remove the top K_e: ranks 2, 3, 3, 3, 3.
        #expect(curves.fixedValues("POS@1") == [0, 0, 0, 0, 0])
        #expect(curves.fixedValues("POS@2") == [1, 0, 0, 0, 0])
        #expect(Self.close(curves.fixedValues("DEL"), [0.5, 1.0 / 6, 0, 0, 0]))
        #expect(Self.close(curves.fixedValues("CNDCG"), [1 / log2(3.0), 0.5, 0.5, 0.5, 0.5]))
        // Keep only the top K_e: T = 4, 6, 7, 7, 7.
        #expect(Self.close(curves.fixedValues("INS"), [0.5, 5.0 / 6, 1, 1, 1]))
        // Remove the bottom K_e: ranks 1, 1, 3, 3, 3.
        #expect(curves.fixedValues("NEG@1") == [1, 1, 0, 0, 0])
        #expect(curves.fixedValues("NEG@2") == [1, 1, 0, 0, 0])
    }

    @Test func equalFullAndEmptyScoresLeaveDeletionUndefined() {
        // T's weights are all 0: s(H) = s(∅) = 1, so DEL and INS are undefined; ranks still count.
        var weights = [[Float]](repeating: [Float](repeating: 0, count: 3), count: 3)
        weights[1] = [1, 0, 0]
        let scorer = AdditiveScorer(historyItems: [1, 2], weights: weights, bias: [0, 0, 1])
        let curves = FidelityCurves.evaluate(scorer: scorer, target: 2, ranking: [0, 1], excluded: [1], ks: [1])
        #expect(curves.curve("DEL") == nil)
        #expect(curves.curve("INS") == nil)
        #expect(curves.curve("POS@1") != nil)
        let summary = FidelitySummary.aggregate([curves], metrics: curves.metrics, seed: 1)
        #expect(summary.metric("DEL")?.users == 0)
        #expect(summary.metric("DEL")?.mean == nil)
        #expect(summary.metric("POS@1")?.users == 1)
    }

    @Test func aGapBelowATenthOfTheScoreSpreadLeavesDeletionUndefined() {
        // The rankable items 0, 1, 3 score 0, 10 and 5 + effect with the full history (population
        // standard deviation ≈ 4.09); the target 3's history moves it by `effect`:
        // 0.4 < 0.1 · 4.087 → DEL/INS undefined; 0.6 > 0.1 · 4.092 → defined.
        func curves(_ effect: Float) -> FidelityCurves {
            var weights = [[Float]](repeating: [Float](repeating: 0, count: 4), count: 4)
            weights[2] = [0, 0, 0, effect]
            let scorer = AdditiveScorer(historyItems: [2], weights: weights, bias: [0, 10, 0, 5])
            return FidelityCurves.evaluate(scorer: scorer, target: 3, ranking: [0], excluded: [2], ks: [1])
        }
        #expect(curves(0.4).curve("DEL") == nil && curves(0.4).curve("INS") == nil)
        #expect(curves(0.6).curve("DEL") != nil && curves(0.6).curve("POS@1") != nil)
        #expect(curves(0.4).curve("POS@1") != nil)
    }

    @Test func bootstrapIsDeterministicAndBracketsTheMean() {
        let values = (0..<50).map { Double(($0 * 37) % 11) / 10 }
        let a = Bootstrap.percentileInterval(values, generator: SplitMix64(seed: 7))!
        let b = Bootstrap.percentileInterval(values, generator: SplitMix64(seed: 7))!
        let c = Bootstrap.percentileInterval(values, generator: SplitMix64(seed: 8))!
        #expect(a == b)
        #expect(a != c)
        let mean = values.reduce(0, +) / Double(values.count)
        #expect(a.low < mean && mean < a.high)
        // One value: every resample has the same mean.
        #expect(Bootstrap.percentileInterval([0.25], generator: SplitMix64(seed: 1))! == (0.25, 0.25))
    }

    @Test func kendallTauOnKnownPairs() {
        // a = [1, 2, 3, 4], b = [1, 3, 2, 4]: 5 concordant, 1 discordant pair → τ = 4/6.
        #expect(abs(RankAgreement.kendallTauB([1, 2, 3, 4], [1, 3, 2, 4])! - 4.0 / 6) < 1e-12)
        #expect(RankAgreement.kendallTauB([1, 2, 3], [3, 2, 1]) == -1)
        // Ties: a = [1, 1, 2], b = [1, 2, 3]. Pairs (0,1) tied in a; (0,2), (1,2) concordant.
        // τ-b = 2 / √((3 − 1)(3 − 0)) = 2/√6.
        #expect(abs(RankAgreement.kendallTauB([1, 1, 2], [1, 2, 3])! - 2 / 6.0.squareRoot()) < 1e-12)
        #expect(RankAgreement.kendallTauB([1, 1, 1], [1, 2, 3]) == nil)
        #expect(RankAgreement.topOverlap([0, 1, 2, 3], [2, 0, 3, 1]) == 2.0 / 3)
        // Ties in values rank the more recent (higher-index) event first.
        #expect(RankAgreement.ranking([1, 3, 1, 0]) == [1, 2, 0, 3])
    }

    /// 40 items, 24 users with 6–11 events; random non-negative weights.
    static func runnerFixture() -> (AdditiveModel, ExplanationContext) {
        var rng = SplitMix64(seed: 99)
        let items = 40, users = 24
        var interactions: [Interaction] = []
        for u in 0..<users {
            let n = 6 + rng.nextInt(below: 6)
            for (t, item) in rng.sample(n, from: items).enumerated() {
                interactions.append(Interaction(user: u, item: item, rating: 1, timestamp: Int64(t)))
            }
        }
        let train = InteractionMatrix(userCount: users, itemCount: items, interactions: interactions)
        let weights = (0..<items).map { _ in (0..<items).map { _ in Float(rng.nextInt(below: 100)) / 10 } }
        let bias = (0..<items).map { _ in Float(rng.nextInt(below: 50)) / 10 }
        let model = AdditiveModel(train: train, weights: weights, bias: bias)
        let context = ExplanationContext(train: train, itemIDs: (0..<items).map { "i\($0)" }, titles: (0..<items).map { "Item \($0)" }, seed: 5)
        return (model, context)
    }

    @Test func runnerRanksTheTrueContributionsAboveTheirReverse() {
        let (model, context) = Self.runnerFixture()
        var runner = FidelityRunner()
        runner.ks = [1, 3]
        runner.resamples = 200
        let users = FidelityRunner.sampleUsers(train: context.train, count: 16, seed: 5)
        #expect(users.count == 16)
        #expect(users == FidelityRunner.sampleUsers(train: context.train, count: 16, seed: 5))
        let explainers: [any Explainer] = [ContributionExplainer(mode: .truth), ContributionExplainer(mode: .reversed), ContributionExplainer(mode: .constant)]
        let output = runner.run(models: [model], explainers: explainers, users: users, context: context)
        let artifact = output.artifact
        #expect(artifact.models.count == 1)
        let result = artifact.models[0]
        #expect(result.users == 16)
        #expect(result.rows.map(\.explainer) == ["truth", "reversed", "constant"])
        let truth = result.rows[0].summary, reversed = result.rows[1].summary
        #expect(truth.metric("DEL")!.mean! < reversed.metric("DEL")!.mean!)
        #expect(truth.metric("INS")!.mean! > reversed.metric("INS")!.mean!)
        #expect(truth.metric("POS@1")!.mean! < reversed.metric("POS@1")!.mean!)
        #expect(truth.metric("CNDCG")!.mean! < reversed.metric("CNDCG")!.mean!)
        for metric in truth.metrics {
            #expect(metric.curve.count == 11 && metric.fixed.count == 5)
            #expect(metric.low! <= metric.mean! && metric.mean! <= metric.high!)
        }
        // The full history is step 0 of DEL (1) and step 10 of INS (1); the empty one the other end.
        #expect(abs(truth.metric("DEL")!.curve[0] - 1) < 1e-6 && abs(truth.metric("DEL")!.curve[10]) < 1e-6)
        #expect(result.rows[0].evaluationsPerExplanation == 1)
        #expect(result.rows[1].evaluationsPerExplanation == 2)
        // Truth vs reversed: values negated → τ = −1 (weights without ties) and top-3 overlap 0.
        let pair = result.agreement[0]
        #expect(pair.first == "truth" && pair.second == "reversed" && pair.users == 16)
        #expect(pair.topOverlap == 0)
        #expect(abs(pair.kendallTau! + 1) < 1e-12 && pair.tauUsers == 16)
        // The constant explainer has no τ (every value tied).
        #expect(result.agreement[1].kendallTau == nil && result.agreement[1].tauUsers == 0)
        // Same inputs ⇒ same artifact; CSV one row per (model, explainer, metric).
        #expect(runner.run(models: [model], explainers: explainers, users: users, context: context).artifact == artifact)
        #expect(artifact.csv().split(separator: "\n").count == 1 + 3 * 7)
        let json = try! JSONEncoder().encode(artifact)
        #expect(try! JSONDecoder().decode(FidelityArtifact.self, from: json) == artifact)
    }
}
