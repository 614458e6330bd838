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
        SettingsSection(key: "integrated_gradients", help: "integrated gradients over event embeddings", fields: [
            .int("steps", \.explainerOptions.integratedGradientsSteps, min: 1, "steps from the baseline to the history"),
        ]),
        SettingsSection(key: "fidelity", help: "fidelity checks of the explanations", fields: [
            .int("users", \.fidelityUsers, min: 0, "users whose explanations are checked"),
            .names("explainers", \.fidelityExplainers, allowed: { knownExplainerNames }, placeholder: "[shap, lime, random]", "explainers benchmarked (default: the user pages' explainers and random)"),
        ]),
    ]
}
