import Foundation
import _RecKernels
/// Explicit-rating matrix factorisation with biases, trained by minibatch Adam or SGD, with
/// no, fixed or adaptive (PMF, learned-precision) regularisation of the factors, and early
/// stopping on a seeded hold-out of the training ratings (regularised modes).
///
/// Prediction r̂ᵤᵢ = μ + s·(bᵤ + bᵢ + pᵤ·qᵢ), where μ is the training mean rating and s the
/// `ratingScale` (seed 002's `normalize`): the model is fitted to (r − μ)/s, which keeps the
/// squared-error sum and the adaptive prior on comparable scales. Shapes: P is U × D, Q is I × D.
/// Training loss per minibatch: see `MFObjective`. Same configuration and data ⇒ bit-identical
/// parameters (single-threaded training, one seeded `SplitMix64`).
public struct MatrixFactorization: RatingPredictor, ItemEmbeddingModel, TrainingCurveReporting {
    /// How the factors are regularised.
    public enum Regularization: Sendable, Codable, Equatable {
        /// None: the "SVD-like" model that overfits.
        case none
        /// A fixed L2 weight λ on every factor row a minibatch uses (normalised units).
        case fixed(lambda: Float)
        /// PMF with learned prior precisions by empirical Bayes (model and objective:
        /// `MFObjective.adaptiveJoint`): activity-weighted Gaussian priors pᵤ ~ N(0, I/(2λ_p·nᵤ)),
        /// qᵢ ~ N(0, I/(2λ_q·nᵢ)), a Gamma(shape, rate) hyperprior on λ_p, λ_q (default flat) and a
        /// learned noise precision τ. Every epoch runs minibatch steps on
        /// Σ e² + (λ_p/τ)·Σ_b‖p‖² + (λ_q/τ)·Σ_b‖q‖², then one EM step (Laplace) updates λ_p, λ_q, τ
        /// (`MFObjective.adaptiveHyperparameters`) from the end of epoch `warmupEpochs` on; the
        /// weights start at `initialLambda`. The "λ_p", "λ_q" curves are the weights λ/τ (PMF's
        /// λ_U = σ²/σ_U² of Salakhutdinov & Mnih) after each epoch's update.
        case adaptive(shape: Double = 1, rate: Double = 0, initialLambda: Double = 0.03, warmupEpochs: Int = 1)
        /// Seed 002's `AdaptiveRegularizer`: one log λ per factor matrix trained with the factors;
        /// α tempers the prior (m = α·N·D / N_ranked), β is the rate hyperprior, θ₀ = ln λ at start.
        case adaptiveSeed002(alpha: Double = 0.013, beta: Double = 1e-7, initialLogLambda: Double = -15)
    }

    /// Hyperparameters with documented defaults (tuned on ML-100k, 80/20 random split).
    public struct Configuration: Sendable, Codable, Equatable {
        /// Model name in files and configs; nil ⇒ "mf" (none), "mf-l2" (fixed), "pmf" (adaptive).
        public var name: String?
        /// Display name; nil ⇒ derived from the regularisation.
        public var displayName: String?
        /// Latent factors D. Default 20 (seed 002).
        public var factors: Int
        /// Most passes over the training ratings (early stopping may end sooner). Default 20.
        public var epochs: Int
        /// Step size η. Default 0.001 (seed 002 uses 0.005, which overfits ML-100k faster).
        public var learningRate: Float
        /// Ratings per minibatch B. Default 50 (seed 002's README example).
        public var batchSize: Int
        /// Update rule (`.adam` or `.sgd`). Default `.adam`.
        public var optimizer: Optimizer
        /// Factor regularisation. Default `.adaptive()`.
        public var regularization: Regularization
        /// s in r̂ = μ + s·(…): ratings are fitted as (r − μ)/s. Default 5 (seed 002's scale).
        public var ratingScale: Float
        /// Standard deviation of the N(0, σ²) initial factors. Default 0.05 (Keras random_normal).
        public var initialScale: Float
        /// Fixed L2 weight on the biases per occurrence (normalised units), for every regularisation
        /// mode except `.none`. Default 0.05.
        public var biasRegularization: Float
        /// Share of the training ratings held out (seeded) for early stopping: the parameters of
        /// the epoch with the lowest hold-out RMSE are kept. 0 ⇒ fit all ratings, keep the last
        /// epoch. Ignored by `.none` (the deliberately unconstrained baseline). Default 0.05.
        public var holdoutFraction: Double
        /// Early stopping: training ends after this many epochs without a lower hold-out RMSE (the
        /// best epoch's parameters are kept either way), counted once that error has fallen below
        /// its first epoch's; nil ⇒ every epoch runs. Needs a hold-out.
        /// Default 2 (as GRU4Rec's): on ML-100k the hold-out minimum is at epoch 12 of 20 and the
        /// fit stops after epoch 14 with the same parameters as the full 20 epochs would keep.
        public var patience: Int?
        /// Seed of initialisation, minibatch order and hold-out. Default 42.
        public var seed: UInt64

        public init(name: String? = nil, displayName: String? = nil, factors: Int = 20, epochs: Int = 20,
                    learningRate: Float = 0.001, batchSize: Int = 50, optimizer: Optimizer = .adam,
                    regularization: Regularization = .adaptive(), ratingScale: Float = 5,
                    initialScale: Float = 0.05, biasRegularization: Float = 0.05, holdoutFraction: Double = 0.05,
                    patience: Int? = 2, seed: UInt64 = 42) {
            self.name = name
            self.displayName = displayName
            self.factors = factors
            self.epochs = epochs
            self.learningRate = learningRate
            self.batchSize = batchSize
            self.optimizer = optimizer
            self.regularization = regularization
            self.ratingScale = ratingScale
            self.initialScale = initialScale
            self.biasRegularization = biasRegularization
            self.holdoutFraction = holdoutFraction
            self.patience = patience
            self.seed = seed
        }
    }

    public let configuration: Configuration
    /// μ, the mean training rating.
    public let globalMean: Float
    /// Fitted parameters in normalised units.
    public let parameters: MFParameters<Float>
    public let curves: [TrainingCurve]
    /// The 1-based epoch whose parameters were kept by early stopping; nil ⇒ the last epoch.
    public let selectedEpoch: Int?
    /// The training ratings (all of them, hold-out included), for history fold-ins.
    public let train: InteractionMatrix
    public var itemCount: Int { parameters.itemBias.count }

    public var name: String {
        if let name = configuration.name { return name }
        switch configuration.regularization {
        case .none: return "mf"
        case .fixed: return "mf-l2"
        case .adaptive: return "pmf"
        case .adaptiveSeed002: return "pmf-seed002"
        }
    }

    public var displayName: String {
        if let displayName = configuration.displayName { return displayName }
        switch configuration.regularization {
        case .none: return "MF (no regularisation)"
        case .fixed: return "MF (L2)"
        case .adaptive: return "PMF (adaptive λ)"
        case .adaptiveSeed002: return "PMF (adaptive λ, seed 002 form)"
        }
    }

    public var summary: String {
        let base = "Matrix factorisation of explicit ratings: each user and item gets a bias and a \(configuration.factors)-dimensional vector, and the predicted rating is the global mean plus both biases plus the dot product of the vectors, fitted by minibatch \(configuration.optimizer == .adam ? "Adam" : "SGD") on squared error."
        switch configuration.regularization {
        case .none: return base + " Nothing holds the vectors back, so the model memorises the training ratings and its validation error rises after an early minimum."
        case .fixed(let lambda): return base + " A fixed L2 penalty (λ = \(lambda)) shrinks the vectors."
        case .adaptive: return base + " Gaussian priors on the user and item vectors have precisions λ_p and λ_q that are re-estimated after every epoch by empirical Bayes (probabilistic MF with an EM step for the priors and the noise), so the amount of regularisation tunes itself; the λ curves show how it moved. The epoch kept is the one with the lowest error on \(Int(configuration.holdoutFraction * 100)) % of the training ratings held out\(configuration.patience.map { "; training stops \($0) epoch\($0 == 1 ? "" : "s") after that error last fell" } ?? "")."
        case .adaptiveSeed002: return base + " Gaussian priors on the user and item vectors have precisions λ_p and λ_q that are learned with the vectors (probabilistic MF with a hyperprior), so the amount of regularisation tunes itself; the λ curves show how it settled."
        }
    }

    public var hyperparameters: [String: String] {
        let run = curves.first?.values.count ?? configuration.epochs
        var result = ["factors": "\(configuration.factors)",
                      "epochs": run < configuration.epochs ? "\(run) of at most \(configuration.epochs) (early stopping)" : "\(configuration.epochs)",
                      "learning rate": "\(configuration.learningRate)", "batch size": "\(configuration.batchSize)",
                      "optimizer": configuration.optimizer.rawValue, "rating scale": "\(configuration.ratingScale)",
                      "initial scale": "\(configuration.initialScale)", "seed": "\(configuration.seed)"]
        if configuration.regularization != .none {
            result["bias regularisation"] = "\(configuration.biasRegularization)"
            result["early-stopping hold-out"] = configuration.holdoutFraction > 0 ? "\(configuration.holdoutFraction) of the training ratings" : "none"
            if configuration.holdoutFraction > 0 { result["early-stopping patience"] = configuration.patience.map { "\($0) epoch\($0 == 1 ? "" : "s")" } ?? "none (every epoch runs)" }
        }
        switch configuration.regularization {
        case .none: result["regularisation"] = "none"
        case .fixed(let lambda): result["regularisation"] = "L2, λ = \(lambda)"
        case .adaptive(let shape, let rate, let initial, let warmup):
            result["regularisation"] = "adaptive, empirical Bayes (Gamma(\(shape), \(rate)) hyperprior, λ/τ = \(initial) in the first \(warmup) epoch(s))"
        case .adaptiveSeed002(let alpha, let beta, let initial):
            result["regularisation"] = "adaptive, seed 002 form (α = \(alpha), β = \(beta), initial ln λ = \(initial))"
        }
        return result
    }

    /// Q, itemCount × factors.
    public var itemVectors: Matrix { Matrix(rows: itemCount, columns: parameters.factors, values: parameters.itemFactors) }
    /// P, userCount × factors.
    public var userVectors: Matrix { Matrix(rows: parameters.userBias.count, columns: parameters.factors, values: parameters.userFactors) }

    public func predictedRating(user: Int, item: Int) -> Float {
        globalMean + configuration.ratingScale * parameters.prediction(user: user, item: item)
    }

    /// Predicted ratings of all items for `user`: one `cblas_sgemv` of Q against pᵤ. O(I·D).
    public func scores(forUser user: Int, into scores: inout [Float]) {
        userVectors.rowTimesTransposed(user, itemVectors, into: &scores)
        let s = configuration.ratingScale, base = parameters.userBias[user]
        for i in 0..<itemCount { scores[i] = globalMean + s * (base + parameters.itemBias[i] + scores[i]) }
    }

    /// Root mean squared error of the predictions on `ratings` (rating units); 0 when empty.
    public func rmse(on ratings: InteractionMatrix) -> Double {
        Self.rmse(parameters, mean: globalMean, scale: configuration.ratingScale, on: ratings)
    }

    /// The squared-error sum in C (`rec_mf_squared_error_by_user`: the same float prediction and
    /// double terms in the same order as a loop over `prediction(user:item:)`). O(ratings · D).
    static func rmse(_ parameters: MFParameters<Float>, mean: Float, scale: Float, on ratings: InteractionMatrix) -> Double {
        guard ratings.count > 0 else { return 0 }
        let sum = parameters.withBuffers { pu, qi, bu, bi in
            ratings.rowStart.withUnsafeBufferPointer { starts in
                ratings.items.withUnsafeBufferPointer { items in
                    ratings.ratings.withUnsafeBufferPointer { values in
                        rec_mf_squared_error_by_user(pu.baseAddress, qi.baseAddress, bu.baseAddress, bi.baseAddress, Int32(parameters.factors),
                                                     UnsafeRawPointer(starts.baseAddress!).assumingMemoryBound(to: Int64.self),
                                                     Int64(min(ratings.userCount, parameters.userBias.count)), items.baseAddress, values.baseAddress,
                                                     Int64(parameters.itemBias.count), mean, scale)
                    }
                }
            }
        }
        return (sum / Double(ratings.count)).squareRoot()
    }

    /// √(Σ (r − r̂)² / n) over parallel arrays of users, items and ratings (the early-stopping
    /// hold-out), by `rec_mf_squared_error`; 0 when empty. O(n · D).
    static func rmse(_ parameters: MFParameters<Float>, mean: Float, scale: Float, users: [Int32], items: [Int32], ratings: [Float]) -> Double {
        guard !ratings.isEmpty else { return 0 }
        let sum = parameters.withBuffers { pu, qi, bu, bi in
            users.withUnsafeBufferPointer { us in
                items.withUnsafeBufferPointer { its in
                    ratings.withUnsafeBufferPointer { values in
                        rec_mf_squared_error(pu.baseAddress, qi.baseAddress, bu.baseAddress, bi.baseAddress, Int32(parameters.factors),
                                             us.baseAddress, its.baseAddress, values.baseAddress, Int64(ratings.count), mean, scale)
                    }
                }
            }
        }
        return (sum / Double(ratings.count)).squareRoot()
    }
}

extension MatrixFactorization {
    public var scoreUnit: ScoreUnit {
        ScoreUnit(short: "stars", meaning: "the predicted rating on the dataset's star scale.")
    }
}

extension MatrixFactorization: PersistableModel {
    struct State: Codable {
        var configuration: Configuration
        var globalMean: Float
        var parameters: MFParameters<Float>
        var curves: [TrainingCurve]
        var selectedEpoch: Int?
    }

    public func persistedState() throws -> Data {
        try Self.encode(State(configuration: configuration, globalMean: globalMean, parameters: parameters, curves: curves, selectedEpoch: selectedEpoch))
    }

    public static func restore(_ state: Data, train: InteractionMatrix, dataset: Dataset) throws -> MatrixFactorization {
        let s = try decode(State.self, from: state)
        return MatrixFactorization(configuration: s.configuration, globalMean: s.globalMean, parameters: s.parameters, curves: s.curves,
                                   selectedEpoch: s.selectedEpoch, train: train)
    }
}
