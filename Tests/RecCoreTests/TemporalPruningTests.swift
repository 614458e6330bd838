import RecCore
import Testing

@Suite struct TemporalPruningTests {
    /// v(S) = Σ_{e ∈ S} weight[e] + constant, per output; events are oldest first.
    private func additive(_ weights: [[Double]], constant: Double = 0.25) -> (CoalitionBatch) -> [Double] {
        let game = InteractionGame.additive(weights: weights, constant: [Double](repeating: constant, count: weights[0].count))
        return { game.values(of: $0) }
    }

    /// Six events; only the two most recent (4, 5) matter, the four older add 0.001 each.
    /// Cut 1 (older = events 0…4) still holds event 4: φ_older = 0.804 > 0.01. Cut 2 (older = 0…3):
    /// φ_older = 0.004 ≤ 0.01, so timeshap's pruning_idx is −2 and keptCount is 2.
    @Test func keepsTheTwoEventsThatMatter() {
        let weights: [[Double]] = [[0.001], [0.001], [0.001], [0.001], [0.8], [1.0]]
        let pruning = TemporalPruning.compute(eventCount: 6, outputCount: 1, tolerance: 0.01, evaluate: additive(weights))
        #expect(pruning.keptCount == 2)
        #expect(pruning.olderValues.count == 5 && pruning.recentValues.count == 5)
        let expectedOlder = [0.804, 0.004, 0.003, 0.002, 0.001]
        for (cut, expected) in expectedOlder.enumerated() {
            #expect(abs(pruning.olderValues[cut][0] - expected) < 1e-12)
            #expect(abs(pruning.olderValues[cut][0] + pruning.recentValues[cut][0] - 1.804) < 1e-12)
        }
    }

    /// An interaction of the two recent events with the older part moves φ_older: the game
    /// v = 1·[5] + 0.5·[4 ∧ 5] + 0.4·[3 ∧ 5]. Cut 1: φ_older = 0.25 + 0.2; cut 2: 0.2; cut 3: 0 ⇒ keptCount 3.
    @Test func interactionsWithOlderEventsCountTowardsTheOlderPart() {
        let game = InteractionGame(
            playerCount: 6, outputCount: 1, constant: [0],
            terms: [.init(members: [5], weights: [1]), .init(members: [4, 5], weights: [0.5]), .init(members: [3, 5], weights: [0.4])])
        let pruning = TemporalPruning.compute(eventCount: 6, outputCount: 1, tolerance: 0.1) { game.values(of: $0) }
        #expect(abs(pruning.olderValues[0][0] - 0.45) < 1e-12)
        #expect(abs(pruning.olderValues[1][0] - 0.2) < 1e-12)
        #expect(abs(pruning.olderValues[2][0]) < 1e-12)
        #expect(pruning.keptCount == 3)
    }

    /// The oldest event matters: every cut's older part holds it, so nothing is pruned.
    @Test func nothingPrunedWhenTheOldestEventMatters() {
        let weights: [[Double]] = [[0.5], [0], [0], [0], [0.2], [1.0]]
        let pruning = TemporalPruning.compute(eventCount: 6, outputCount: 1, tolerance: 0.01, evaluate: additive(weights))
        #expect(pruning.keptCount == 6)
        #expect(pruning.olderValues.allSatisfy { abs($0[0]) >= 0.5 - 1e-12 })
    }

    /// timeshap stops at the FIRST cut from the most recent event, even if a later one fails:
    /// events 3 (−0.5) and 4 (+0.5) cancel in cut 1's older part, so keptCount is 1.
    @Test func stopsAtTheFirstQualifyingCut() {
        let weights: [[Double]] = [[0], [0], [0], [-0.5], [0.5], [1.0]]
        let pruning = TemporalPruning.compute(eventCount: 6, outputCount: 1, tolerance: 0.01, evaluate: additive(weights))
        #expect(abs(pruning.olderValues[0][0]) < 1e-12 && abs(pruning.olderValues[1][0] + 0.5) < 1e-12)
        #expect(pruning.keptCount == 1)
    }

    /// Output 1 needs event 1, so the cut must leave event 1 in the kept part for every output.
    @Test func everyOutputMustRespectTheTolerance() {
        let weights: [[Double]] = [[0.001, 0.001], [0.001, 0.02], [0.001, 0], [0.001, 0], [0.8, 0], [1.0, 1.0]]
        let pruning = TemporalPruning.compute(eventCount: 6, outputCount: 2, tolerance: 0.01, evaluate: additive(weights))
        #expect(pruning.keptCount == 5)
        let firstOutputOnly = additive(weights.map { [$0[0]] })
        #expect(TemporalPruning.compute(eventCount: 6, outputCount: 1, tolerance: 0.01, evaluate: firstOutputOnly).keptCount == 2)
    }

    @Test func zeroOrNegativeToleranceDisablesPruningButKeepsTheCurve() {
        let weights: [[Double]] = [[0], [0], [0], [0], [0.8], [1.0]]
        let pruned = TemporalPruning.compute(eventCount: 6, outputCount: 1, tolerance: 0.01, evaluate: additive(weights))
        #expect(pruned.keptCount == 2)
        for tolerance in [0.0, -1.0] {
            let kept = TemporalPruning.compute(eventCount: 6, outputCount: 1, tolerance: tolerance, evaluate: additive(weights))
            #expect(kept.keptCount == 6 && kept.tolerance == tolerance)
            #expect(kept.olderValues == pruned.olderValues && kept.recentValues == pruned.recentValues)
        }
    }

    /// One call, 2n coalitions: ∅, all, then older(i), recent(i) for i = 1 … n − 1.
    @Test func evaluatesAllCutsInOneBatch() {
        let recorder = BatchRecorder()
        let pruning = TemporalPruning.compute(eventCount: 4, outputCount: 2, tolerance: 0.1) { batch in
            recorder.batches.append(batch)
            return [Double](repeating: 1, count: 2 * batch.count)
        }
        #expect(recorder.batches.count == 1)
        let rows = (0..<8).map { Array(recorder.batches[0].mask($0)) }
        #expect(rows[0] == [false, false, false, false] && rows[1] == [true, true, true, true])
        #expect(rows[2] == [true, true, true, false] && rows[3] == [false, false, false, true])
        #expect(rows[6] == [true, false, false, false] && rows[7] == [false, true, true, true])
        #expect(recorder.batches[0].count == 8 && pruning.keptCount == 1)
    }

    /// Each cut's values are the exact two-player Shapley values of (older, recent).
    @Test func cutValuesAreTwoPlayerShapleyValues() {
        let game = InteractionGame.random(players: 7, outputs: 2, pairs: 8, triples: 4, seed: 13)
        let pruning = TemporalPruning.compute(eventCount: 7, outputCount: 2, tolerance: 0.05) { game.values(of: $0) }
        for cut in 1..<7 {
            let grouped = FunctionGame(playerCount: 2, outputCount: 2) { s in
                var batch = CoalitionBatch(playerCount: 7)
                batch.append((0..<7).map { $0 < 7 - cut ? s[0] : s[1] })
                return game.values(of: batch)
            }
            let exact = ShapleyEngine.exact(grouped)
            for o in 0..<2 {
                #expect(abs(exact.value(player: 0, output: o) - pruning.olderValues[cut - 1][o]) < 1e-12)
                #expect(abs(exact.value(player: 1, output: o) - pruning.recentValues[cut - 1][o]) < 1e-12)
            }
        }
    }

    @Test func shortSequencesHaveNoCut() {
        for n in [0, 1] {
            let pruning = TemporalPruning.compute(eventCount: n, outputCount: 1, tolerance: 0.1) { _ in
                Issue.record("evaluate must not be called for n = \(n)")
                return []
            }
            #expect(pruning.keptCount == n && pruning.olderValues.isEmpty)
        }
    }
}
