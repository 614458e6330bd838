import RecCore
import RecTestSupport
import Testing

@Suite struct LogisticMFTests {
    @Test func logLikelihoodGradientMatchesFiniteDifferences() {
        var p = FactorParameters<Double>(users: 3, items: 4, factors: 2)
        p.userFactors = GradientCheck.values(6, seed: 21)
        p.itemFactors = GradientCheck.values(8, seed: 22)
        p.userBias = GradientCheck.values(3, seed: 23)
        p.itemBias = GradientCheck.values(4, seed: 24)
        let confidence: [Double] = [2, 0, 0, 4, 0, 6, 0, 0, 0, 0, 2, 2]
        var gradient = FactorParameters<Double>(users: 3, items: 4, factors: 2)
        _ = LMFObjective.fullBatch(p, confidence: confidence, lambda: 0.3, gradient: &gradient)
        let error = GradientCheck.maxRelativeError(at: p, fields: [\.userFactors, \.itemFactors, \.userBias, \.itemBias], analytic: gradient) { q in
            var scratch = FactorParameters<Double>(users: 3, items: 4, factors: 2)
            return LMFObjective.fullBatch(q, confidence: confidence, lambda: 0.3, gradient: &scratch)
        }
        #expect(error < 1e-6)
    }

    @Test func blasTrainingLowersTheReferenceObjectiveSeparatesBlocksAndIsDeterministic() throws {
        let train = blockImplicitData()
        let configuration = LogisticMF.Configuration(factors: 4, iterations: 30, learningRate: 0.3, alpha: 2, regularization: 0.1)
        let model = LogisticMF(train: train, configuration: configuration)
        // The BLAS trainer must descend the reference objective: compare against the untrained model.
        func objective(_ p: FactorParameters<Float>) -> Double {
            var q = FactorParameters<Double>(users: 20, items: 20, factors: 4)
            q.userFactors = p.userFactors.map(Double.init); q.itemFactors = p.itemFactors.map(Double.init)
            q.userBias = p.userBias.map(Double.init); q.itemBias = p.itemBias.map(Double.init)
            var confidence = [Double](repeating: 0, count: 400)
            for u in 0..<20 { for k in train.range(ofUser: u) { confidence[u * 20 + Int(train.items[k])] += 2 } }
            var scratch = q
            return LMFObjective.fullBatch(q, confidence: confidence, lambda: 0.1, gradient: &scratch)
        }
        let untrained = LogisticMF(train: train, configuration: { var c = configuration; c.iterations = 0; return c }())
        #expect(objective(model.parameters) < 0.8 * objective(untrained.parameters))
        let nll = try #require(model.curves.first).values
        #expect(nll.count == 30 && nll.last! < nll.first!)
        #expect(model.probability(user: 2, item: 3) > model.probability(user: 2, item: 13))
        var p = [Float](repeating: 0, count: 20)
        model.probabilities(forUser: 12, into: &p)
        #expect(abs(p[4] - model.probability(user: 12, item: 4)) < 1e-6)
        #expect(LogisticMF(train: train, configuration: configuration).parameters == model.parameters)
    }
}
