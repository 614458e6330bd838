extension MatrixFactorization {
    /// Fits the model to the ratings of `train`; `validation` (same index space, optional) only
    /// feeds the "validation RMSE" curve, never the fit. Curves, one value per epoch: "train RMSE",
    /// "validation RMSE" (if given) and, for adaptive regularisation, "λ_p" and "λ_q".
    /// - Complexity: O(epochs · ratings · D) time, O((U + I) · D) memory; single-threaded.
    public init(train: InteractionMatrix, validation: InteractionMatrix? = nil, configuration: Configuration = .init()) {
        let n = train.count, d = configuration.factors
        let users = train.userCount, items = train.itemCount
        let mean: Float = n == 0 ? 0 : Float(train.ratings.reduce(0.0) { $0 + Double($1) } / Double(n))
        let scale = configuration.ratingScale
        var userColumn = [Int32](repeating: 0, count: n)
        for u in 0..<users { for k in train.range(ofUser: u) { userColumn[k] = Int32(u) } }
        let targets = train.ratings.map { ($0 - mean) / scale }

        var rng = SplitMix64(seed: configuration.seed)
        var initRNG = rng.derived(1)
        var orderRNG = rng.derived(2)
        _ = rng.next()
        var parameters = MFParameters<Float>(users: users, items: items, factors: d)
        for k in parameters.userFactors.indices { parameters.userFactors[k] = Float(initRNG.nextGaussian()) * configuration.initialScale }
        for k in parameters.itemFactors.indices { parameters.itemFactors[k] = Float(initRNG.nextGaussian()) * configuration.initialScale }
        let penalty: MFPenalty<Float>
        switch configuration.regularization {
        case .none: penalty = .none
        case .fixed(let lambda): penalty = .fixed(lambda: lambda)
        case .adaptive(let alpha, let beta, let initial):
            parameters.logLambda = [Float(initial), Float(initial)]
            let ranked = Double(max(n, 1))
            penalty = .adaptive(beta: Float(beta), multiplierP: Float(alpha * Double(users * d) / ranked),
                                multiplierQ: Float(alpha * Double(items * d) / ranked))
        }

        let biasPenalty: Float = configuration.regularization == .none ? 0 : configuration.biasRegularization
        let rule = configuration.optimizer, rate = configuration.learningRate
        var userBiasState = OptimizerState(rule, learningRate: rate, count: users)
        var itemBiasState = OptimizerState(rule, learningRate: rate, count: items)
        var userState = OptimizerState(rule, learningRate: rate, count: users * d)
        var itemState = OptimizerState(rule, learningRate: rate, count: items * d)
        var lambdaState = OptimizerState(rule, learningRate: rate, count: 2)
        var gradient = MFParameters<Float>(users: users, items: items, factors: d)
        var touchedUsers = TouchedRows(count: users), touchedItems = TouchedRows(count: items)
        var order = Array(0..<n)
        let batchSize = max(1, configuration.batchSize)
        var step = 0
        var trainCurve: [Double] = [], validationCurve: [Double] = [], lambdaP: [Double] = [], lambdaQ: [Double] = []

        for _ in 0..<configuration.epochs {
            orderRNG.shuffle(&order)
            for start in stride(from: 0, to: n, by: batchSize) {
                let batch = order[start..<min(n, start + batchSize)]
                step += 1
                _ = MFObjective.minibatch(parameters, users: userColumn, items: train.items, targets: targets,
                                          batch: batch, penalty: penalty, biasPenalty: biasPenalty, gradient: &gradient)
                for k in batch {
                    touchedUsers.insert(userColumn[k])
                    touchedItems.insert(train.items[k])
                }
                let size = userState.stepSize(step: step)
                userBiasState.applyRows(touchedUsers.rows, width: 1, to: &parameters.userBias, gradient: &gradient.userBias, stepSize: size)
                itemBiasState.applyRows(touchedItems.rows, width: 1, to: &parameters.itemBias, gradient: &gradient.itemBias, stepSize: size)
                userState.applyRows(touchedUsers.rows, width: d, to: &parameters.userFactors, gradient: &gradient.userFactors, stepSize: size)
                itemState.applyRows(touchedItems.rows, width: d, to: &parameters.itemFactors, gradient: &gradient.itemFactors, stepSize: size)
                if case .adaptive = penalty {
                    lambdaState.applyRows([0, 1], width: 1, to: &parameters.logLambda, gradient: &gradient.logLambda, stepSize: size)
                }
                touchedUsers.removeAll()
                touchedItems.removeAll()
            }
            trainCurve.append(Self.rmse(parameters, mean: mean, scale: scale, on: train))
            if let validation { validationCurve.append(Self.rmse(parameters, mean: mean, scale: scale, on: validation)) }
            lambdaP.append(Double(parameters.logLambda[0]).exponentialValue)
            lambdaQ.append(Double(parameters.logLambda[1]).exponentialValue)
        }

        var curves = [TrainingCurve(name: "train RMSE", values: trainCurve)]
        if validation != nil { curves.append(TrainingCurve(name: "validation RMSE", values: validationCurve)) }
        if case .adaptive = penalty {
            curves.append(TrainingCurve(name: "λ_p", values: lambdaP, logScale: true))
            curves.append(TrainingCurve(name: "λ_q", values: lambdaQ, logScale: true))
        }
        self.configuration = configuration
        self.globalMean = mean
        self.parameters = parameters
        self.curves = curves
    }
}

extension Double {
    fileprivate var exponentialValue: Double { Double.exponential(self) }
}
