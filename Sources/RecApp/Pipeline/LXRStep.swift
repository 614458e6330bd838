import Foundation
import RecCore

/// Trains the LXR explainer network of every model that a build explains with `lxr` (on its user
/// pages, which the fidelity benchmark then also compares, or in an explicit
/// `fidelity.explainers` list, for every model it applies to), ahead of the explanations, two
/// models at a time (each training also uses both cores). The networks stay in the build's `LXRStore`, where the
/// explainers find them; their training curves join the model's curves (its page plots them).
struct LXRStep {
    let settings: BuildSettings
    let dataset: Dataset
    let split: Split
    let progress: Progress

    /// `lxr-<model>-<key>.json` in the model cache, for models the cache keeps (nil otherwise).
    func cacheFile(for model: any Recommender, configuration: LXRConfiguration) -> String? {
        guard let folder = settings.modelCacheFolder, let registration = ModelRegistry.all.first(where: { $0.name == model.name }),
              registration.persisted != nil else { return nil }
        let cache = ModelCache(folder: folder, settings: settings, dataset: dataset)
        let key = ModelCache.hex(ModelCache.fnv1a(Array((cache.key(for: registration) + "\(configuration)").utf8)))
        return folder + "/lxr-\(model.name)-\(key).json"
    }

    /// Writes a trained network beside its model (atomically; a failure only costs a retraining).
    static func write(_ trained: TrainedLXR, to file: String) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        guard let data = try? encoder.encode(trained) else { return }
        let folder = (file as NSString).deletingLastPathComponent
        let temporary = file + ".tmp"
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        guard (try? data.write(to: URL(fileURLWithPath: temporary))) != nil else { return }
        try? FileManager.default.removeItem(atPath: file)
        try? FileManager.default.moveItem(atPath: temporary, toPath: file)
    }

    /// Per model (in order), the LXR curves to add to its artifact (empty where `lxr` is not used).
    /// Networks in the cache are loaded first; the others are trained two at a time, longest first (each
    /// training also spreads its own minibatches over both cores, so the cores stay busy through
    /// one training's serial parts and the other's, and the last training has both to itself).
    /// Each network depends only on its model, so the result does not depend on the order; only
    /// the progress lines come in the order the trainings finish.
    func run(models: [any Recommender], plan: ExplainerPlan, registry: ExplainerSettings) -> [[TrainingCurve]] {
        let benchmarked = settings.fidelityUsers > 0 && settings.fidelityExplainers?.contains("lxr") == true
        let explainer = LXRExplainer(configuration: registry.lxr, store: registry.lxrStore)
        var curves = [[TrainingCurve]](repeating: [], count: models.count)
        var pending: [(index: Int, model: any HistoryConditionedRecommender, file: String?)] = []
        for (m, model) in models.enumerated() {
            let used = plan.perModel[m].contains { $0.name == "lxr" } || (benchmarked && explainer.applies(to: model))
            guard used, let conditioned = model as? any HistoryConditionedRecommender else { continue }
            let started = Date()
            // The network is cached with its model (same key plus the LXR settings).
            let file = cacheFile(for: model, configuration: registry.lxr)
            if let file, !settings.retrain, let data = FileManager.default.contents(atPath: file),
               let cached = try? JSONDecoder().decode(TrainedLXR.self, from: data), cached.configuration == registry.lxr {
                registry.lxrStore.insert(cached, for: conditioned, train: split.train, configuration: registry.lxr)
                progress.step("loaded lxr for \(model.name) from the model cache (\(seconds(since: started)))")
                curves[m] = cached.curves
                continue
            }
            pending.append((m, conditioned, file))
        }
        let results = TrainingResults(count: models.count)
        let (train, configuration, store, progress) = (split.train, registry.lxr, registry.lxrStore, progress)
        // Longest first (`ModelRegistry.typicalSeconds`), so that the last training is a short one.
        let jobs = ModelRegistry.longestFirst(pending.count) { ModelRegistry.typicalSeconds[pending[$0].model.name]?.lxr ?? 0 }.map { pending[$0] }
        let group = DispatchGroup()
        for _ in 0..<min(2, jobs.count) {
            DispatchQueue.global().async(group: group) {
                while let k = results.nextJob(of: jobs.count) {
                    let (index, model, file) = jobs[k]
                    let started = Date()
                    let trained = store.trained(for: model, train: train, configuration: configuration)
                    progress.step("trained lxr for \(model.name) over \(trained.users) users, \(configuration.epochs) epochs (\(seconds(since: started)))")
                    if let file { Self.write(trained, to: file) }
                    results.set(index, trained.curves)
                }
            }
        }
        group.wait()
        for (index, _, _) in pending { curves[index] = results.curves[index] }
        return curves
    }
}

/// The shared job counter and results of `LXRStep.run`'s two training threads.
private final class TrainingResults: @unchecked Sendable {
    private let lock = NSLock()
    private var next = 0
    private(set) var curves: [[TrainingCurve]]

    init(count: Int) { curves = [[TrainingCurve]](repeating: [], count: count) }

    /// The next job index, nil when all are taken.
    func nextJob(of count: Int) -> Int? {
        lock.withLock {
            guard next < count else { return nil }
            next += 1
            return next - 1
        }
    }

    func set(_ index: Int, _ value: [TrainingCurve]) { lock.withLock { curves[index] = value } }
}
