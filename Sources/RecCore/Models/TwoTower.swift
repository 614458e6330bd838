import Foundation
/// A two-tower retrieval model (seed 003): a user tower and an item tower, each an embedding
/// table with an optional residual dense layer h = e + ReLU(W e + b); score = h_user · h_item.
///
/// Trained with binary cross-entropy on σ(score) over 1 positive (a training interaction) and N
/// negatives drawn uniformly from all items (as seed 003; a negative can occasionally be a seen
/// item), minibatch Adam (`TwoTowerObjective`). After training the tower outputs are stored, so
/// scoring is one `cblas_sgemv`. Deterministic for a seed (single-threaded).
public struct TwoTower: ItemEmbeddingModel, TrainingCurveReporting, ProbabilisticRecommender {
    /// Hyperparameters with documented defaults.
    public struct Configuration: Sendable, Codable, Equatable {
        /// Embedding and tower output size d. Default 32.
        public var dimension: Int
        /// Whether each tower has the residual dense + ReLU layer. Default true.
        public var denseLayer: Bool
        /// Negatives N per positive. Default 10 (seed 003).
        public var negatives: Int
        /// Epochs over the training interactions. Default 10.
        public var epochs: Int
        /// Adam step size. Default 0.005.
        public var learningRate: Float
        /// Positives per minibatch B (each with N negatives). Default 512.
        public var batchSize: Int
        /// Standard deviation of the initial embeddings. Default 0.1; W starts at N(0, 0.1²/d).
        public var initialScale: Float
        /// Seed of initialisation, order and negatives. Default 42.
        public var seed: UInt64

        public init(dimension: Int = 32, denseLayer: Bool = true, negatives: Int = 10, epochs: Int = 10, learningRate: Float = 0.005,
                    batchSize: Int = 512, initialScale: Float = 0.1, seed: UInt64 = 42) {
            self.dimension = dimension
            self.denseLayer = denseLayer
            self.negatives = negatives
            self.epochs = epochs
            self.learningRate = learningRate
            self.batchSize = batchSize
            self.initialScale = initialScale
            self.seed = seed
        }
    }

    public let name = "two-tower"
    public let displayName = "Two-tower"
    public var summary: String {
        "A two-tower network: users and items each get a \(configuration.dimension)-dimensional embedding\(configuration.denseLayer ? " refined by a small dense layer with ReLU" : ""), and the score is the dot product of the two towers' outputs. It learns to tell each training interaction apart from \(configuration.negatives) randomly drawn items with binary cross-entropy."
    }
    public var hyperparameters: [String: String] {
        ["dimension": "\(configuration.dimension)", "dense layer": configuration.denseLayer ? "yes (residual, ReLU)" : "no",
         "negatives": "\(configuration.negatives)", "epochs": "\(configuration.epochs)", "learning rate": "\(configuration.learningRate)",
         "batch size": "\(configuration.batchSize)", "initial scale": "\(configuration.initialScale)", "seed": "\(configuration.seed)"]
    }
    public let configuration: Configuration
    public let parameters: TwoTowerParameters<Float>
    /// "training BCE" (mean over the epoch's minibatches) and, with validation, "validation BCE".
    public let curves: [TrainingCurve]
    /// The training histories, for history fold-ins (O(interactions) memory).
    public let train: InteractionMatrix
    /// User tower outputs, U × d.
    public let userVectors: Matrix
    /// Item tower outputs, I × d.
    public let itemVectors: Matrix
    public var itemCount: Int { itemVectors.rows }
    /// The item side of every user's fold-in (`historyScorer(forUser:)`), built once on first use.
    let foldInItems: Lazy<FoldInItems>

    static func foldInItems(_ itemVectors: Matrix) -> Lazy<FoldInItems> {
        Lazy { FoldInItems(features: itemVectors.values, offsets: [Double](repeating: 0, count: itemVectors.rows), dimension: itemVectors.columns) }
    }

    /// Fits the model; `validation` (optional) feeds the "validation BCE" curve with fixed
    /// negatives. O(epochs · interactions · (1 + N) · d + distinct rows per batch · d²) time.
    public init(train: InteractionMatrix, validation: InteractionMatrix? = nil, configuration: Configuration = .init()) {
        let d = configuration.dimension, users = train.userCount, items = train.itemCount
        let width = 1 + configuration.negatives
        var rng = SplitMix64(seed: configuration.seed)
        var initRNG = rng.derived(1), orderRNG = rng.derived(2), negativeRNG = rng.derived(3)
        _ = rng.next()
        var p = TwoTowerParameters<Float>(users: users, items: items, dimension: d, dense: configuration.denseLayer)
        for k in p.userEmbedding.indices { p.userEmbedding[k] = Float(initRNG.nextGaussian()) * configuration.initialScale }
        for k in p.itemEmbedding.indices { p.itemEmbedding[k] = Float(initRNG.nextGaussian()) * configuration.initialScale }
        let weightScale = 0.1 / Float(d).squareRoot()
        for k in p.userWeight.indices { p.userWeight[k] = Float(initRNG.nextGaussian()) * weightScale }
        for k in p.itemWeight.indices { p.itemWeight[k] = Float(initRNG.nextGaussian()) * weightScale }
        var gradient = TwoTowerParameters<Float>(users: users, items: items, dimension: d, dense: configuration.denseLayer)
        let rate = configuration.learningRate
        var states = (0..<6).map { k in OptimizerState(.adam, learningRate: rate, count: [p.userEmbedding, p.itemEmbedding, p.userWeight, p.userOffset, p.itemWeight, p.itemOffset][k].count) }
        var userColumn = [Int32](repeating: 0, count: train.count)
        for u in 0..<users { for k in train.range(ofUser: u) { userColumn[k] = Int32(u) } }
        var touchedUsers = TouchedRows(count: users), touchedItems = TouchedRows(count: items)
        var order = Array(0..<train.count)
        var batchUsers: [Int32] = [], candidates: [Int32] = []
        var trainCurve: [Double] = [], validationCurve: [Double] = []
        var step = 0
        for _ in 0..<configuration.epochs {
            orderRNG.shuffle(&order)
            var total = 0.0, batches = 0
            for start in stride(from: 0, to: order.count, by: max(1, configuration.batchSize)) {
                batchUsers.removeAll(keepingCapacity: true); candidates.removeAll(keepingCapacity: true)
                for k in order[start..<min(order.count, start + max(1, configuration.batchSize))] {
                    batchUsers.append(userColumn[k]); candidates.append(train.items[k])
                    touchedUsers.insert(userColumn[k]); touchedItems.insert(train.items[k])
                    for _ in 0..<configuration.negatives {
                        let j = Int32(negativeRNG.nextInt(below: items))
                        candidates.append(j); touchedItems.insert(j)
                    }
                }
                step += 1
                batches += 1
                total += Double(TwoTowerObjective.minibatch(p, users: batchUsers, candidates: candidates, width: width,
                                                            batch: 0..<batchUsers.count, gradient: &gradient))
                let eta = states[0].stepSize(step: step)
                states[0].applyRows(touchedUsers.rows, width: d, to: &p.userEmbedding, gradient: &gradient.userEmbedding, stepSize: eta)
                states[1].applyRows(touchedItems.rows, width: d, to: &p.itemEmbedding, gradient: &gradient.itemEmbedding, stepSize: eta)
                if p.dense {
                    states[2].applyRows([0], width: d * d, to: &p.userWeight, gradient: &gradient.userWeight, stepSize: eta)
                    states[3].applyRows([0], width: d, to: &p.userOffset, gradient: &gradient.userOffset, stepSize: eta)
                    states[4].applyRows([0], width: d * d, to: &p.itemWeight, gradient: &gradient.itemWeight, stepSize: eta)
                    states[5].applyRows([0], width: d, to: &p.itemOffset, gradient: &gradient.itemOffset, stepSize: eta)
                }
                touchedUsers.removeAll(); touchedItems.removeAll()
            }
            trainCurve.append(batches == 0 ? 0 : total / Double(batches))
            if let validation {
                let (hu, hi) = Self.towerOutputs(p, users: users, items: items)
                validationCurve.append(Self.meanBCE(users: hu, items: hi, on: validation, negatives: configuration.negatives,
                                                    seed: configuration.seed))
            }
        }
        var curves = [TrainingCurve(name: "training BCE", values: trainCurve)]
        if validation != nil { curves.append(TrainingCurve(name: "validation BCE", values: validationCurve)) }
        (userVectors, itemVectors) = Self.towerOutputs(p, users: users, items: items)
        foldInItems = Self.foldInItems(itemVectors)
        self.configuration = configuration
        self.parameters = p
        self.curves = curves
        self.train = train
    }

    /// Score h_u · h_i of every item: one `cblas_sgemv`. O(I·d).
    public func scores(forUser user: Int, into scores: inout [Float]) {
        userVectors.rowTimesTransposed(user, itemVectors, into: &scores)
    }

    /// σ(h_u · h_i).
    public func probability(user: Int, item: Int) -> Float { Float.sigmoid(userVectors.dot(row: user, with: itemVectors, row: item)) }

    public func probabilities(forUser user: Int, into probabilities: inout [Float]) {
        scores(forUser: user, into: &probabilities)
        for i in 0..<itemCount { probabilities[i] = Float.sigmoid(probabilities[i]) }
    }

    static func towerOutputs(_ p: TwoTowerParameters<Float>, users: Int, items: Int) -> (Matrix, Matrix) {
        let d = p.dimension
        var hu = [Float](repeating: 0, count: users * d), hi = [Float](repeating: 0, count: items * d)
        var au = [Bool](repeating: false, count: hu.count), ai = [Bool](repeating: false, count: hi.count)
        for u in 0..<users {
            TwoTowerParameters.tower(p.userEmbedding, row: u, weight: p.userWeight, offset: p.userOffset, dense: p.dense,
                                     dimension: d, output: &hu, outputOffset: u * d, active: &au)
        }
        for i in 0..<items {
            TwoTowerParameters.tower(p.itemEmbedding, row: i, weight: p.itemWeight, offset: p.itemOffset, dense: p.dense,
                                     dimension: d, output: &hi, outputOffset: i * d, active: &ai)
        }
        return (Matrix(rows: users, columns: d, values: hu), Matrix(rows: items, columns: d, values: hi))
    }

    /// Mean BCE over each validation interaction and N negatives drawn from a fixed sub-stream.
    static func meanBCE(users: Matrix, items: Matrix, on validation: InteractionMatrix, negatives: Int, seed: UInt64) -> Double {
        var rng = SplitMix64(seed: seed).derived(4)
        var total = 0.0, count = 0
        for u in 0..<min(validation.userCount, users.rows) {
            for k in validation.range(ofUser: u) where Int(validation.items[k]) < items.rows {
                total += Double(Float.softplus(-users.dot(row: u, with: items, row: Int(validation.items[k]))))
                for _ in 0..<negatives {
                    total += Double(Float.softplus(users.dot(row: u, with: items, row: rng.nextInt(below: items.rows))))
                }
                count += 1 + negatives
            }
        }
        return count == 0 ? 0 : total / Double(count)
    }
}

extension TwoTower {
    public var scoreUnit: ScoreUnit {
        ScoreUnit(short: "logit", meaning: "the dot product of the user and item towers, a logit: σ(score) is the predicted probability of an interaction.")
    }
}

extension TwoTower: TrainedStatePersistable {
    /// The towers' outputs are recomputed from the parameters (the same code as training's).
    public init(configuration: Configuration, parameters: TwoTowerParameters<Float>, curves: [TrainingCurve], train: InteractionMatrix) {
        (userVectors, itemVectors) = Self.towerOutputs(parameters, users: train.userCount, items: train.itemCount)
        foldInItems = Self.foldInItems(itemVectors)
        self.configuration = configuration
        self.parameters = parameters
        self.curves = curves
        self.train = train
    }
}
