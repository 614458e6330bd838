import RecCore
import Testing

@Suite struct SequenceExplanationSummaryTests {
    /// Two users: A with 3 events (the oldest pruned), B with 2 events; one explained item each.
    static func explained() -> [(events: Attribution, details: SequenceExplanation)] {
        let a = Attribution(
            explainer: "timeshap", meaning: TimeSHAP.meaning, level: "event", targets: ["x"],
            players: [.init(label: "pruned", group: ["1"]), .init(label: "event -2", position: -2, historyItem: "2"), .init(label: "event -1", position: -1, historyItem: "3")],
            cells: [.init(player: 0, target: 0, value: 0.01), .init(player: 1, target: 0, value: -0.2), .init(player: 2, target: 0, value: 0.6)],
            output: [1.41], baseline: [1])
        let aFeatures = Attribution(
            explainer: "timeshap", meaning: TimeSHAP.meaning, level: "feature", targets: ["x"], players: [.init(label: "item", feature: "item"), .init(label: "rating", feature: "rating"), .init(label: "pruned", group: ["1"])],
            cells: [.init(player: 0, target: 0, value: 0.5), .init(player: 1, target: 0, value: -0.1)], output: [1.41], baseline: [1])
        let aDeletion = DeletionCurve(target: "x", removed: [0, 1, 2], attributedScore: [1.41, 0.8, 0.5], attributedRank: [1, 4, 20], randomScore: [1.41, 1.2, 1.0], randomRank: [1, 2, 5])
        let b = Attribution(
            explainer: "timeshap", meaning: TimeSHAP.meaning, level: "event", targets: ["y"],
            players: [.init(label: "event -2", position: -2, historyItem: "4"), .init(label: "event -1", position: -1, historyItem: "5")],
            cells: [.init(player: 0, target: 0, value: 0.4), .init(player: 1, target: 0, value: -0.2)], output: [0.2], baseline: [0])
        let bFeatures = Attribution(
            explainer: "timeshap", meaning: TimeSHAP.meaning, level: "feature", targets: ["y"], players: [.init(label: "item", feature: "item"), .init(label: "rating", feature: "rating")],
            cells: [.init(player: 0, target: 0, value: 0.1), .init(player: 1, target: 0, value: 0.1)], output: [0.2], baseline: [0])
        let bDeletion = DeletionCurve(target: "y", removed: [0, 1], attributedScore: [0.2, -0.2], attributedRank: [1, 30], randomScore: [0.2, 0.1], randomRank: [1, 8])
        return [
            (a, SequenceExplanation(features: aFeatures, cells: nil, pruning: PruningSummary(tolerance: 0.025, eventCount: 3, keptCount: 2, older: [0.3, 0.01], recent: [0.5, 0.4]), deletion: aDeletion, baseline: "zero event", exact: true)),
            (b, SequenceExplanation(features: bFeatures, cells: nil, pruning: PruningSummary(tolerance: 0.025, eventCount: 2, keptCount: 2, older: [0.4], recent: [0.2]), deletion: bDeletion, baseline: "zero event", exact: true)),
        ]
    }

    @Test func averagesPositionsFeaturesAndDeletionOverUsers() throws {
        let s = try #require(SequenceExplanationSummary.aggregate(Self.explained(), maxLength: 4, k: 10))
        #expect(s.users == 2)
        // Position −1: |0.6| and |−0.2| → 0.4; −2: |−0.2| and |0.4| → 0.3; −3 only pruned.
        #expect(abs(s.positionMeanAbs[0] - 0.4) < 1e-6 && abs(s.positionMeanAbs[1] - 0.3) < 1e-6)
        #expect(s.positionUsers == [2, 2, 0, 0])
        #expect(s.positionPruned == [0, 0, 1, 0])
        #expect(s.features.map(\.name) == ["item", "rating"])
        #expect(abs(s.features[0].mean - 0.3) < 1e-6 && abs(s.features[1].mean - 0.0) < 1e-6 && abs(s.features[1].meanAbs - 0.1) < 1e-6)
        let d = try #require(s.deletion)
        #expect(d.users == [2, 2, 1])
        // Step 1: drops 0.61 and 0.4 → 0.505; random 0.21 and 0.1 → 0.155; in top-10: ranks 4 and 30 → ½.
        #expect(abs(d.attributedDrop[1] - 0.505) < 1e-6 && abs(d.randomDrop[1] - 0.155) < 1e-6)
        #expect(d.attributedInTopK[1] == 0.5 && d.randomInTopK[1] == 1)
        #expect(abs(d.attributedDrop[2] - 0.91) < 1e-6 && d.attributedInTopK[2] == 0)
    }

    /// With per-order ranks, "still in the top-K" under random removal is the share of orders
    /// that keep the item within K — not whether the mean rank is (ranks 2 and 30 average 16).
    @Test func randomOrdersAreCountedOneByOneNotThroughTheirMeanRank() throws {
        var explained = Self.explained()
        explained[0].1.deletion!.randomRanks = [[1, 2, 2], [1, 30, 30]]
        explained[1].1.deletion!.randomRanks = [[1, 8], [1, 9]]
        let d = try #require(SequenceExplanationSummary.aggregate(explained, maxLength: 4, k: 10)?.deletion)
        // Step 1: user a ½ of its orders, user b both → (½ + 1)/2; step 2: only user a, ½.
        #expect(d.randomInTopK[1] == 0.75 && d.randomInTopK[2] == 0.5)
        #expect(DeletionCurve(target: "z", removed: [0], attributedScore: [1], attributedRank: [1], randomScore: [1], randomRank: [16],
                              randomRanks: [[2], [30]]).randomShareInTop(10, step: 0) == 0.5)
    }

    @Test func nothingExplainedGivesNoSummary() {
        #expect(SequenceExplanationSummary.aggregate([], maxLength: 20, k: 10) == nil)
    }
}
