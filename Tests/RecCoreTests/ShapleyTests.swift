import RecCore
import Testing

@Suite struct ShapleyTests {
    @Test func additiveGameGivesEachPlayerItsWeight() {
        let weights = [[0.5, -1.0], [2.0, -4.0], [-0.25, 0.5], [0.0, 0.0], [1.5, -3.0]]
        let values = ShapleyEngine.exact(InteractionGame.additive(weights: weights, constant: [3, 1]))
        for p in 0..<5 {
            for o in 0..<2 { #expect(abs(values.value(player: p, output: o) - weights[p][o]) < 1e-12) }
        }
        #expect(values.empty == [3, 1])
        #expect(values.full == [3 + 3.75, 1 - 7.5])
        #expect(values.exact && values.evaluations == 32)
    }

    /// One left glove (player 0), two right gloves: a pair is worth 1. φ = (2/3, 1/6, 1/6).
    @Test func gloveGame() {
        let game = FunctionGame(playerCount: 3, outputCount: 1) { s in
            [Double(min(s[0] ? 1 : 0, (s[1] ? 1 : 0) + (s[2] ? 1 : 0)))]
        }
        let values = ShapleyEngine.exact(game)
        #expect(abs(values.value(player: 0, output: 0) - 2.0 / 3) < 1e-12)
        #expect(abs(values.value(player: 1, output: 0) - 1.0 / 6) < 1e-12)
        #expect(abs(values.value(player: 2, output: 0) - 1.0 / 6) < 1e-12)
    }

    /// Output 0: simple majority of 3 (each 1/3). Output 1: weighted majority [quota 3; 2, 1, 1]
    /// (2/3, 1/6, 1/6). Output 2: unanimity of players {1, 2} (1/2 each, 0 for player 0).
    @Test func majorityAndUnanimityGamesInOneMultiOutputGame() {
        let game = FunctionGame(playerCount: 3, outputCount: 3) { s in
            let count = s.filter { $0 }.count
            let weight = (s[0] ? 2 : 0) + (s[1] ? 1 : 0) + (s[2] ? 1 : 0)
            return [count >= 2 ? 1 : 0, weight >= 3 ? 1 : 0, s[1] && s[2] ? 1 : 0]
        }
        let values = ShapleyEngine.exact(game)
        let expected: [[Double]] = [[1.0 / 3, 2.0 / 3, 0], [1.0 / 3, 1.0 / 6, 0.5], [1.0 / 3, 1.0 / 6, 0.5]]
        for p in 0..<3 {
            for o in 0..<3 { #expect(abs(values.value(player: p, output: o) - expected[p][o]) < 1e-12) }
        }
    }

    @Test func multiOutputInteractionGameMatchesClosedForm() {
        let game = InteractionGame.random(players: 9, outputs: 3, pairs: 12, triples: 6, seed: 11)
        let values = ShapleyEngine.exact(game)
        #expect(values.rmsError(to: game.shapleyValues) < 1e-12)
        #expect(values.outputCount == 3 && values.playerCount == 9 && values.evaluations == 512)
    }

    /// An independent reference: the average marginal contribution over all 6! orderings.
    @Test func exactMatchesAverageOverAllOrderings() {
        let n = 6
        let game = FunctionGame(playerCount: n, outputCount: 2) { s in
            let members = s.enumerated().filter { $0.element }.map { Double($0.offset + 1) }
            let sum = members.reduce(0, +)
            return [sum * sum / 10, members.count >= 3 ? members.max() ?? 0 : 0]
        }
        var reference = [[Double]](repeating: [0, 0], count: n)
        var orderings = 0
        func visit(_ prefix: [Int], _ rest: [Int]) {
            guard !rest.isEmpty else {
                orderings += 1
                var mask = [Bool](repeating: false, count: n)
                var before = game.value(mask)
                for p in prefix {
                    mask[p] = true
                    let after = game.value(mask)
                    for o in 0..<2 { reference[p][o] += after[o] - before[o] }
                    before = after
                }
                return
            }
            for (i, p) in rest.enumerated() {
                var remaining = rest
                remaining.remove(at: i)
                visit(prefix + [p], remaining)
            }
        }
        visit([], Array(0..<n))
        reference = reference.map { $0.map { $0 / Double(orderings) } }
        #expect(orderings == 720)
        #expect(ShapleyEngine.exact(game).rmsError(to: reference) < 1e-12)
    }

    @Test func efficiencyOnRandomNonAdditiveGameWithTwentyPlayers() {
        let game = InteractionGame.random(players: 20, outputs: 2, pairs: 30, triples: 20, seed: 5)
        let values = ShapleyEngine.exact(game)
        #expect(values.efficiencyGap < 1e-9)
        #expect(values.rmsError(to: game.shapleyValues) < 1e-10)
    }

    @Test func noPlayersAndOnePlayer() {
        let none = ShapleyEngine.exact(FunctionGame(playerCount: 0, outputCount: 2) { _ in [4, 5] })
        #expect(none.values.isEmpty && none.full == [4, 5] && none.empty == [4, 5] && none.evaluations == 1)
        let one = ShapleyEngine.exact(FunctionGame(playerCount: 1, outputCount: 2) { s in s[0] ? [3, -1] : [1, 1] })
        #expect(one.values == [2, -2] && one.evaluations == 2)
    }

    @Test func explainEnumeratesUpToTheLimitOrWhenTheBudgetCoversEverything() {
        let small = InteractionGame.random(players: 10, outputs: 1, pairs: 5, triples: 2, seed: 1)
        #expect(ShapleyEngine.explain(small).exact)
        let covered = ShapleyEngine.explain(small, configuration: .init(exactPlayerLimit: 4, sampleBudget: 1024))
        #expect(covered.exact && covered.evaluations == 1024)
        let large = InteractionGame.random(players: 20, outputs: 1, pairs: 5, triples: 2, seed: 1)
        let sampled = ShapleyEngine.explain(large)
        #expect(!sampled.exact && sampled.evaluations <= 4096)
    }

    @Test func coalitionBatchStoresRowMajorMasks() {
        var batch = CoalitionBatch(playerCount: 3)
        batch.append([true, false, true])
        batch.append(players: [1])
        #expect(batch.count == 2)
        #expect(batch.masks == [true, false, true, false, true, false])
        #expect(batch.contains(0, 2) && !batch.contains(1, 2) && batch.contains(1, 1))
        var empty = CoalitionBatch(playerCount: 0)
        empty.append([Bool]())
        #expect(empty.count == 1)
    }
}
