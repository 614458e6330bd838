import RecCore
import RecTestSupport
import Testing

/// Two user groups with disjoint item blocks (users 0–9 like items 0–9, users 10–19 items 10–19).
func blockImplicitData(users: Int = 20, items: Int = 20, seed: UInt64 = 3) -> InteractionMatrix {
    var rng = SplitMix64(seed: seed)
    var events: [Interaction] = []
    for u in 0..<users {
        let block = u < users / 2 ? 0 : items / 2
        for i in block..<(block + items / 2) where rng.nextDouble() < 0.6 {
            events.append(Interaction(user: u, item: i, rating: Float(1 + rng.nextInt(below: 5)), timestamp: Int64(i)))
        }
    }
    return InteractionMatrix(userCount: users, itemCount: items, interactions: events)
}

@Suite struct BPRMFTests {
    @Test func lossGradientMatchesFiniteDifferences() {
        var p = FactorParameters<Double>(users: 3, items: 4, factors: 3)
        p.userFactors = GradientCheck.values(9, seed: 5)
        p.itemFactors = GradientCheck.values(12, seed: 6)
        p.itemBias = GradientCheck.values(4, seed: 7)
        let users: [Int32] = [0, 1, 2, 0], positives: [Int32] = [0, 1, 3, 0], negatives: [Int32] = [2, 3, 1, 1]
        var gradient = FactorParameters<Double>(users: 3, items: 4, factors: 3)
        _ = BPRObjective.minibatch(p, users: users, positives: positives, negatives: negatives, batch: 0..<4, lambda: 0.05, gradient: &gradient)
        let error = GradientCheck.maxRelativeError(at: p, fields: [\.userFactors, \.itemFactors, \.itemBias], analytic: gradient) { q in
            var scratch = FactorParameters<Double>(users: 3, items: 4, factors: 3)
            return BPRObjective.minibatch(q, users: users, positives: positives, negatives: negatives, batch: 0..<4, lambda: 0.05, gradient: &scratch)
        }
        #expect(error < 1e-6)
    }

    @Test func trainingReducesTheLossRanksTheUsersBlockFirstAndIsDeterministic() throws {
        let train = blockImplicitData()
        let configuration = BPRMF.Configuration(factors: 4, epochs: 30, learningRate: 0.05, batchSize: 8)
        let model = BPRMF(train: train, configuration: configuration)
        let loss = try #require(model.curves.first).values
        #expect(loss.count == 30 && loss.last! < 0.5 * loss.first!)
        var scores = [Float](repeating: 0, count: 20)
        for u in [0, 15] {
            let top = model.topK(forUser: u, k: 1, excluding: train.items[train.range(ofUser: u)], buffer: &scores)
            #expect(top.allSatisfy { ($0.item < 10) == (u < 10) }, "user \(u): \(top)")
        }
        #expect(BPRMF(train: train, configuration: configuration).parameters == model.parameters)
        #expect(model.name == "bpr" && model.itemVectors.rows == 20)
    }
}
