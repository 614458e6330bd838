import RecCore

/// Which explainers explain which model in a build: resolved once from the settings through the
/// explainer registry, validated against the trained models.
struct ExplainerPlan {
    /// Per model (in model order), the explainers that run for its user pages.
    let perModel: [[any Explainer]]

    /// - Throws: `DataError` (exit 2) for an unknown explainer name, an explicitly requested
    ///   per-model explainer that does not apply to that model, or a global list of which some
    ///   explainer applies to no built model; messages list what is allowed.
    init(settings: BuildSettings, models: [any Recommender], registry: ExplainerSettings) throws {
        let global = try ExplainerRegistry.make(settings.explainers ?? ExplainerRegistry.defaultNames, settings: registry, source: "--explainers")
        for name in settings.modelExplainers.keys.sorted() where !models.contains(where: { $0.name == name }) {
            throw DataError(file: "explainers", "per-model explainers for '\(name)', which is not built; built models: \(models.map(\.name).joined(separator: ", "))")
        }
        var plan: [[any Explainer]] = []
        for model in models {
            if let names = settings.modelExplainers[model.name] {
                let chosen = try ExplainerRegistry.make(names, settings: registry, source: "explainers of \(model.name)")
                for explainer in chosen {
                    if let reason = explainer.reason(notApplyingTo: model) {
                        throw DataError(file: "explainers of \(model.name)", "explainer '\(explainer.name)' does not apply: \(reason); explainers that apply to \(model.name): \(Self.applicable(to: model, registry: registry).joined(separator: ", "))")
                    }
                }
                plan.append(chosen)
            } else {
                plan.append(global.filter { $0.applies(to: model) })
            }
        }
        if settings.explainers != nil {
            for explainer in global where !models.contains(where: { explainer.applies(to: $0) }) {
                let reasons = models.compactMap { explainer.reason(notApplyingTo: $0) }.joined(separator: "; ")
                throw DataError(file: "--explainers", "explainer '\(explainer.name)' applies to none of the built models (\(reasons)); explainers that apply: \(ExplainerRegistry.names.filter { name in models.contains { ExplainerRegistry.make(name, settings: registry)!.applies(to: $0) } }.joined(separator: ", "))")
            }
        }
        perModel = plan
    }

    /// Names of the registered explainers that apply to `model`.
    static func applicable(to model: any Recommender, registry: ExplainerSettings) -> [String] {
        ExplainerRegistry.names.filter { ExplainerRegistry.make($0, settings: registry)!.applies(to: model) }
    }
}
