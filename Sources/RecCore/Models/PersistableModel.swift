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

/// A model that cannot be written to the cache.
public struct ModelPersistenceError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
