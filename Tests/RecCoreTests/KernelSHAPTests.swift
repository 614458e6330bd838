import RecCore
import Testing

@Suite struct KernelSHAPTests {
    @Test func efficiencyHoldsExactlyOnRandomNonAdditiveGameWithTwentyPlayers() {
        let game = InteractionGame.random(players: 20, outputs: 3, pairs: 30, triples: 20, seed: 5)
        for budget in [2, 40, 500, 4096] {
            let values = ShapleyEngine.kernel(game, configuration: .init(sampleBudget: budget, seed: 9))
            #expect(!values.exact)
            #expect(values.evaluations <= max(budget, 2))
            #expect(values.efficiencyGap < 1e-9, "budget \(budget)")
        }
    }

    /// n = 16: the error to the exact values falls as the budget grows, and a budget of 2¹⁶
    /// enumerates every coalition, which gives the exact Shapley values.
    @Test func convergesToExactAsTheBudgetGrows() {
        let game = InteractionGame.random(players: 16, outputs: 2, pairs: 24, triples: 16, seed: 21)
        let reference = game.shapleyValues
        #expect(ShapleyEngine.exact(game).rmsError(to: reference) < 1e-12)
        var errors: [Double] = []
        for budget in [256, 1024, 8192, 65536] {
            let values = ShapleyEngine.kernel(game, configuration: .init(sampleBudget: budget, seed: 3))
            #expect(values.evaluations <= budget)
            errors.append(values.rmsError(to: reference))
            if budget == 65536 {
                #expect(values.exact && values.evaluations == 65536)
            }
        }
        #expect(errors[0] > errors[1] && errors[1] > errors[2], "errors \(errors)")
        #expect(errors[3] < 1e-8, "errors \(errors)")
        #expect(errors[0] > 1e-4, "a small budget should not be exact on a non-additive game: \(errors)")
    }

    @Test func recoversAnAdditiveGameExactlyWithASmallBudget() {
        var rng = SplitMix64(seed: 8)
        let weights = (0..<20).map { _ in [4 * rng.nextDouble() - 2, rng.nextDouble()] }
        let game = InteractionGame.additive(weights: weights, constant: [0.5, -2])
        let values = ShapleyEngine.kernel(game, configuration: .init(sampleBudget: 64, seed: 1))
        #expect(values.evaluations == 64 && !values.exact)
        #expect(values.rmsError(to: weights) < 1e-9)
    }

    @Test func sameSeedSameValuesDifferentSeedDifferentValues() {
        let game = InteractionGame.random(players: 18, outputs: 2, pairs: 20, triples: 10, seed: 2)
        let a = ShapleyEngine.kernel(game, configuration: .init(sampleBudget: 600, seed: 42))
        let b = ShapleyEngine.kernel(game, configuration: .init(sampleBudget: 600, seed: 42))
        let c = ShapleyEngine.kernel(game, configuration: .init(sampleBudget: 600, seed: 43))
        #expect(a == b)
        #expect(a.values != c.values)
    }

    /// ∅ and the full set first, then distinct proper coalitions, complements in pairs; never over budget.
    @Test func evaluatesOneBatchOfDistinctCoalitionsWithinTheBudget() {
        let recorder = BatchRecorder()
        let inner = InteractionGame.random(players: 12, outputs: 1, pairs: 10, triples: 5, seed: 4)
        let game = FunctionGame(playerCount: 12, outputCount: 1) { s in
            var batch = CoalitionBatch(playerCount: 12)
            batch.append(s)
            return inner.values(of: batch)
        }
        struct Recording: CoalitionGame {
            let game: FunctionGame
            let recorder: BatchRecorder
            var playerCount: Int { game.playerCount }
            var outputCount: Int { game.outputCount }
            func values(of coalitions: CoalitionBatch) -> [Double] {
                recorder.batches.append(coalitions)
                return game.values(of: coalitions)
            }
        }
        let values = ShapleyEngine.kernel(Recording(game: game, recorder: recorder), configuration: .init(sampleBudget: 700, seed: 6))
        #expect(recorder.batches.count == 1)
        let batch = recorder.batches[0]
        #expect(batch.count == values.evaluations && batch.count <= 700 && batch.count > 600)
        #expect(Array(batch.mask(0)) == [Bool](repeating: false, count: 12))
        #expect(Array(batch.mask(1)) == [Bool](repeating: true, count: 12))
        let rows = (0..<batch.count).map { Array(batch.mask($0)) }
        #expect(Set(rows).count == rows.count)
        #expect(rows[2...].allSatisfy { row in row.contains(true) && row.contains(false) })
        // Sizes 1 and 11 are enumerated first (each singleton followed by its complement).
        #expect(rows[2] == (0..<12).map { $0 == 0 } && rows[3] == (0..<12).map { $0 != 0 })
    }

    /// Fewer samples than players: the normal equations are singular, the pseudo-inverse still
    /// gives finite, deterministic values that add up.
    @Test func budgetBelowThePlayerCountStillGivesEfficientValues() {
        let game = InteractionGame.random(players: 24, outputs: 2, pairs: 10, triples: 4, seed: 17)
        let configuration = ShapleyConfiguration(sampleBudget: 12, seed: 5)
        let values = ShapleyEngine.kernel(game, configuration: configuration)
        #expect(values.evaluations == 12)
        #expect(values.values.allSatisfy(\.isFinite) && values.efficiencyGap < 1e-9)
        #expect(ShapleyEngine.kernel(game, configuration: configuration) == values)
    }

    @Test func fewPlayersAreEnumeratedAndEqualTheExactValues() {
        for n in [2, 3, 4, 7] {
            let game = InteractionGame.random(players: n, outputs: 2, pairs: n, triples: n >= 3 ? n / 2 : 0, seed: UInt64(n))
            let values = ShapleyEngine.kernel(game, configuration: .init(sampleBudget: 4096))
            #expect(values.exact && values.evaluations == 1 << n)
            #expect(values.rmsError(to: game.shapleyValues) < 1e-10, "n = \(n)")
        }
        let one = ShapleyEngine.kernel(FunctionGame(playerCount: 1, outputCount: 1) { s in [s[0] ? 5 : 2] }, configuration: .init())
        #expect(one.values == [3])
    }
}
