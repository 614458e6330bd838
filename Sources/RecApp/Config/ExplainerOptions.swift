import RecCore

/// Explainer names accepted by `--explainers`, `explainers:` and each model's `explainers:`.
let knownExplainerNames = ExplainerRegistry.names

extension BuildSettings {
    /// Options of the model-agnostic explainers (the `shap:`, `lime:` and `integrated_gradients:`
    /// sections, `--shap-budget`, `--lime-samples`).
    public struct ExplainerOptions: Sendable, Equatable {
        /// KernelSHAP coalitions per explained item above `shapExactLimit` players. Default 2048.
        public var shapBudget = 2048
        /// Players up to which SHAP enumerates every coalition exactly. Default 14.
        public var shapExactLimit = 14
        /// Perturbed histories LIME fits its local surrogate on. Default 256.
        public var limeSamples = 256
        /// Width of LIME's exponential proximity kernel, in units of the share of events removed.
        /// Default 0.25.
        public var limeKernelWidth: Float = 0.25
        /// L2 weight of LIME's ridge surrogate. Default 1.
        public var limeRidge: Float = 1
        /// Riemann steps of integrated gradients from the baseline to the history. Default 32.
        public var integratedGradientsSteps = 32
        /// LXR's explainer network and its training (its seed is the build's).
        public var lxr = LXRConfiguration()
        public init() {}
    }
}

/// The experiment-file sections of the explainer options.
enum ExplainerSections {
    static let all: [SettingsSection] = [
        SettingsSection(key: "shap", help: "model-agnostic KernelSHAP over history events", fields: [
            .int("budget", \.explainerOptions.shapBudget, min: 16, "coalitions per explained item above exact_limit players"),
            .int("exact_limit", \.explainerOptions.shapExactLimit, min: 1, "players up to which every coalition is enumerated"),
        ]),
        SettingsSection(key: "lime", help: "LIME over history events", fields: [
            .int("samples", \.explainerOptions.limeSamples, min: 1, "perturbed histories per explained user"),
            .float("kernel_width", \.explainerOptions.limeKernelWidth, min: 0, exclusive: true, "proximity kernel width"),
            .float("ridge", \.explainerOptions.limeRidge, min: 0, "L2 weight of the surrogate"),
        ]),
        SettingsSection(key: "lxr", help: "LXR, an explainer network trained per model (Barkan et al. 2024)", fields: [
            .int("hidden", \.explainerOptions.lxr.hiddenSize, min: 1, "width h of the embeddings and of the hidden layer"),
            .double("lambda_pos", \.explainerOptions.lxr.lambdaPositive, min: 0, "weight of -log p(item | kept history)"),
            .double("lambda_neg", \.explainerOptions.lxr.lambdaNegative, min: 0, "weight of log p(item | dropped history)"),
            .double("alpha", \.explainerOptions.lxr.alpha, min: 0, "weight of the mean mask (fewer items kept)"),
            .float("learning_rate", \.explainerOptions.lxr.learningRate, min: 0, exclusive: true, "Adam step size at the start"),
            .int("epochs", \.explainerOptions.lxr.epochs, min: 1, "passes over the training users"),
            .int("batch_size", \.explainerOptions.lxr.batchSize, min: 1, "users per minibatch"),
            .int("decay_every", \.explainerOptions.lxr.decayEvery, min: 1, "epochs between learning-rate decays"),
            .double("decay_factor", \.explainerOptions.lxr.decayFactor, min: 0, exclusive: true, "learning-rate multiplier at each decay"),
        ]),
        SettingsSection(key: "integrated_gradients", help: "integrated gradients over event embeddings", fields: [
            .int("steps", \.explainerOptions.integratedGradientsSteps, min: 1, "steps from the baseline to the history"),
        ]),
        SettingsSection(key: "fidelity", help: "fidelity checks of the explanations", fields: [
            .int("users", \.fidelityUsers, min: 0, "users whose explanations are checked"),
            .names("explainers", \.fidelityExplainers, allowed: { knownExplainerNames }, placeholder: "[shap, lime, random]", "explainers benchmarked (default: the user pages' explainers and random)"),
        ]),
    ]
}
