@testable import RecCore
import Testing

/// The training loop's unchecked `Float` minibatch against the generic objective: same loss and
/// gradient bit for bit, for every penalty (so the speed-up leaves PMF and MF fits unchanged).
@Suite struct MFObjectiveUncheckedTests {
    static let penalties: [MFPenalty<Float>] = [
        .none, .fixed(lambda: 0.02), .weighted(lambdaP: 0.013, lambdaQ: 0.021), .adaptive(beta: 1e-7, multiplierP: 0.3, multiplierQ: 0.7),
    ]

    @Test(arguments: 0..<4)
    func uncheckedMinibatchIsBitIdentical(penaltyIndex: Int) {
        var rng = SplitMix64(seed: 11)
        let (users, items, d, n) = (9, 13, 5, 200)
        var parameters = MFParameters<Float>(users: users, items: items, factors: d)
        for k in parameters.userFactors.indices { parameters.userFactors[k] = Float(rng.nextGaussian()) * 0.3 }
        for k in parameters.itemFactors.indices { parameters.itemFactors[k] = Float(rng.nextGaussian()) * 0.3 }
        for k in parameters.userBias.indices { parameters.userBias[k] = Float(rng.nextGaussian()) * 0.1 }
        for k in parameters.itemBias.indices { parameters.itemBias[k] = Float(rng.nextGaussian()) * 0.1 }
        parameters.logLambda = [-2.5, -1.5]
        let u = (0..<n).map { _ in Int32(rng.nextInt(below: users)) }, i = (0..<n).map { _ in Int32(rng.nextInt(below: items)) }
        let y = (0..<n).map { _ in Float(rng.nextGaussian()) * 0.5 }
        let order = (0..<n).map { ($0 * 37) % n }
        let penalty = Self.penalties[penaltyIndex]
        for start in stride(from: 0, to: n, by: 50) {
            let batch = order[start..<(start + 50)]
            var generic = MFParameters<Float>(users: users, items: items, factors: d), unchecked = generic
            let a = MFObjective.minibatch(parameters, users: u, items: i, targets: y, batch: batch, penalty: penalty, biasPenalty: 0.05, gradient: &generic)
            let b = MFObjective.minibatchUnchecked(parameters, users: u, items: i, targets: y, batch: batch, penalty: penalty, biasPenalty: 0.05, gradient: &unchecked)
            #expect(a == b)
            #expect(generic == unchecked)
        }
    }
}

/// The vectorised Adam rows against the element-by-element reference `apply`: bit-identical.
@Suite struct OptimizerRowsTests {
    @Test(arguments: [Optimizer.adam, .sgd, .adagrad])
    func applyRowsMatchesApply(rule: Optimizer) {
        var rng = SplitMix64(seed: 3)
        let width = 20, rows = 7
        var reference = OptimizerState(rule, learningRate: 0.01, count: rows * width), fast = reference
        var theta = (0..<(rows * width)).map { _ in Float(rng.nextGaussian()) }, thetaFast = theta
        for step in 1...5 {
            var gradient = (0..<(rows * width)).map { _ in Float(rng.nextGaussian()) * 0.1 }, gradientFast = gradient
            let touched: [Int32] = [3, 0, 6, 2]
            let size = reference.stepSize(step: step)
            for r in touched { reference.apply(to: &theta, gradient: gradient, offset: Int(r) * width, count: width, stepSize: size) }
            for r in touched { for k in (Int(r) * width)..<((Int(r) + 1) * width) { gradient[k] = 0 } }
            fast.applyRows(touched, width: width, to: &thetaFast, gradient: &gradientFast, stepSize: size)
            #expect(theta == thetaFast)
            #expect(gradient == gradientFast)
        }
    }
}

/// The Float EM step (Gram matrices by `cblas_ssyrk`) against the Double one (generic loops, itself
/// checked against explicit inverses in `MatrixFactorizationTests`): equal to Float rounding.
@Suite struct AdaptiveHyperparametersFloatTests {
    /// D = 20 (the default), one below a 16-lane block, and over two blocks (padding and block edges
    /// of `rec_mf_posterior_trace`).
    @Test(arguments: [20, 5, 37])
    func floatStepMatchesDoubleStep(d: Int) {
        var rng = SplitMix64(seed: 21)
        let (users, items, n) = (30, 40, 600)
        var single = MFParameters<Float>(users: users, items: items, factors: d)
        for k in single.userFactors.indices { single.userFactors[k] = Float(rng.nextGaussian()) * 0.2 }
        for k in single.itemFactors.indices { single.itemFactors[k] = Float(rng.nextGaussian()) * 0.2 }
        var double = MFParameters<Double>(users: users, items: items, factors: d)
        double.userFactors = single.userFactors.map(Double.init)
        double.itemFactors = single.itemFactors.map(Double.init)
        let u = (0..<n).map { _ in Int32(rng.nextInt(below: users)) }, i = (0..<n).map { _ in Int32(rng.nextInt(below: items)) }
        let y = (0..<n).map { _ in Float(rng.nextGaussian()) * 0.3 }
        let a = MFObjective.adaptiveHyperparameters(single, users: u, items: i, targets: y, lambdaP: 0.5, lambdaQ: 0.8, noisePrecision: 2, shape: 1, rate: 0)
        let b = MFObjective.adaptiveHyperparameters(double, users: u, items: i, targets: y.map(Double.init), lambdaP: 0.5, lambdaQ: 0.8, noisePrecision: 2, shape: 1, rate: 0)
        #expect(abs(Double(a.lambdaP) - b.lambdaP) <= 1e-4 * b.lambdaP)
        #expect(abs(Double(a.lambdaQ) - b.lambdaQ) <= 1e-4 * b.lambdaQ)
        #expect(abs(Double(a.noisePrecision) - b.noisePrecision) <= 1e-4 * b.noisePrecision)
    }
}

/// The Adam epochs in C (`MFAdamEpochs`) against the Swift reference loop (`minibatchUnchecked` +
/// `applyRows`), and the RMSE kernels against the plain formula: bit-identical.
@Suite struct MFAdamEpochsTests {
    @Test(arguments: [MatrixFactorization.Regularization.adaptive(), .fixed(lambda: 0.02), .none])
    func epochsInCGiveTheReferenceParameters(regularization: MatrixFactorization.Regularization) {
        let (train, test) = MatrixFactorizationTests.planted()
        // Batch 16 does not divide the ratings (a short last batch); D 5 exercises the vector tails.
        let configuration = MatrixFactorization.Configuration(factors: 5, epochs: 4, batchSize: 16, regularization: regularization)
        let fast = MatrixFactorization(train: train, validation: test, configuration: configuration, forceSwiftEpochs: false)
        let reference = MatrixFactorization(train: train, validation: test, configuration: configuration, forceSwiftEpochs: true)
        #expect(fast.parameters == reference.parameters)
        #expect(fast.curves == reference.curves)
        #expect(fast.selectedEpoch == reference.selectedEpoch)
    }

    @Test func rmseKernelsMatchThePlainFormula() {
        let (train, test) = MatrixFactorizationTests.planted()
        let model = MatrixFactorization(train: train, configuration: .init(factors: 6, epochs: 2, batchSize: 16))
        for ratings in [train, test] {
            var sum = 0.0
            var users: [Int32] = []
            for u in 0..<ratings.userCount {
                for k in ratings.range(ofUser: u) {
                    users.append(Int32(u))
                    let e = Double(ratings.ratings[k]) - Double(model.globalMean + model.configuration.ratingScale * model.parameters.prediction(user: u, item: Int(ratings.items[k])))
                    sum += e * e
                }
            }
            let expected = (sum / Double(ratings.count)).squareRoot()
            #expect(model.rmse(on: ratings) == expected)
            #expect(MatrixFactorization.rmse(model.parameters, mean: model.globalMean, scale: model.configuration.ratingScale,
                                             users: users, items: ratings.items, ratings: ratings.ratings) == expected)
        }
    }
}
