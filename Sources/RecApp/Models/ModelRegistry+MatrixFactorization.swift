import RecCore

/// `mf` and `pmf` are one model type (`MatrixFactorization`) with two configurations,
/// `BuildSettings.mf` and `BuildSettings.pmf`, set by the `mf:` and `pmf:` sections. Their
/// regularisation is what tells them apart, so it is fixed: `mf` has none (and therefore no hold-out
/// or bias weight), `pmf` learns its priors by empirical Bayes (`prior_*`, `initial_lambda`,
/// `warmup_epochs`). The rating scale comes from the dataset.
extension ModelRegistry {
    static let mf = ModelRegistration(
        name: "mf", displayName: "MF (no regularisation)", help: "explicit MF with biases, minibatch gradient steps, no regularisation",
        fields: sharedFactorizationFields(.mf),
        persisted: MatrixFactorization.self
    ) { context in
        var c = context.settings.mf
        c.regularization = .none
        return train(c, name: "mf", context)
    }

    static let pmf = ModelRegistration(
        name: "pmf", displayName: "PMF (learned priors)", help: "the same MF with Gaussian priors whose precisions are learned by empirical Bayes",
        fields: sharedFactorizationFields(.pmf) + [
            .float("bias_regularization", \.pmf.biasRegularization, min: 0, "fixed L2 weight on the biases"),
            .double("holdout_fraction", \.pmf.holdoutFraction, min: 0, "training ratings held out for early stopping; 0 = none"),
            .int("patience", \.pmf.patienceEpochs, min: 0, "epochs without a lower hold-out RMSE before training stops; 0 = run every epoch"),
            .double("initial_lambda", \.pmf.prior.initialLambda, min: 0, exclusive: true, "starting prior weight λ"),
            .int("warmup_epochs", \.pmf.prior.warmupEpochs, min: 0, "epochs before the first EM update of λ"),
            .double("prior_shape", \.pmf.prior.shape, min: 0, exclusive: true, "Gamma hyperprior shape on λ_p, λ_q"),
            .double("prior_rate", \.pmf.prior.rate, min: 0, "Gamma hyperprior rate (0 = flat)"),
        ],
        persisted: MatrixFactorization.self
    ) { context in
        train(context.settings.pmf, name: "pmf", context)
    }

    private static func sharedFactorizationFields(_ slot: BuildSettings.FactorizationSlot) -> [SettingsField] {
        [
            .int("factors", \.[factorization: slot].factors, min: 1, "latent factors D"),
            .int("epochs", \.[factorization: slot].epochs, min: 1, "passes over the training ratings"),
            .float("learning_rate", \.[factorization: slot].learningRate, min: 0, exclusive: true, "step size η"),
            .int("batch_size", \.[factorization: slot].batchSize, min: 1, "ratings per minibatch"),
            .choice("optimizer", \.[factorization: slot].optimizer, optimizers, "adam | sgd | adagrad"),
            .float("initial_scale", \.[factorization: slot].initialScale, min: 0, "standard deviation of the initial factors"),
        ]
    }

    private static func train(_ configuration: MatrixFactorization.Configuration, name: String, _ context: ModelTrainingContext) -> any Recommender {
        var c = configuration
        c.name = name
        c.seed = context.settings.seed
        c.ratingScale = max(1, context.dataset.ratingScale.upperBound)
        return MatrixFactorization(train: context.split.train, validation: context.split.test, configuration: c)
    }
}

extension MatrixFactorization.Configuration {
    /// The parameters of `.adaptive` regularisation (the `pmf:` keys); setting one makes the
    /// regularisation adaptive.
    struct AdaptivePrior: Sendable, Equatable {
        var shape: Double = 1, rate: Double = 0, initialLambda: Double = 0.03, warmupEpochs = 1
    }

    /// `patience` as the experiment file writes it: 0 ⇒ none (every epoch runs).
    var patienceEpochs: Int {
        get { patience ?? 0 }
        set { patience = newValue == 0 ? nil : newValue }
    }

    var prior: AdaptivePrior {
        get {
            if case .adaptive(let shape, let rate, let initialLambda, let warmupEpochs) = regularization {
                return AdaptivePrior(shape: shape, rate: rate, initialLambda: initialLambda, warmupEpochs: warmupEpochs)
            }
            return AdaptivePrior()
        }
        set { regularization = .adaptive(shape: newValue.shape, rate: newValue.rate, initialLambda: newValue.initialLambda, warmupEpochs: newValue.warmupEpochs) }
    }
}

extension BuildSettings {
    /// Which of the two `MatrixFactorization` configurations.
    enum FactorizationSlot: Hashable, Sendable { case mf, pmf }

    /// `mf` or `pmf`, so one field list serves both sections.
    subscript(factorization slot: FactorizationSlot) -> MatrixFactorization.Configuration {
        get { slot == .mf ? mf : pmf }
        set { if slot == .mf { mf = newValue } else { pmf = newValue } }
    }
}
