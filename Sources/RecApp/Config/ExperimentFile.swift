import Foundation
import RecCore
import Yams

/// The YAML experiment file (`reclens.yml`). Every key is optional; command-line flags override
/// it and built-in defaults fill the rest (see `BuildSettings`). `reclens init` writes a
/// commented example, `ExperimentFile.example`.
public struct ExperimentFile: Codable, Equatable, Sendable {
    public var data: String?
    public var format: String?
    public var seed: UInt64?
    public var out: String?
    public var artifacts: String?
    public var templates: String?
    public var users: String?
    public var k: Int?
    public var models: [String]?
    public var split: SplitSection?
    public var filter: FilterSection?
    public var itemknn: ItemKNNSection?
    public var csv: CSVSection?
    public var synthetic: SyntheticSection?
    /// kind → .npz path of models trained elsewhere.
    public var imports: [String: String]?
    public var ego: EgoSection?
    public var gru4rec: GRU4RecSection?
    public var timeshap: TimeSHAPSection?

    enum CodingKeys: String, CodingKey {
        case data, format, seed, out, artifacts, templates, users, k, models, split, filter, itemknn, csv, synthetic, ego, gru4rec, timeshap
        case imports = "import"
    }

    public struct GRU4RecSection: Codable, Equatable, Sendable {
        public var embedding: Int?
        public var hidden: Int?
        public var length: Int?
        public var epochs: Int?
        public var batch: Int?
        public var negatives: Int?
        public var learningRate: Float?
        public var loss: String?
        /// Event feature groups: any of rating, time-gap, genres (empty = item only).
        public var features: [String]?
        public var outputLayer: Bool?
        public var patience: Int?
        enum CodingKeys: String, CodingKey {
            case embedding, hidden, length, epochs, batch, negatives, loss, features, patience
            case learningRate = "learning_rate"
            case outputLayer = "output_layer"
        }
    }

    public struct TimeSHAPSection: Codable, Equatable, Sendable {
        public var pruneTolerance: Double?
        public var baseline: String?
        public var samples: Int?
        enum CodingKeys: String, CodingKey {
            case baseline, samples
            case pruneTolerance = "prune_tolerance"
        }
    }

    public struct EgoSection: Codable, Equatable, Sendable {
        public var similarity: String?
        public var radius: Int?
        public var neighbours: Int?
    }

    public init() {}

    public struct SplitSection: Codable, Equatable, Sendable {
        public var strategy: String?
        public var testFraction: Double?
        public var minRelevantRating: Float?
        enum CodingKeys: String, CodingKey {
            case strategy
            case testFraction = "test_fraction"
            case minRelevantRating = "min_relevant_rating"
        }
    }

    public struct FilterSection: Codable, Equatable, Sendable {
        public var minRating: Float?
        public var minUserInteractions: Int?
        public var minItemInteractions: Int?
        public var kCore: Bool?
        enum CodingKeys: String, CodingKey {
            case minRating = "min_rating"
            case minUserInteractions = "min_user_interactions"
            case minItemInteractions = "min_item_interactions"
            case kCore = "k_core"
        }
    }

    public struct ItemKNNSection: Codable, Equatable, Sendable {
        public var neighbours: Int?
    }

    public struct CSVSection: Codable, Equatable, Sendable {
        public var delimiter: String?
        public var header: Bool?
        public var user: String?
        public var item: String?
        public var rating: String?
        public var timestamp: String?
    }

    public struct SyntheticSection: Codable, Equatable, Sendable {
        public var users: Int?
        public var items: Int?
        public var interactions: Int?
    }

    /// Parses YAML text; errors name `file` and the line when Yams reports one.
    public static func parse(_ text: String, file: String) throws -> ExperimentFile {
        if text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { return ExperimentFile() }
        do {
            return try YAMLDecoder().decode(ExperimentFile.self, from: text)
        } catch let error as YamlError {
            throw DataError(file: file, line: Self.line(of: error), "invalid YAML: \(error)")
        } catch let DecodingError.typeMismatch(type, context), let DecodingError.valueNotFound(type, context) {
            throw DataError(file: file, "expected \(type) at '\(Self.path(context.codingPath))': \(context.debugDescription)")
        } catch let DecodingError.dataCorrupted(context) {
            throw DataError(file: file, "invalid value at '\(Self.path(context.codingPath))': \(context.debugDescription)")
        } catch {
            throw DataError(file: file, "cannot read the experiment file: \(error)")
        }
    }

    /// Reads and parses a YAML file.
    public static func load(path: String) throws -> ExperimentFile {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw DataError(file: path, "cannot read the experiment file (missing or unreadable)")
        }
        guard let text = String(data: data, encoding: .utf8) else { throw DataError(file: path, "expected UTF-8 text") }
        return try parse(text, file: path)
    }

    private static func path(_ keys: [any CodingKey]) -> String { keys.map(\.stringValue).joined(separator: ".") }

    private static func line(of error: YamlError) -> Int {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _):
            return mark.line
        default:
            return 0
        }
    }
}
