import Foundation
/// Bayesian personalised ranking matrix factorisation (Rendle et al. 2009).
///
/// Each epoch draws one triple (u, i⁺, j⁻) per training interaction, in shuffled order, with j⁻
/// uniform over the items u has not seen, and minimises the BPR-Opt loss (`BPRObjective`) by
/// minibatch Adam or SGD. Score x̂ᵤᵢ = pᵤ·qᵢ + bᵢ; P is U × D, Q is I × D. Deterministic for a seed.
public struct BPRMF: ItemEmbeddingModel, TrainingCurveReporting {
    /// Hyperparameters with documented defaults.
    public struct Configuration: Sendable, Codable, Equatable {
        /// Latent factors D. Default 64.
        public var factors: Int
        /// Epochs (one sampled triple per training interaction each). Default 30.
        public var epochs: Int
        /// Step size η. Default 0.005.
        public var learningRate: Float
        /// Triples per minibatch. Default 128.
        public var batchSize: Int
        /// L2 weight λ per triple on pᵤ, qᵢ, qⱼ, bᵢ, bⱼ. Default 0.001.
        public var regularization: Float
        /// Update rule. Default `.adam`.
        public var optimizer: Optimizer
        /// Standard deviation of the initial factors. Default 0.1.
        public var initialScale: Float
        /// Seed of initialisation, order and negatives. Default 42.
        public var seed: UInt64

        public init(factors: Int = 64, epochs: Int = 30, learningRate: Float = 0.005, batchSize: Int = 128,
                    regularization: Float = 0.001, optimizer: Optimizer = .adam, initialScale: Float = 0.1, seed: UInt64 = 42) {
            self.factors = factors
            self.epochs = epochs
            self.learningRate = learningRate
            self.batchSize = batchSize
            self.regularization = regularization
            self.optimizer = optimizer
            self.initialScale = initialScale
            self.seed = seed
        }
    }

    public let name = "bpr"
    public let displayName = "BPR-MF"
    public var summary: String {
        "Matrix factorisation trained for ranking (Bayesian personalised ranking): for each training interaction it samples an item the user has not seen and nudges the \(configuration.factors)-dimensional user and item vectors so the seen item scores above the unseen one. The score is the dot product of the vectors plus an item bias."
    }
    public var hyperparameters: [String: String] {
        ["factors": "\(configuration.factors)", "epochs": "\(configuration.epochs)", "learning rate": "\(configuration.learningRate)",
         "batch size": "\(configuration.batchSize)", "λ": "\(configuration.regularization)",
         "optimizer": configuration.optimizer.rawValue, "initial scale": "\(configuration.initialScale)", "seed": "\(configuration.seed)"]
    }
    public let configuration: Configuration
    public let parameters: FactorParameters<Float>
    /// "training loss": mean BPR loss (with penalty) per triple, per epoch.
    public let curves: [TrainingCurve]
    /// The training histories, for history fold-ins (O(interactions) memory).
    public let train: InteractionMatrix
    public var itemCount: Int { parameters.itemBias.count }
    /// The item side of every user's fold-in (`historyScorer(forUser:)`), built once on first use.
    let foldInItems: Lazy<FoldInItems>

    static func foldInItems(_ parameters: FactorParameters<Float>) -> Lazy<FoldInItems> {
        Lazy { FoldInItems(features: parameters.itemFactors, offsets: parameters.itemBias.map(Double.init), dimension: parameters.factors) }
    }
    public var itemVectors: Matrix { Matrix(rows: itemCount, columns: parameters.factors, values: parameters.itemFactors) }
    public var userVectors: Matrix { Matrix(rows: parameters.userBias.count, columns: parameters.factors, values: parameters.userFactors) }

    /// Fits the model. O(epochs · interactions · D) time; single-threaded, deterministic.
    public init(train: InteractionMatrix, configuration: Configuration = .init()) {
        let d = configuration.factors, users = train.userCount, items = train.itemCount
        var rng = SplitMix64(seed: configuration.seed)
        var initRNG = rng.derived(1), orderRNG = rng.derived(2), negativeRNG = rng.derived(3)
        _ = rng.next()
        var parameters = FactorParameters<Float>(users: users, items: items, factors: d, scale: configuration.initialScale, rng: &initRNG)
        var gradient = FactorParameters<Float>(users: users, items: items, factors: d)
        let sampler = NegativeSampler(train)
        var userColumn = [Int32](repeating: 0, count: train.count)
        for u in 0..<users { for k in train.range(ofUser: u) { userColumn[k] = Int32(u) } }
        let rule = configuration.optimizer, rate = configuration.learningRate
        var userState = OptimizerState(rule, learningRate: rate, count: users * d)
        var itemState = OptimizerState(rule, learningRate: rate, count: items * d)
        var biasState = OptimizerState(rule, learningRate: rate, count: items)
        var touchedUsers = TouchedRows(count: users), touchedItems = TouchedRows(count: items)
        var order = Array(0..<train.count)
        var tripleUsers: [Int32] = [], positives: [Int32] = [], negatives: [Int32] = []
        var losses: [Double] = []
        var step = 0
        for _ in 0..<configuration.epochs {
            orderRNG.shuffle(&order)
            tripleUsers.removeAll(keepingCapacity: true); positives.removeAll(keepingCapacity: true); negatives.removeAll(keepingCapacity: true)
            for k in order {
                let u = Int(userColumn[k])
                guard let j = sampler.sample(user: u, rng: &negativeRNG) else { continue }
                tripleUsers.append(userColumn[k]); positives.append(train.items[k]); negatives.append(j)
            }
            var total = 0.0
            let n = tripleUsers.count, size = max(1, configuration.batchSize)
            for start in stride(from: 0, to: n, by: size) {
                let batch = start..<min(n, start + size)
                step += 1
                total += Double(BPRObjective.minibatch(parameters, users: tripleUsers, positives: positives, negatives: negatives,
                                                       batch: batch, lambda: configuration.regularization, gradient: &gradient))
                for t in batch {
                    touchedUsers.insert(tripleUsers[t]); touchedItems.insert(positives[t]); touchedItems.insert(negatives[t])
                }
                let eta = userState.stepSize(step: step)
                userState.applyRows(touchedUsers.rows, width: d, to: &parameters.userFactors, gradient: &gradient.userFactors, stepSize: eta)
                itemState.applyRows(touchedItems.rows, width: d, to: &parameters.itemFactors, gradient: &gradient.itemFactors, stepSize: eta)
                biasState.applyRows(touchedItems.rows, width: 1, to: &parameters.itemBias, gradient: &gradient.itemBias, stepSize: eta)
                touchedUsers.removeAll(); touchedItems.removeAll()
            }
            losses.append(n == 0 ? 0 : total / Double(n))
        }
        self.configuration = configuration
        self.parameters = parameters
        foldInItems = Self.foldInItems(parameters)
        self.curves = [TrainingCurve(name: "training loss", values: losses)]
        self.train = train
    }

    /// x̂ᵤᵢ for every item: one `cblas_sgemv` plus the item biases. O(I·D).
    public func scores(forUser user: Int, into scores: inout [Float]) {
        userVectors.rowTimesTransposed(user, itemVectors, into: &scores)
        for i in 0..<itemCount { scores[i] += parameters.itemBias[i] }
    }
}

extension BPRMF {
    public var scoreUnit: ScoreUnit {
        ScoreUnit(short: "ranking score", meaning: "the pairwise-ranking score pᵤ·qᵢ + bᵢ: only differences between items matter (σ of a difference is the probability that the user prefers the first item).")
    }
}

extension BPRMF: TrainedStatePersistable {
    public init(configuration: Configuration, parameters: FactorParameters<Float>, curves: [TrainingCurve], train: InteractionMatrix) {
        self.configuration = configuration
        self.parameters = parameters
        foldInItems = Self.foldInItems(parameters)
        self.curves = curves
        self.train = train
    }
}
