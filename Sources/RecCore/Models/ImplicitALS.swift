import CBLAS

/// Implicit-feedback alternating least squares (Hu, Koren & Volinsky 2008), as
/// `implicit.als.AlternatingLeastSquares`.
///
/// Every (user, item) pair has a preference p (1 for an interaction, else 0) and a confidence
/// c = 1 + α·r (1 for absent pairs). ALS minimises
/// Σ_{u,i} c_ui (p_ui − xᵤ·yᵢ)² + λ(‖X‖² + ‖Y‖²)
/// by re-solving all user factors X (users × F) for fixed item factors Y (items × F), then all
/// item factors, `iterations` times. Scores are xᵤ·yᵢ.
///
/// Confidence convention: implicit 0.7 uses c = α·r (its α = 1 on binary data gives c = 1, the
/// same weight as an absent pair), the paper and RecLens c = 1 + α·r. RecLens α = a matches
/// implicit α = 1 + a on binary data; RecLens α = 0 matches implicit's default.
///
/// Fit cost per iteration: Cholesky O(nnz·F² + (users + items)·F³), CG O(steps·(nnz·F +
/// (users + items)·F²)); parallel over rows with `DispatchQueue.concurrentPerform`, BLAS on one
/// thread; same input and seed ⇒ bit-identical factors.
public struct ImplicitALS: Recommender, ItemEmbeddingModel, TrainingCurveReporting {
    /// How each half-iteration solves its F × F systems.
    public enum Solver: Sendable, Codable, Equatable {
        /// `steps` conjugate-gradient iterations warm-started from the current factors (approximate).
        case conjugateGradient(steps: Int)
        /// Exact Cholesky solve of every system.
        case cholesky
    }

    /// Hyperparameters with documented defaults (implicit's where they exist).
    public struct Configuration: Sendable, Codable, Equatable {
        /// Latent dimension F. Default 64.
        public var factors: Int
        /// λ, the L2 weight on user and item factors. Default 0.01.
        public var regularization: Float
        /// α in c = 1 + α·r. Default 1.
        public var alpha: Float
        /// Number of (user half, item half) iterations. Default 15.
        public var iterations: Int
        /// Default `.conjugateGradient(steps: 3)`.
        public var solver: Solver
        /// Seed of the initial factors. Default 42.
        public var seed: UInt64
        /// true: r = 1 for every interaction; false: r = the rating (repeats summed). Default true.
        public var binary: Bool
        /// Record the training loss after every iteration (costs about one CG step per item).
        /// Default true.
        public var recordLoss: Bool

        public init(factors: Int = 64, regularization: Float = 0.01, alpha: Float = 1, iterations: Int = 15,
                    solver: Solver = .conjugateGradient(steps: 3), seed: UInt64 = 42, binary: Bool = true, recordLoss: Bool = true) {
            self.factors = factors
            self.regularization = regularization
            self.alpha = alpha
            self.iterations = iterations
            self.solver = solver
            self.seed = seed
            self.binary = binary
            self.recordLoss = recordLoss
        }
    }

    public let name = "als"
    public var displayName: String {
        switch configuration.solver {
        case .conjugateGradient: "ALS (implicit, CG)"
        case .cholesky: "ALS (implicit, Cholesky)"
        }
    }
    public var summary: String {
        "Implicit-feedback matrix factorisation (Hu, Koren & Volinsky 2008): every user and item gets a vector of \(configuration.factors) numbers, fitted by alternating least squares so that their dot product is close to 1 for items the user interacted with and 0 for all others, with interactions weighted \(formatWeight) times as much as absences. A score splits exactly into one contribution per history item, through the user's own weighting of item similarities."
    }
    public var hyperparameters: [String: String] {
        var result = [
            "factors": "\(configuration.factors)", "regularization": "\(configuration.regularization)",
            "alpha": "\(configuration.alpha)", "iterations": "\(configuration.iterations)", "seed": "\(configuration.seed)",
            "confidence": configuration.binary ? "1 + alpha (binary)" : "1 + alpha · rating",
        ]
        switch configuration.solver {
        case .conjugateGradient(let steps): result["solver"] = "conjugate gradient, \(steps) steps"
        case .cholesky: result["solver"] = "Cholesky (exact)"
        }
        return result
    }
    private var formatWeight: String { configuration.binary ? "1 + α = \(1 + configuration.alpha)" : "1 + α·rating" }

    public let configuration: Configuration
    public var itemCount: Int { itemFactors.rows }
    /// users × F user factors (from the last user half-iteration, i.e. solved against the item
    /// factors of the previous iteration, and only approximately with CG).
    public let userFactors: Matrix
    /// items × F item factors.
    public let itemFactors: Matrix
    public var itemVectors: Matrix { itemFactors }
    /// "training loss": Σ c(p − x·y)² + λ(‖X‖² + ‖Y‖²) divided by Σ c over all pairs (as implicit's
    /// `calculate_loss`), after each iteration; empty when `recordLoss` is false.
    public let curves: [TrainingCurve]
    /// The training histories.
    public let train: InteractionMatrix
    /// User × item confidences (distinct items).
    let confidence: ConfidenceMatrix
    /// YᵀY + λI of the final item factors (F × F), for explanations.
    let itemGram: [Float]

    /// Fits the factors. Initial factors are uniform in [0, 0.01) (as implicit), drawn from
    /// `SplitMix64(seed)` sub-streams 1 (users) and 2 (items).
    public init(train: InteractionMatrix, configuration: Configuration = .init()) {
        self.configuration = configuration
        self.train = train
        let f = configuration.factors, λ = configuration.regularization
        let byUser = ConfidenceMatrix(train: train, alpha: configuration.alpha, binary: configuration.binary)
        let byItem = byUser.transposed()
        let root = SplitMix64(seed: configuration.seed)
        var x = Self.initialFactors(rows: train.userCount, factors: f, rng: root.derived(1))
        var y = Self.initialFactors(rows: train.itemCount, factors: f, rng: root.derived(2))
        var losses: [Double] = []
        let record = configuration.recordLoss
        BLAS.withSingleThread {
            var none: [Double] = [], itemTerms = [Double](repeating: 0, count: record ? train.itemCount : 0)
            for _ in 0..<configuration.iterations {
                Self.updateRows(byUser, fixed: y, target: &x, regularization: λ, solver: configuration.solver, lossTerms: &none)
                Self.updateRows(byItem, fixed: x, target: &y, regularization: λ, solver: configuration.solver, lossTerms: &itemTerms)
                if record {
                    // Fixed summation order: items ascending, then λ‖X‖².
                    let userNorm = x.values.withUnsafeBufferPointer { Double(cblas_sdot(Int32($0.count), $0.baseAddress, 1, $0.baseAddress, 1)) }
                    losses.append((itemTerms.reduce(0, +) + Double(λ) * userNorm) / byUser.totalWeight)
                }
            }
        }
        userFactors = x
        itemFactors = y
        confidence = byUser
        itemGram = BLAS.withSingleThread { BLAS.gram(y, diagonalShift: λ) }
        curves = record ? [TrainingCurve(name: "training loss", values: losses, logScale: true)] : []
    }

    static func initialFactors(rows: Int, factors: Int, rng: SplitMix64) -> Matrix {
        var rng = rng
        var m = Matrix(rows: rows, columns: factors)
        for k in 0..<m.values.count { m.values[k] = Float(rng.nextDouble()) * 0.01 }
        return m
    }

    /// xᵤ·yᵢ for every item with the stored user factor (`cblas_sgemv`, O(items·F)).
    public func scores(forUser user: Int, into scores: inout [Float]) {
        userFactors.rowTimesTransposed(user, itemFactors, into: &scores)
    }
}

extension ImplicitALS {
    public var scoreUnit: ScoreUnit {
        ScoreUnit(short: "preference", meaning: "the predicted preference xᵤ·yᵢ: ALS fits 1 for an item the user interacted with and 0 otherwise, weighted by confidence, so values near 1 mean \"looks like the user's items\".")
    }
}
