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
    /// Explainers run for every model (each model section's `explainers` overrides it).
    public var explainers: [String]?
    public var split: SplitSection?
    public var filter: FilterSection?
    public var csv: CSVSection?
    public var synthetic: SyntheticSection?
    public var ego: EgoSection?
    public var timeshap: TimeSHAPSection?
    /// Models trained elsewhere (the `import` section), sorted by kind.
    public var imports: [BuildSettings.ModelImport]?
    /// The field-list sections (one per model in `ModelRegistry`, the explainer options and
    /// `fidelity`) as parsed YAML with lines, applied by `BuildSettings.apply`.
    public var sections: [String: YAMLTree] = [:]

    enum CodingKeys: String, CodingKey, CaseIterable {
        case data, format, seed, out, artifacts, templates, users, k, models, explainers, split, filter, csv, synthetic, ego, timeshap
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

    /// Sections read field by field (`SettingsSection`), keyed by their top-level key.
    static var fieldSections: [SettingsSection] { ModelRegistry.all.map(\.section) + ExplainerSections.all }

    /// Every top-level key.
    static var topLevelKeys: [String] { CodingKeys.allCases.map(\.rawValue) + ["import"] + fieldSections.map(\.key) }

    /// Parses YAML text; errors name `file` and the line when known. Unknown top-level keys and
    /// unknown keys of the field sections are errors.
    public static func parse(_ text: String, file: String) throws -> ExperimentFile {
        if text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { return ExperimentFile() }
        let node: Node?
        do {
            node = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw DataError(file: file, line: Self.line(of: error), "invalid YAML: \(error)")
        }
        guard let node, node.null == nil else { return ExperimentFile() }
        guard let mapping = node.mapping else {
            throw DataError(file: file, line: node.mark?.line ?? 0, "expected a mapping of settings (key: value lines) at the top level")
        }
        var plain: [(Node, Node)] = []
        var sections: [String: YAMLTree] = [:]
        var imports: [BuildSettings.ModelImport]?
        let sectionKeys = Set(fieldSections.map(\.key))
        for (key, value) in mapping {
            let name = key.string ?? ""
            if sectionKeys.contains(name) {
                sections[name] = YAMLTree(value)
            } else if name == "import" {
                imports = try BuildSettings.ModelImport.parse(section: YAMLTree(value), file: file)
            } else if CodingKeys(rawValue: name) != nil {
                try checkNames(of: name, value, file: file)
                plain.append((key, value))
            } else {
                throw DataError(file: file, line: key.mark?.line ?? 0, "unknown key '\(name)'; expected one of \(topLevelKeys.joined(separator: ", "))")
            }
        }
        let rest = Node.mapping(Node.Mapping(plain))
        var result: ExperimentFile
        do {
            result = try YAMLDecoder().decode(ExperimentFile.self, from: rest)
        } catch let DecodingError.typeMismatch(type, context), let DecodingError.valueNotFound(type, context) {
            throw DataError(file: file, line: Self.line(of: context.codingPath, in: rest), "expected \(type) at '\(Self.path(context.codingPath))': \(context.debugDescription)")
        } catch let DecodingError.dataCorrupted(context) {
            throw DataError(file: file, line: Self.line(of: context.codingPath, in: rest), "invalid value at '\(Self.path(context.codingPath))': \(context.debugDescription)")
        } catch {
            throw DataError(file: file, "cannot read the experiment file: \(error)")
        }
        result.sections = sections
        result.imports = imports
        return result
    }

    /// Checks the names in `models` and `explainers` here, where their lines are known.
    private static func checkNames(of key: String, _ value: Node, file: String) throws {
        let allowed: [String]
        switch key {
        case "models": allowed = ModelRegistry.names
        case "explainers": allowed = knownExplainerNames
        default: return
        }
        for item in value.sequence.map(Array.init) ?? [] {
            guard let name = item.string, !allowed.contains(name.lowercased()) else { continue }
            let what = key == "models" ? "model" : "explainer"
            throw DataError(file: file, line: item.mark?.line ?? 0, "\(key): unknown \(what) '\(name)'; expected \(key == "models" ? "one" : "any") of \(allowed.joined(separator: ", "))")
        }
    }

    /// Line of the node at `codingPath` (the deepest one found).
    private static func line(of codingPath: [any CodingKey], in root: Node) -> Int {
        var node = root
        var line = root.mark?.line ?? 0
        for key in codingPath {
            if let index = key.intValue, let list = node.sequence, index < list.count {
                node = list[index]
            } else if let mapping = node.mapping, let next = mapping[key.stringValue] {
                node = next
            } else {
                break
            }
            line = node.mark?.line ?? line
        }
        return line
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
