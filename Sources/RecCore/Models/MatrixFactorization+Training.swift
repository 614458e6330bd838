import Dispatch
import Foundation

extension MatrixFactorization {
    /// Fits the model to the ratings of `train`; `validation` (same index space, optional) only
    /// feeds the "validation RMSE" curve, never the fit. Curves, one value per epoch: "train RMSE",
    /// "validation RMSE" (if given), "hold-out RMSE" (if early stopping is on) and, for adaptive
    /// regularisation, "λ_p" and "λ_q" (in units of the noise precision, see `Regularization`).
    ///
    /// Early stopping: with `holdoutFraction` > 0 and any regularisation except `.none`, that
    /// seeded share of `train` is held out of the fit and the parameters of the epoch with the
    /// lowest hold-out RMSE are kept (`selectedEpoch`); with a `patience`, training ends that many
    /// epochs after the last new minimum (the curves end there too), otherwise every epoch runs.
    /// The count starts once the hold-out RMSE has fallen below its first epoch's: while the
    /// factors leave their near-zero start the error can rise for a few epochs before it falls
    /// (seen on small data with few minibatches per epoch), and that is no reason to stop.
    /// The kept parameters are the same either way unless the hold-out RMSE would have reached a
    /// new minimum after `patience` epochs without one.
    /// - Complexity: O(epochs · ratings · D) time, plus O(ratings · D² + (U + I) · D³) per epoch for
    ///   the empirical-Bayes update of `.adaptive`; O((U + I) · D²) memory; single-threaded.
    public init(train: InteractionMatrix, validation: InteractionMatrix? = nil, configuration: Configuration = .init()) {
        self.init(train: train, validation: validation, configuration: configuration, forceSwiftEpochs: false)
    }

    /// `forceSwiftEpochs`: run Adam epochs on the Swift reference loop instead of `MFAdamEpochs`
    /// (tests: both give bit-identical parameters).
    init(train: InteractionMatrix, validation: InteractionMatrix?, configuration: Configuration, forceSwiftEpochs: Bool) {
        let d = configuration.factors
        let users = train.userCount, items = train.itemCount
        let mean: Float = train.count == 0 ? 0 : Float(train.ratings.reduce(0.0) { $0 + Double($1) } / Double(train.count))
        let scale = configuration.ratingScale

        var rng = SplitMix64(seed: configuration.seed)
        var initRNG = rng.derived(1)
        var orderRNG = rng.derived(2)
        var holdoutRNG = rng.derived(3)
        _ = rng.next()
        // Fitting ratings (user, item, normalised target) and the early-stopping hold-out.
        let holdoutFraction = configuration.regularization == .none ? 0 : min(max(configuration.holdoutFraction, 0), 0.5)
        var fitUsers: [Int32] = [], fitItems: [Int32] = [], targets: [Float] = []
        var heldUsers: [Int32] = [], heldItems: [Int32] = [], heldRatings: [Float] = []
        fitUsers.reserveCapacity(train.count)
        fitItems.reserveCapacity(train.count)
        targets.reserveCapacity(train.count)
        for u in 0..<users {
            for k in train.range(ofUser: u) {
                if holdoutFraction > 0 && holdoutRNG.nextDouble() < holdoutFraction {
                    heldUsers.append(Int32(u))
                    heldItems.append(train.items[k])
                    heldRatings.append(train.ratings[k])
                } else {
                    fitUsers.append(Int32(u))
                    fitItems.append(train.items[k])
                    targets.append((train.ratings[k] - mean) / scale)
                }
            }
        }
        let n = targets.count

        var parameters = MFParameters<Float>(users: users, items: items, factors: d)
        for k in parameters.userFactors.indices { parameters.userFactors[k] = Float(initRNG.nextGaussian()) * configuration.initialScale }
        for k in parameters.itemFactors.indices { parameters.itemFactors[k] = Float(initRNG.nextGaussian()) * configuration.initialScale }
        var penalty: MFPenalty<Float>
        var hyperprior: (shape: Float, rate: Float, warmup: Int)?
        var noisePrecision: Float = 0
        switch configuration.regularization {
        case .none: penalty = .none
        case .fixed(let lambda): penalty = .fixed(lambda: lambda)
        case .adaptive(let shape, let rate, let initial, let warmup):
            penalty = .weighted(lambdaP: Float(initial), lambdaQ: Float(initial))
            hyperprior = (Float(shape), Float(rate), max(1, warmup))
        case .adaptiveSeed002(let alpha, let beta, let initial):
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
        var lambdaP: [Double] = [], lambdaQ: [Double] = []
        let curves = EpochCurves(train: train, validation: validation, mean: mean, scale: scale)
        let curveQueue = DispatchQueue(label: "MatrixFactorization.curves")
        var holdoutCurve: [Double] = [], best: MFParameters<Float>?, bestEpoch: Int?, bestHoldout = Double.infinity

        // Adam with a penalty of fixed weights runs its epochs in C (bit-identical to the loop below).
        var fastEpochs = rule == .adam && MFAdamEpochs.weights(of: penalty) != nil && !forceSwiftEpochs
            ? MFAdamEpochs(users: users, items: items, factors: d, batchSize: batchSize) : nil
        let batchesPerEpoch = (n + batchSize - 1) / batchSize
        var groups: MFRatingGroups?  // the EM step's grouping of the fitted ratings, built once

        for epoch in 0..<configuration.epochs {
            orderRNG.shuffle(&order)
            if fastEpochs != nil, let weights = MFAdamEpochs.weights(of: penalty) {
                let stepSizes = (0..<batchesPerEpoch).map { userState.stepSize(step: step + 1 + $0) }
                step += batchesPerEpoch
                fastEpochs?.run(&parameters, users: fitUsers, items: fitItems, targets: targets, order: order, batchSize: batchSize,
                                stepSizes: stepSizes, weights: weights, biasPenalty: biasPenalty)
            } else {
                for start in stride(from: 0, to: n, by: batchSize) {
                    let batch = order[start..<min(n, start + batchSize)]
                    step += 1
                    _ = MFObjective.minibatchUnchecked(parameters, users: fitUsers, items: fitItems, targets: targets,
                                                       batch: batch, penalty: penalty, biasPenalty: biasPenalty, gradient: &gradient)
                    for k in batch {
                        touchedUsers.insert(fitUsers[k])
                        touchedItems.insert(fitItems[k])
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
            }
            // The epoch's train and validation curves need only its parameters: they run on a serial
            // queue, beside the next epoch, in epoch order (same values as inline).
            let snapshot = parameters, epochNumber = epoch + 1
            curveQueue.async { curves.record(snapshot) }
            // The hold-out error decides the kept epoch and the stop, inline (a few thousand ratings).
            var stop = false
            if !heldRatings.isEmpty {
                let error = MatrixFactorization.rmse(parameters, mean: mean, scale: scale, users: heldUsers, items: heldItems, ratings: heldRatings)
                holdoutCurve.append(error)
                if bestEpoch == nil || error < bestHoldout {
                    (best, bestEpoch, bestHoldout) = (snapshot, epochNumber, error)
                } else if let patience = configuration.patience, bestEpoch! > 1, epochNumber - bestEpoch! >= max(1, patience) {
                    stop = true
                }
            }
            switch penalty {
            case .weighted(var p, var q):
                // Empirical Bayes: one EM step for λ_p, λ_q, τ around the epoch's factors.
                if let hyperprior, epoch + 1 >= hyperprior.warmup {
                    if groups == nil { groups = MFRatingGroups(users: fitUsers, items: fitItems, userCount: users, itemCount: items) }
                    if noisePrecision == 0 {
                        let s = MFObjective.adaptiveStatistics(parameters, users: fitUsers, items: fitItems, targets: targets)
                        noisePrecision = Float(n) / (2 * max(s.squaredError, .leastNormalMagnitude))
                    }
                    let h = MFObjective.adaptiveHyperparameters(parameters, users: fitUsers, items: fitItems, targets: targets,
                                                               lambdaP: p * noisePrecision, lambdaQ: q * noisePrecision,
                                                               noisePrecision: noisePrecision, shape: hyperprior.shape, rate: hyperprior.rate,
                                                               groups: groups!)
                    noisePrecision = h.noisePrecision
                    (p, q) = (h.lambdaP / h.noisePrecision, h.lambdaQ / h.noisePrecision)
                    penalty = .weighted(lambdaP: p, lambdaQ: q)
                }
                lambdaP.append(Double(p))
                lambdaQ.append(Double(q))
            default:
                lambdaP.append(Double(parameters.logLambda[0]).exponentialValue)
                lambdaQ.append(Double(parameters.logLambda[1]).exponentialValue)
            }
            if stop { break }
        }

        curveQueue.sync {}
        let (trainCurve, validationCurve) = (curves.train, curves.validation)
        var curveList = [TrainingCurve(name: "train RMSE", values: trainCurve)]
        if validation != nil { curveList.append(TrainingCurve(name: "validation RMSE", values: validationCurve)) }
        if !holdoutCurve.isEmpty { curveList.append(TrainingCurve(name: "hold-out RMSE", values: holdoutCurve)) }
        switch configuration.regularization {
        case .adaptive, .adaptiveSeed002:
            curveList.append(TrainingCurve(name: "λ_p", values: lambdaP, logScale: true))
            curveList.append(TrainingCurve(name: "λ_q", values: lambdaQ, logScale: true))
        default: break
        }
        self.configuration = configuration
        self.globalMean = mean
        self.parameters = best ?? parameters
        self.selectedEpoch = bestEpoch
        self.curves = curveList.map { $0.kept(bestEpoch) }
        self.train = train
    }
}

extension Double {
    fileprivate var exponentialValue: Double { Double.exponential(self) }
}

/// The train and validation RMSE curves of a `MatrixFactorization` fit, recorded epoch by epoch
/// on one serial queue (`record` is never called concurrently with itself, and the fit reads the
/// results only after draining that queue).
private final class EpochCurves: @unchecked Sendable {
    let trainRatings: InteractionMatrix, validationRatings: InteractionMatrix?
    let mean: Float, scale: Float
    var train: [Double] = [], validation: [Double] = []

    init(train: InteractionMatrix, validation: InteractionMatrix?, mean: Float, scale: Float) {
        (trainRatings, validationRatings, self.mean, self.scale) = (train, validation, mean, scale)
    }

    /// Train and validation RMSE after an epoch.
    func record(_ parameters: MFParameters<Float>) {
        train.append(MatrixFactorization.rmse(parameters, mean: mean, scale: scale, on: trainRatings))
        if let validationRatings { validation.append(MatrixFactorization.rmse(parameters, mean: mean, scale: scale, on: validationRatings)) }
    }
}
