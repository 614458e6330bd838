import Foundation

/// A trained model that can be written to the model cache and rebuilt from it without training:
/// its state is what training produced (parameters, curves, the kept epoch), never the training
/// data, which the build supplies again. `restore(persistedState())` equals the trained model:
/// every score bit for bit (JSON writes each `Float`/`Double` in its shortest round-tripping form).
public protocol PersistableModel: Recommender {
    /// The trained state as JSON.
    func persistedState() throws -> Data
    /// The model rebuilt from `persistedState()` with the same training data and dataset.
    static func restore(_ state: Data, train: InteractionMatrix, dataset: Dataset) throws -> Self
}

extension PersistableModel {
    static func encode<State: Encodable>(_ state: State) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return try encoder.encode(state)
    }

    static func decode<State: Decodable>(_ type: State.Type, from data: Data) throws -> State {
        try JSONDecoder().decode(type, from: data)
    }
}

/// The state most trained models persist: their configuration, parameters and training curves.
struct TrainedState<Configuration: Codable, Parameters: Codable>: Codable {
    var configuration: Configuration
    var parameters: Parameters
    var curves: [TrainingCurve]
}

/// A persistable model whose trained state is exactly its configuration, parameters and curves
/// (`TrainedState`): conforming gives `persistedState()` and `restore` once for all such models.
public protocol TrainedStatePersistable: PersistableModel {
    associatedtype Configuration: Codable
    associatedtype Parameters: Codable
    var configuration: Configuration { get }
    var parameters: Parameters { get }
    var curves: [TrainingCurve] { get }
    /// The model from its trained state and the training data, without training.
    init(configuration: Configuration, parameters: Parameters, curves: [TrainingCurve], train: InteractionMatrix)
}

extension TrainedStatePersistable {
    public func persistedState() throws -> Data {
        try Self.encode(TrainedState(configuration: configuration, parameters: parameters, curves: curves))
    }

    public static func restore(_ state: Data, train: InteractionMatrix, dataset: Dataset) throws -> Self {
        let s = try decode(TrainedState<Configuration, Parameters>.self, from: state)
        return Self(configuration: s.configuration, parameters: s.parameters, curves: s.curves, train: train)
    }
}

/// A model that cannot be written to the cache.
public struct ModelPersistenceError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
