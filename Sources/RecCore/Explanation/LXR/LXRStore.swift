import Foundation

/// The trained LXR explainers of a build, one per model: trained on first use (or ahead of time
/// by the pipeline) and then shared by every explainer value made from the same
/// `ExplainerSettings` — user pages, the fidelity benchmark — so each model's network is trained
/// once and kept with the model for the rest of the build. Thread-safe; concurrent requests for
/// one model wait for its single training.
///
/// Models are told apart by name, item count, hyperparameters and the training data's size and
/// configuration, so two differently trained models of the same name get their own networks.
public final class LXRStore: @unchecked Sendable, Equatable {
    private let lock = NSLock()
    private var entries: [String: Lazy<TrainedLXR>] = [:]

    public init() {}

    /// The network explaining `model`, trained now on `train` with `configuration` unless already there.
    public func trained(for model: any HistoryConditionedRecommender, train: InteractionMatrix, configuration: LXRConfiguration) -> TrainedLXR {
        let key = Self.key(model, train: train, configuration: configuration)
        lock.lock()
        let entry: Lazy<TrainedLXR>
        if let existing = entries[key] {
            entry = existing
        } else {
            entry = Lazy { LXRTrainer.train(model: model, train: train, configuration: configuration) }
            entries[key] = entry
        }
        lock.unlock()
        return entry.value
    }

    /// Puts a network trained earlier (the model cache) in place of training one for `model`.
    public func insert(_ network: TrainedLXR, for model: any HistoryConditionedRecommender, train: InteractionMatrix, configuration: LXRConfiguration) {
        let key = Self.key(model, train: train, configuration: configuration)
        lock.withLock { entries[key] = Lazy { network } }
    }

    static func key(_ model: any Recommender, train: InteractionMatrix, configuration: LXRConfiguration) -> String {
        let hyperparameters = model.hyperparameters.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ",")
        return "\(model.name)|\(model.itemCount)|\(hyperparameters)|\(train.userCount)×\(train.itemCount):\(train.count)|\(configuration)"
    }

    /// One store is equal only to itself.
    public static func == (a: LXRStore, b: LXRStore) -> Bool { a === b }
}
