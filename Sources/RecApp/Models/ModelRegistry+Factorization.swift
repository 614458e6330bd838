import RecCore

extension ModelRegistry {
    static let implicitALS = ModelRegistration(
        name: "als", displayName: "implicit ALS", help: "implicit ALS (Hu, Koren & Volinsky 2008), confidence 1 + α·r",
        fields: [
            .int("factors", \.als.factors, min: 1, "latent dimension F"),
            .float("regularization", \.als.regularization, min: 0, "λ, L2 weight on the factors"),
            .float("alpha", \.als.alpha, min: 0, "α in the confidence c = 1 + α·r"),
            .int("iterations", \.als.iterations, min: 1, "(user half, item half) iterations"),
            .choice("solver", \.als.solverKind, [("cg", .conjugateGradient), ("cholesky", .cholesky)], "cg (conjugate gradient, warm-started) | cholesky (exact)"),
            .int("cg_steps", \.als.conjugateGradientSteps, min: 1, "CG steps per solve (solver: cg only)"),
            .bool("binary", \.als.binary, "true: r = 1 per interaction; false: r = the rating"),
            .bool("record_loss", \.als.recordLoss, "record the training loss per iteration"),
        ],
        persisted: ImplicitALS.self
    ) { context in
        var c = context.settings.als
        c.seed = context.settings.seed
        return ImplicitALS(train: context.split.train, configuration: c)
    }

    static let bpr = ModelRegistration(
        name: "bpr", displayName: "BPR-MF", help: "BPR-MF (Rendle 2009), sampled triples",
        fields: [
            .int("factors", \.bpr.factors, min: 1, "latent factors D"),
            .int("epochs", \.bpr.epochs, min: 1, "one sampled triple per training interaction each"),
            .float("learning_rate", \.bpr.learningRate, min: 0, exclusive: true, "step size η"),
            .int("batch_size", \.bpr.batchSize, min: 1, "triples per minibatch"),
            .float("regularization", \.bpr.regularization, min: 0, "L2 weight λ per triple"),
            .choice("optimizer", \.bpr.optimizer, optimizers, "adam | sgd | adagrad"),
            .float("initial_scale", \.bpr.initialScale, min: 0, "standard deviation of the initial factors"),
        ],
        persisted: BPRMF.self
    ) { context in
        var c = context.settings.bpr
        c.seed = context.settings.seed
        return BPRMF(train: context.split.train, configuration: c)
    }

    static let logisticMF = ModelRegistration(
        name: "lmf", displayName: "logistic MF", help: "logistic MF (Johnson 2014), alternating AdaGrad, confidence α·r",
        fields: [
            .int("factors", \.lmf.factors, min: 1, "latent factors D"),
            .int("iterations", \.lmf.iterations, min: 1, "alternating user + item steps"),
            .float("learning_rate", \.lmf.learningRate, min: 0, exclusive: true, "AdaGrad step size γ"),
            .float("alpha", \.lmf.alpha, min: 0, exclusive: true, "confidence scale α in c = α·r"),
            .float("regularization", \.lmf.regularization, min: 0, "prior precision λ of the factors"),
            .float("initial_scale", \.lmf.initialScale, min: 0, "standard deviation of the initial factors"),
        ],
        persisted: LogisticMF.self
    ) { context in
        var c = context.settings.lmf
        c.seed = context.settings.seed
        return LogisticMF(train: context.split.train, configuration: c)
    }

    static let twoTower = ModelRegistration(
        name: "two-tower", displayName: "two-tower", help: "user and item towers, 1 positive + N random negatives, binary cross-entropy",
        fields: [
            .int("dimension", \.twoTower.dimension, min: 1, "embedding and tower output size d"),
            .bool("dense_layer", \.twoTower.denseLayer, "residual dense + ReLU layer in each tower"),
            .int("negatives", \.twoTower.negatives, min: 1, "negatives per positive"),
            .int("epochs", \.twoTower.epochs, min: 1, "passes over the training interactions"),
            .float("learning_rate", \.twoTower.learningRate, min: 0, exclusive: true, "Adam step size"),
            .int("batch_size", \.twoTower.batchSize, min: 1, "positives per minibatch"),
            .float("initial_scale", \.twoTower.initialScale, min: 0, "standard deviation of the initial embeddings"),
        ],
        persisted: TwoTower.self
    ) { context in
        var c = context.settings.twoTower
        c.seed = context.settings.seed
        return TwoTower(train: context.split.train, validation: context.split.test, configuration: c)
    }

    static let optimizers: [(String, Optimizer)] = [("adam", .adam), ("sgd", .sgd), ("adagrad", .adagrad)]
}

extension ImplicitALS.Configuration {
    /// The solver without its step count, for the `solver` key.
    enum SolverKind: Sendable, Equatable { case conjugateGradient, cholesky }

    /// `solver` as a kind; setting `.conjugateGradient` keeps the current step count (3 after Cholesky).
    var solverKind: SolverKind {
        get { if case .cholesky = solver { .cholesky } else { .conjugateGradient } }
        set {
            switch newValue {
            case .cholesky: solver = .cholesky
            case .conjugateGradient: solver = .conjugateGradient(steps: conjugateGradientSteps)
            }
        }
    }

    /// CG steps per solve (3 when the solver is Cholesky; setting it then changes nothing).
    var conjugateGradientSteps: Int {
        get { if case .conjugateGradient(let steps) = solver { steps } else { 3 } }
        set { if case .conjugateGradient = solver { solver = .conjugateGradient(steps: newValue) } }
    }
}
