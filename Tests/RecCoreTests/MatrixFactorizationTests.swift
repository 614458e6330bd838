import RecCore
import RecTestSupport
import Testing

@Suite struct MatrixFactorizationTests {
    static func randomParameters(users: Int = 3, items: Int = 4, factors: Int = 3) -> MFParameters<Double> {
        var p = MFParameters<Double>(users: users, items: items, factors: factors)
        p.userBias = GradientCheck.values(users, seed: 1)
        p.itemBias = GradientCheck.values(items, seed: 2)
        p.userFactors = GradientCheck.values(users * factors, seed: 3)
        p.itemFactors = GradientCheck.values(items * factors, seed: 4)
        p.logLambda = [-0.7, 0.3]
        return p
    }
    // A batch with a repeated user and item, so gradient accumulation is exercised.
    static let users: [Int32] = [0, 1, 2, 0, 1], items: [Int32] = [0, 1, 3, 2, 1]
    static let targets: [Double] = [0.3, -0.2, 0.5, 0.1, -0.4]
    static var fields: [WritableKeyPath<MFParameters<Double>, [Double]>] { [\.userBias, \.itemBias, \.userFactors, \.itemFactors, \.logLambda] }

    static func gradientError(_ penalty: MFPenalty<Double>, biasPenalty: Double = 0) -> Double {
        let p = randomParameters()
        var gradient = MFParameters<Double>(users: 3, items: 4, factors: 3)
        _ = MFObjective.minibatch(p, users: users, items: items, targets: targets, batch: [0, 1, 2, 3, 4], penalty: penalty,
                                  biasPenalty: biasPenalty, gradient: &gradient)
        return GradientCheck.maxRelativeError(at: p, fields: fields, analytic: gradient) { q in
            var scratch = MFParameters<Double>(users: 3, items: 4, factors: 3)
            return MFObjective.minibatch(q, users: users, items: items, targets: targets, batch: [0, 1, 2, 3, 4],
                                         penalty: penalty, biasPenalty: biasPenalty, gradient: &scratch)
        }
    }

    @Test func squaredLossGradientMatchesFiniteDifferences() {
        #expect(Self.gradientError(.none) < 1e-6)
        #expect(Self.gradientError(.fixed(lambda: 0.3), biasPenalty: 0.2) < 1e-6)
        #expect(Self.gradientError(.weighted(lambdaP: 0.3, lambdaQ: 0.6), biasPenalty: 0.2) < 1e-6)
    }

    /// The documented objective J of `.adaptive`: its gradient in the factors and biases is τ times
    /// the full-batch minibatch gradient with weights λ/τ (which is what training descends), and its
    /// finite differences in every parameter match that.
    @Test func adaptiveJointIsTauTimesTheWeightedSquaredLoss() {
        let p = Self.randomParameters()
        let (lp, lq, tau) = (0.4, 0.9, 1.7)
        var gradient = MFParameters<Double>(users: 3, items: 4, factors: 3)
        _ = MFObjective.minibatch(p, users: Self.users, items: Self.items, targets: Self.targets, batch: [0, 1, 2, 3, 4],
                                  penalty: .weighted(lambdaP: lp / tau, lambdaQ: lq / tau), gradient: &gradient)
        for field in [\MFParameters<Double>.userBias, \.itemBias, \.userFactors, \.itemFactors] {
            gradient[keyPath: field] = gradient[keyPath: field].map { $0 * tau }
        }
        gradient.logLambda = [0, 0]
        let error = GradientCheck.maxRelativeError(at: p, fields: Self.fields, analytic: gradient) { q in
            MFObjective.adaptiveJoint(q, users: Self.users, items: Self.items, targets: Self.targets,
                                      lambdaP: lp, lambdaQ: lq, noisePrecision: tau, shape: 2, rate: 0.1)
        }
        #expect(error < 1e-6)
    }

    /// The EM step written out with explicit D × D inverses (Gauss–Jordan) of the Laplace precisions.
    @Test func empiricalBayesStepMatchesExplicitInverses() {
        let p = Self.randomParameters()
        let (lp, lq, tau, a, b) = (0.4, 0.9, 1.7, 2.0, 0.1)
        let h = MFObjective.adaptiveHyperparameters(p, users: Self.users, items: Self.items, targets: Self.targets,
                                                   lambdaP: lp, lambdaQ: lq, noisePrecision: tau, shape: a, rate: b)
        let d = 3
        func inverse(_ m: [Double]) -> [Double] {
            var a = m, inv = (0..<d * d).map { $0 % (d + 1) == 0 ? 1.0 : 0.0 }
            for c in 0..<d {
                let pivot = a[c * d + c]
                for k in 0..<d { a[c * d + k] /= pivot; inv[c * d + k] /= pivot }
                for r in 0..<d where r != c {
                    let factor = a[r * d + c]
                    for k in 0..<d { a[r * d + k] -= factor * a[c * d + k]; inv[r * d + k] -= factor * inv[c * d + k] }
                }
            }
            return inv
        }
        func vector(_ values: [Double], _ row: Int) -> [Double] { Array(values[row * d..<(row + 1) * d]) }
        func covariances(_ rows: [Int32], _ others: [Int32], _ count: Int, _ other: [Double], _ lambda: Double) -> [[Double]] {
            (0..<count).map { r in
                var m = [Double](repeating: 0, count: d * d)
                let mine = rows.indices.filter { rows[$0] == Int32(r) }
                for k in mine { let x = vector(other, Int(others[k])); for f in 0..<d { for g in 0..<d { m[f * d + g] += 2 * tau * x[f] * x[g] } } }
                for f in 0..<d { m[f * d + f] += 2 * lambda * Double(mine.count) }
                return mine.isEmpty ? [] : inverse(m)
            }
        }
        func quadratic(_ c: [Double], _ x: [Double]) -> Double {
            var sum = 0.0
            for f in 0..<d { for g in 0..<d { sum += x[f] * c[f * d + g] * x[g] } }
            return sum
        }
        let cu = covariances(Self.users, Self.items, 3, p.itemFactors, lp), ci = covariances(Self.items, Self.users, 4, p.userFactors, lq)
        func expected(_ rows: [Int32], _ own: [Double], _ c: [[Double]]) -> Double {
            let active = Set(rows).count
            var sum = 0.0
            for r in rows {
                let x = vector(own, Int(r))
                for f in 0..<d { sum += x[f] * x[f] + c[Int(r)][f * d + f] }
            }
            return (Double(active * d) / 2 + a - 1) / (b + sum)
        }
        var error = 0.0
        for k in Self.targets.indices {
            let u = Int(Self.users[k]), i = Int(Self.items[k])
            let e = Self.targets[k] - p.prediction(user: u, item: i)
            error += e * e + quadratic(cu[u], vector(p.itemFactors, i)) + quadratic(ci[i], vector(p.userFactors, u))
        }
        #expect(abs(h.lambdaP - expected(Self.users, p.userFactors, cu)) < 1e-9 * h.lambdaP)
        #expect(abs(h.lambdaQ - expected(Self.items, p.itemFactors, ci)) < 1e-9 * h.lambdaQ)
        #expect(abs(h.noisePrecision - Double(Self.targets.count) / 2 / error) < 1e-9 * h.noisePrecision)
    }

    @Test func adaptiveRegulariserGradientIncludingLogLambdaMatches() {
        let penalty = MFPenalty<Double>.adaptive(beta: 1e-3, multiplierP: 0.4, multiplierQ: 0.7)
        #expect(Self.gradientError(penalty) < 1e-6)
        // ∂/∂θ_p = e^θ (Σx² + 2β) − m·B, written out for the batch's user rows.
        let p = Self.randomParameters()
        var gradient = MFParameters<Double>(users: 3, items: 4, factors: 3)
        _ = MFObjective.minibatch(p, users: Self.users, items: Self.items, targets: Self.targets, batch: [0, 1, 2, 3, 4],
                                  penalty: penalty, gradient: &gradient)
        let squares = Self.users.map { u in (0..<3).map { p.userFactors[Int(u) * 3 + $0] * p.userFactors[Int(u) * 3 + $0] }.reduce(0, +) }.reduce(0, +)
        let expected = Double.exponential(-0.7) * (squares + 2e-3) - 0.4 * 5
        #expect(abs(gradient.logLambda[0] - expected) < 1e-12)
    }

    /// A planted rank-2 rating matrix (ratings 1…5) with 30 % of the entries held out.
    static func planted() -> (train: InteractionMatrix, test: InteractionMatrix) {
        var rng = SplitMix64(seed: 7)
        let users = 60, items = 40
        let a = (0..<users * 2).map { _ in rng.nextGaussian() }, b = (0..<items * 2).map { _ in rng.nextGaussian() }
        var train: [Interaction] = [], test: [Interaction] = []
        for u in 0..<users {
            for i in 0..<items {
                let value = 3 + 0.8 * (a[2 * u] * b[2 * i] + a[2 * u + 1] * b[2 * i + 1])
                let event = Interaction(user: u, item: i, rating: Float(min(5, max(1, value))), timestamp: Int64(i))
                if rng.nextDouble() < 0.3 { test.append(event) } else { train.append(event) }
            }
        }
        return (InteractionMatrix(userCount: users, itemCount: items, interactions: train),
                InteractionMatrix(userCount: users, itemCount: items, interactions: test))
    }

    @Test func recoversHeldOutPlantedRatingsBetterThanTheMean() {
        let (train, test) = Self.planted()
        let model = MatrixFactorization(train: train, validation: test, configuration: .init(factors: 4, epochs: 60, batchSize: 20))
        let mean = train.ratings.reduce(0, +) / Float(train.count)
        let baseline = (test.ratings.map { Double(($0 - mean) * ($0 - mean)) }.reduce(0, +) / Double(test.count)).squareRoot()
        #expect(model.rmse(on: test) < 0.6 * baseline)
        var scores = [Float](repeating: 0, count: 40)
        model.scores(forUser: 5, into: &scores)
        #expect(abs(scores[7] - model.predictedRating(user: 5, item: 7)) < 1e-4)
    }

    @Test func trainingReducesTheTrainingErrorAndLambdaCurvesMove() throws {
        let (train, test) = Self.planted()
        let model = MatrixFactorization(train: train, validation: test, configuration: .init(factors: 4, epochs: 15, batchSize: 20, patience: nil))
        let rmse = try #require(model.curves.first { $0.name == "train RMSE" }).values
        #expect(rmse.count == 15 && rmse.last! < rmse.first!)
        #expect(model.curves.map(\.name) == ["train RMSE", "validation RMSE", "hold-out RMSE", "λ_p", "λ_q"])
        for name in ["λ_p", "λ_q"] {
            let lambda = try #require(model.curves.first { $0.name == name })
            #expect(lambda.logScale && lambda.values.allSatisfy { $0.isFinite && $0 > 0 })
            #expect(Set(lambda.values).count > 1)
        }
        let selected = try #require(model.selectedEpoch)
        let holdout = try #require(model.curves.first { $0.name == "hold-out RMSE" }).values
        #expect(holdout[selected - 1] == holdout.min())
        // Seed 002's form is still available; the unregularised baseline never early-stops.
        let seed002 = MatrixFactorization(train: train, configuration: .init(factors: 4, epochs: 15, learningRate: 0.005, batchSize: 20,
                                                                                       regularization: .adaptiveSeed002()))
        #expect(seed002.name == "pmf-seed002")
        #expect(try #require(seed002.curves.first { $0.name == "λ_p" }).values.last! > 10 * Double.exponential(-15))
        let plain = MatrixFactorization(train: train, configuration: .init(factors: 4, epochs: 3, batchSize: 20, regularization: .none))
        #expect(plain.selectedEpoch == nil && plain.curves.map(\.name) == ["train RMSE"])
    }

    /// Patience ends training `patience` epochs after the last hold-out minimum; the kept
    /// parameters are bit-identical to those the full run keeps, and every curve is the full
    /// run's prefix.
    @Test(arguments: [1, 2, 3])
    func earlyStoppingKeepsTheFullRunsBestEpoch(patience: Int) throws {
        let (train, test) = Self.planted()
        // A learning rate that overfits the planted data well before epoch 30.
        let full = MatrixFactorization(train: train, validation: test, configuration: .init(factors: 6, epochs: 30, learningRate: 0.01,
                                                                                             batchSize: 16, holdoutFraction: 0.2, patience: nil))
        let holdout = try #require(full.curves.first { $0.name == "hold-out RMSE" }).values
        let best = try #require(full.selectedEpoch)
        try #require(holdout.count == 30 && best + patience < 30, "the full run must have \(patience) epochs after its best")
        let stopped = MatrixFactorization(train: train, validation: test, configuration: .init(factors: 6, epochs: 30, learningRate: 0.01,
                                                                                                batchSize: 16, holdoutFraction: 0.2, patience: patience))
        // Where the full run stops with this patience: the first epoch `patience` after a minimum
        // so far (later than epoch 1) that is not beaten in the next `patience` epochs.
        var minimum = Double.infinity, minimumEpoch = 0, expectedStop = holdout.count
        for (index, value) in holdout.enumerated() {
            if value < minimum { (minimum, minimumEpoch) = (value, index + 1) } else if minimumEpoch > 1 && index + 1 - minimumEpoch >= patience { expectedStop = index + 1; break }
        }
        #expect(stopped.curves.allSatisfy { $0.values.count == expectedStop })
        for (short, long) in zip(stopped.curves, full.curves) {
            #expect(short.name == long.name && short.values == Array(long.values.prefix(expectedStop)))
        }
        #expect(stopped.selectedEpoch == minimumEpoch && expectedStop < 30)
        // The kept parameters are those of epoch `minimumEpoch`: a run of exactly that many epochs keeps its last.
        let truncated = MatrixFactorization(train: train, validation: test, configuration: .init(factors: 6, epochs: minimumEpoch, learningRate: 0.01,
                                                                                                  batchSize: 16, holdoutFraction: 0.2, patience: nil))
        #expect(truncated.selectedEpoch == minimumEpoch && stopped.parameters == truncated.parameters)
        if minimumEpoch == best { #expect(stopped.parameters == full.parameters) }
    }

    /// The planted data's hold-out RMSE rises for epochs 2–4 at the default learning rate before
    /// it falls: patience does not count from epoch 1, so that rise does not end training.
    @Test func anEarlyRiseOfTheHoldoutErrorDoesNotStopTraining() throws {
        let (train, test) = Self.planted()
        let model = MatrixFactorization(train: train, validation: test, configuration: .init(factors: 4, epochs: 60, batchSize: 20, patience: 1))
        let holdout = try #require(model.curves.first { $0.name == "hold-out RMSE" }).values
        try #require(holdout.count > 4)
        #expect(holdout[1] > holdout[0] && holdout[2] > holdout[0])
        #expect(try #require(model.selectedEpoch) > 10 && holdout.count < 60)
    }

    @Test func sameSeedGivesBitIdenticalParametersAndNamesFollowTheConfiguration() {
        let (train, _) = Self.planted()
        let configuration = MatrixFactorization.Configuration(factors: 3, epochs: 3, batchSize: 16)
        let a = MatrixFactorization(train: train, configuration: configuration)
        let b = MatrixFactorization(train: train, configuration: configuration)
        #expect(a.parameters == b.parameters)
        var other = configuration
        other.seed = 43
        #expect(MatrixFactorization(train: train, configuration: other).parameters != a.parameters)
        #expect(a.name == "pmf")
        #expect(MatrixFactorization(train: train, configuration: .init(name: "mf", epochs: 1, regularization: .none)).name == "mf")
        #expect(a.itemVectors.rows == 40 && a.itemVectors.columns == 3)
    }
}
