import Foundation
import CBLAS

/// Logistic matrix factorisation for implicit feedback (Johnson 2014).
///
/// P(lᵤᵢ = 1) = σ(xᵤ·yᵢ + βᵤ + βᵢ), confidence cᵤᵢ = α·rᵤᵢ with rᵤᵢ the number of training
/// interactions of u with i. As in the paper, each iteration takes one full-gradient AdaGrad step
/// on all user parameters with the items fixed, then one on all item parameters with the users
/// fixed, over every (u, i) pair including the zeros (no negative sampling): the logits of a block of
/// 256 users are one `cblas_sgemm`, so memory stays O(256·I). Objective and gradient: `LMFObjective`.
/// X is U × D, Y is I × D. Deterministic (BLAS products are accumulated block by block in order).
public struct LogisticMF: ItemEmbeddingModel, TrainingCurveReporting, ProbabilisticRecommender {
    /// Hyperparameters with documented defaults.
    public struct Configuration: Sendable, Codable, Equatable {
        /// Latent factors D. Default 30.
        public var factors: Int
        /// Alternating iterations (one user step + one item step each). Default 30.
        public var iterations: Int
        /// AdaGrad step size γ. Default 1.0 (the paper's).
        public var learningRate: Float
        /// Confidence scale α in c = α·r. Default 20 (≈ zeros per observed pair on ML-100k).
        public var alpha: Float
        /// Prior precision λ of the factors. Default 0.6.
        public var regularization: Float
        /// Standard deviation of the initial factors. Default 0.01.
        public var initialScale: Float
        /// Seed of the initialisation. Default 42.
        public var seed: UInt64

        public init(factors: Int = 30, iterations: Int = 30, learningRate: Float = 1.0, alpha: Float = 20,
                    regularization: Float = 0.6, initialScale: Float = 0.01, seed: UInt64 = 42) {
            self.factors = factors
            self.iterations = iterations
            self.learningRate = learningRate
            self.alpha = alpha
            self.regularization = regularization
            self.initialScale = initialScale
            self.seed = seed
        }
    }

    public let name = "lmf"
    public let displayName = "Logistic MF"
    public var summary: String {
        "Logistic matrix factorisation (Johnson 2014): the probability that a user interacts with an item is the logistic function of the dot product of their \(configuration.factors)-dimensional vectors plus a user and an item bias. Observed interactions count α = \(configuration.alpha) times as much as the many unobserved pairs; users and items are updated in turn with AdaGrad on the full log-likelihood."
    }
    public var hyperparameters: [String: String] {
        ["factors": "\(configuration.factors)", "iterations": "\(configuration.iterations)", "learning rate": "\(configuration.learningRate)",
         "α": "\(configuration.alpha)", "λ": "\(configuration.regularization)", "initial scale": "\(configuration.initialScale)",
         "seed": "\(configuration.seed)"]
    }
    public let configuration: Configuration
    public let parameters: FactorParameters<Float>
    /// "negative log-likelihood": mean per (u, i) pair (prior excluded), before each item step.
    public let curves: [TrainingCurve]
    /// The training histories, for history fold-ins (O(interactions) memory).
    public let train: InteractionMatrix
    /// The frozen item side of the fold-ins and the empty history's optimum, which no user's
    /// history enters: computed once, on the first fold-in (`historyScorer(forUser:)`).
    let foldIn: Lazy<FoldInShared>
    public var itemCount: Int { parameters.itemBias.count }
    public var itemVectors: Matrix { Matrix(rows: itemCount, columns: parameters.factors, values: parameters.itemFactors) }
    public var userVectors: Matrix { Matrix(rows: parameters.userBias.count, columns: parameters.factors, values: parameters.userFactors) }

    /// Fits the model. O(iterations · U · I · D) time (BLAS), O(256 · I + (U + I) · D) memory.
    public init(train: InteractionMatrix, configuration: Configuration = .init()) {
        self.configuration = configuration
        var rng = SplitMix64(seed: configuration.seed).derived(1)
        var parameters = FactorParameters<Float>(users: train.userCount, items: train.itemCount, factors: configuration.factors,
                                                 scale: configuration.initialScale, rng: &rng)
        var trainer = LogisticMFTrainer(train: train, configuration: configuration)
        var losses: [Double] = []
        for _ in 0..<configuration.iterations {
            trainer.step(&parameters, updatingUsers: true)
            losses.append(trainer.step(&parameters, updatingUsers: false))
        }
        self.parameters = parameters
        self.curves = [TrainingCurve(name: "negative log-likelihood", values: losses)]
        self.train = train
        foldIn = Lazy { [parameters] in FoldInShared(parameters: parameters, configuration: configuration) }
    }

    /// Logits ℓᵤᵢ for every item (monotone in the probability): `cblas_sgemv` plus biases. O(I·D).
    public func scores(forUser user: Int, into scores: inout [Float]) {
        userVectors.rowTimesTransposed(user, itemVectors, into: &scores)
        let base = parameters.userBias[user]
        for i in 0..<itemCount { scores[i] += base + parameters.itemBias[i] }
    }

    /// P(lᵤᵢ = 1) = σ(xᵤ·yᵢ + βᵤ + βᵢ).
    public func probability(user: Int, item: Int) -> Float {
        Float.sigmoid(parameters.dot(user: user, item: item) + parameters.userBias[user] + parameters.itemBias[item])
    }

    public func probabilities(forUser user: Int, into probabilities: inout [Float]) {
        scores(forUser: user, into: &probabilities)
        for i in 0..<itemCount { probabilities[i] = Float.sigmoid(probabilities[i]) }
    }
}

extension LogisticMF {
    public var scoreUnit: ScoreUnit {
        ScoreUnit(short: "logit", meaning: "the logit of the probability that the user interacts with the item (σ(score) is that probability).")
    }
}

extension LogisticMF: TrainedStatePersistable {
    public init(configuration: Configuration, parameters: FactorParameters<Float>, curves: [TrainingCurve], train: InteractionMatrix) {
        self.configuration = configuration
        self.parameters = parameters
        self.curves = curves
        self.train = train
        foldIn = Lazy { [parameters] in FoldInShared(parameters: parameters, configuration: configuration) }
    }
}
