import RecCore
import RecTestSupport
import Testing

@Suite struct TwoTowerTests {
    static func gradientError(dense: Bool) -> Double {
        var p = TwoTowerParameters<Double>(users: 3, items: 5, dimension: 3, dense: dense)
        p.userEmbedding = GradientCheck.values(9, seed: 11)
        p.itemEmbedding = GradientCheck.values(15, seed: 12)
        if dense {
            p.userWeight = GradientCheck.values(9, seed: 13, scale: 0.8)
            p.itemWeight = GradientCheck.values(9, seed: 14, scale: 0.8)
            p.userOffset = GradientCheck.values(3, seed: 15, scale: 0.2)
            p.itemOffset = GradientCheck.values(3, seed: 16, scale: 0.2)
        }
        let users: [Int32] = [0, 2, 0], candidates: [Int32] = [1, 3, 4, 2, 0, 1, 4, 2, 3]
        var gradient = TwoTowerParameters<Double>(users: 3, items: 5, dimension: 3, dense: dense)
        _ = TwoTowerObjective.minibatch(p, users: users, candidates: candidates, width: 3, batch: 0..<3, gradient: &gradient)
        let fields: [WritableKeyPath<TwoTowerParameters<Double>, [Double]>] =
            [\.userEmbedding, \.itemEmbedding, \.userWeight, \.itemWeight, \.userOffset, \.itemOffset]
        return GradientCheck.maxRelativeError(at: p, fields: fields, analytic: gradient) { q in
            var scratch = TwoTowerParameters<Double>(users: 3, items: 5, dimension: 3, dense: dense)
            return TwoTowerObjective.minibatch(q, users: users, candidates: candidates, width: 3, batch: 0..<3, gradient: &scratch)
        }
    }

    @Test func binaryCrossEntropyGradientMatchesIncludingTheDenseLayer() {
        #expect(Self.gradientError(dense: true) < 1e-6)
        #expect(Self.gradientError(dense: false) < 1e-6)
    }

    @Test func trainingReducesTheLossSeparatesBlocksAndIsDeterministic() throws {
        let train = blockImplicitData()
        let configuration = TwoTower.Configuration(dimension: 4, negatives: 3, epochs: 30, learningRate: 0.05, batchSize: 8)
        let model = TwoTower(train: train, validation: train, configuration: configuration)
        let loss = try #require(model.curves.first { $0.name == "training BCE" }).values
        #expect(loss.last! < 0.7 * loss.first!)
        #expect(model.curves.map(\.name) == ["training BCE", "validation BCE"])
        #expect(model.probability(user: 0, item: 1) > model.probability(user: 0, item: 15))
        var p = [Float](repeating: 0, count: 20)
        model.probabilities(forUser: 3, into: &p)
        #expect(abs(p[4] - model.probability(user: 3, item: 4)) < 1e-6)
        #expect(TwoTower(train: train, configuration: configuration).parameters == model.parameters)
    }
}
