import Foundation
import RecCore

/// The pipeline step of the explainers' fidelity benchmark (`fidelity.json`, `explainers.html`):
/// a seeded sample of users, every history-conditioned model × every applicable explainer.
struct FidelityStep {
    let settings: BuildSettings
    let dataset: Dataset
    let split: Split
    let progress: Progress

    /// The explainers the benchmark considers: every registered one (each where it applies).
    static func explainers(_ settings: ExplainerSettings) -> [any Explainer] {
        ExplainerRegistry.names.map { ExplainerRegistry.make($0, settings: settings)! }
    }

    /// Names of the explainers benchmarked: `fidelityExplainers`, else the user pages' and `random`.
    static func explainerNames(_ settings: BuildSettings) -> [String] {
        settings.fidelityExplainers?.map { $0.lowercased() }
            ?? (settings.explainers ?? ExplainerRegistry.defaultNames).map { $0.lowercased() } + ["random"]
    }

    /// The benchmark artifact; nil when turned off (`--fidelity-users 0`) or when no explainer
    /// applies to any history-conditioned model.
    /// - Throws: `DataError` naming an unknown explainer of `fidelityExplainers`.
    /// - Parameter pages: the user artifacts already explained (their explanations are reused for
    ///   the sampled users they cover).
    /// - Parameter plan: the user pages' explainers per model; without `fidelityExplainers`, each
    ///   model is benchmarked with its own page explainers (a model section's `explainers:`
    ///   included) and `random`.
    func run(models: [any Recommender], explainers: [any Explainer], context: ExplanationContext, pages: [Int: UserArtifact] = [:],
             plan: ExplainerPlan? = nil) throws -> FidelityArtifact? {
        guard settings.fidelityUsers > 0 else { return nil }
        let names = Self.explainerNames(settings)
        let known = explainers.map(\.name)
        for name in names where !known.contains(name) {
            throw DataError(file: "fidelity explainers", "unknown explainer '\(name)'; expected one of \(known.joined(separator: ", "))")
        }
        let chosen = explainers.filter { names.contains($0.name) }
        guard !chosen.isEmpty else { return nil }
        let started = Stopwatch()
        let users = FidelityRunner.sampleUsers(train: split.train, count: settings.fidelityUsers, seed: settings.seed)
        let precomputed: @Sendable (String, Int) -> [Explanation] = { model, user in
            pages[user]?.recommendations.first { $0.model == model }?.explanations ?? []
        }
        var output: FidelityRunner.Output
        if settings.fidelityExplainers == nil, let plan {
            // Model by model with its own explainers (the bootstrap stream is per model, so the
            // numbers are those of one joint run).
            output = FidelityRunner().run(models: [], explainers: [], users: users, context: context)
            for (m, model) in models.enumerated() {
                let own = Set(plan.perModel[m].map(\.name) + ["random"])
                let part = FidelityRunner().run(models: [model], explainers: explainers.filter { own.contains($0.name) }, users: users,
                                                context: context, precomputed: precomputed)
                output.artifact.models += part.artifact.models
                output.millisecondsPerExplanation.merge(part.millisecondsPerExplanation) { $1 }
            }
        } else {
            output = FidelityRunner().run(models: models, explainers: chosen, users: users, context: context, precomputed: precomputed)
        }
        guard !output.artifact.models.isEmpty else { return nil }
        for model in output.artifact.models {
            let costs = model.rows.map { row in
                let deletion = row.summary.metric("DEL")?.mean.map(format4) ?? "–"
                guard let ms = output.millisecondsPerExplanation[model.name]?[row.explainer] else {
                    return "\(row.explainer) DEL \(deletion) (the user pages' explanations)"
                }
                return "\(row.explainer) DEL \(deletion), \(ms < 1 ? String(format: "%.2f", ms) : String(Int(ms.rounded()))) ms per explanation"
            }
            progress.step("fidelity of \(model.name) over \(model.users) users: \(costs.joined(separator: "; "))")
        }
        progress.step("fidelity benchmark (\(started.description))")
        return output.artifact
    }
}
