/// Settings of every explainer (defaults documented per property).
public struct ExplainerSettings: Sendable, Equatable {
    /// `shap`: KernelSHAP coalitions above the exact limit (`exactPlayerLimit` players). Default 2048.
    public var shapBudget = 2048
    /// `shap`: enumerate every coalition up to this many players. Default 14.
    public var shapExactLimit = 14
    /// `lime`: perturbed histories per explanation. Default 256.
    public var limeSamples = 256
    /// `lime`: width σ of the exponential kernel exp(−d²/σ²) on the cosine distance d. Default 0.25.
    public var limeKernelWidth = 0.25
    /// `lime`: ridge penalty of the weighted linear surrogate. Default 1.
    public var limeRidge = 1.0
    /// `integrated-gradients`: Riemann steps (midpoint rule) of the path integral. Default 32.
    public var integratedGradientSteps = 32
    /// `timeshap`: its configuration (baseline, pruning, budgets).
    public var timeshap = TimeSHAP.Configuration()
    /// `lxr`: the explainer network and its training (see `LXRConfiguration`).
    public var lxr = LXRConfiguration()
    /// `lxr`: the networks trained so far, shared by every explainer made from these settings.
    public var lxrStore = LXRStore()
    /// Seed of every random choice.
    public var seed: UInt64 = 42

    public init() {}
}

/// Every explainer RecLens knows, by name: the one place from which the CLI, the YAML keys,
/// validation and the pipeline take their explainers.
public enum ExplainerRegistry {
    /// Registered names, in the order pages show them.
    public static let names = ["exact", "intrinsic", "timeshap", "shap", "lime", "lxr", "gradient", "integrated-gradients", "cosine", "jaccard", "random"]

    /// The explainers of a default build's user pages: each model shows those that apply. Cheap
    /// enough for every explained user of every model (one gradient per recommended item, no
    /// sampling); `shap`, `lime` and `integrated-gradients` are a flag away and all of them are
    /// compared on fidelity.
    public static let defaultNames = ["exact", "intrinsic", "timeshap", "gradient", "cosine"]

    /// The explainer called `name` (lower case) configured by `settings`; nil for an unknown name.
    public static func make(_ name: String, settings: ExplainerSettings) -> (any Explainer)? {
        switch name {
        case "exact": ExactExplainer()
        case "intrinsic": IntrinsicExplainer()
        case "timeshap": TimeSHAPExplainer(configuration: settings.timeshap)
        case "shap": SHAPExplainer(budget: settings.shapBudget, exactLimit: settings.shapExactLimit, seed: settings.seed)
        case "lime": LIMEExplainer(samples: settings.limeSamples, kernelWidth: settings.limeKernelWidth, ridge: settings.limeRidge, seed: settings.seed)
        case "lxr": LXRExplainer(configuration: settings.lxr, store: settings.lxrStore)
        case "gradient": GradientExplainer()
        case "integrated-gradients": IntegratedGradientsExplainer(steps: settings.integratedGradientSteps)
        case "cosine": SimilarityExplainer(measure: .cosine)
        case "jaccard": SimilarityExplainer(measure: .jaccard)
        case "random": RandomExplainer(seed: settings.seed)
        default: nil
        }
    }

    /// The explainers called `names`, validated: unknown names throw with the list of known ones.
    public static func make(_ names: [String], settings: ExplainerSettings, source: String) throws -> [any Explainer] {
        try names.map { raw in
            let name = raw.lowercased()
            guard let explainer = make(name, settings: settings) else {
                throw DataError(file: source, "unknown explainer '\(raw)'; expected one of \(Self.names.joined(separator: ", "))")
            }
            return explainer
        }
    }
}
