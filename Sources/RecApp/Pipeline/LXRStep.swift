import Foundation
import RecCore

/// Trains the LXR explainer network of every model that a build explains with `lxr` (on its user
/// pages, which the fidelity benchmark then also compares, or in an explicit
/// `fidelity.explainers` list, for every model it applies to), ahead of the explanations, one model after the other
/// (each training uses both cores). The networks stay in the build's `LXRStore`, where the
/// explainers find them; their training curves join the model's curves (its page plots them).
struct LXRStep {
    let settings: BuildSettings
    let split: Split
    let progress: Progress

    /// Per model (in order), the LXR curves to add to its artifact (empty where `lxr` is not used).
    func run(models: [any Recommender], plan: ExplainerPlan, registry: ExplainerSettings) -> [[TrainingCurve]] {
        let benchmarked = settings.fidelityUsers > 0 && settings.fidelityExplainers?.contains("lxr") == true
        let explainer = LXRExplainer(configuration: registry.lxr, store: registry.lxrStore)
        return models.enumerated().map { m, model in
            let used = plan.perModel[m].contains { $0.name == "lxr" } || (benchmarked && explainer.applies(to: model))
            guard used, let conditioned = model as? any HistoryConditionedRecommender else { return [] }
            let started = Date()
            let trained = registry.lxrStore.trained(for: conditioned, train: split.train, configuration: registry.lxr)
            progress.step("trained lxr for \(model.name) over \(trained.users) users, \(registry.lxr.epochs) epochs (\(seconds(since: started)))")
            return trained.curves
        }
    }
}
