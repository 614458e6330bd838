import RecCore

/// A top-level mapping of the experiment file (`als:`, `shap:`, …) as a list of fields. Reading it
/// rejects unknown keys (naming file, line, key and the allowed keys); `exampleLines` writes every
/// field with its current value, which is how `reclens init` prints the defaults.
public struct SettingsSection: Sendable {
    /// Top-level YAML key.
    public let key: String
    /// Comment after the section key in the example.
    public let help: String
    public let fields: [SettingsField]

    public init(key: String, help: String = "", fields: [SettingsField]) {
        self.key = key
        self.help = help
        self.fields = fields
    }

    /// Allowed keys, in example order.
    public var keys: [String] { fields.map(\.key) }

    /// Applies the section's values, in field order (so `solver` is read before `cg_steps`).
    /// An empty or null section changes nothing.
    public func apply(_ tree: YAMLTree, file: String, to settings: inout BuildSettings) throws {
        let entries: [YAMLTree.Entry]
        switch tree {
        case .null: return
        case .mapping(let list, _): entries = list
        default: throw DataError(file: file, line: tree.line, "\(key): expected a mapping of \(keys.joined(separator: ", ")), found \(tree.kindDescription)")
        }
        for entry in entries where !keys.contains(entry.key) {
            throw DataError(file: file, line: entry.line, "\(key): unknown key '\(entry.key)'; expected one of \(keys.joined(separator: ", "))")
        }
        for field in fields {
            guard let entry = entries.last(where: { $0.key == field.key }) else { continue }
            try field.read(&settings, entry.value, .init(file: file, path: "\(key).\(field.key)"))
        }
    }

    /// The section as it appears in the example file: every field with its value in `settings`
    /// (commented out when it has none) and its help as a trailing comment.
    public func exampleLines(_ settings: BuildSettings) -> [String] {
        var lines = [ExperimentFile.commented(key + ":", help)]
        for field in fields {
            if let value = field.example(settings) {
                lines.append(ExperimentFile.commented("  \(field.key): \(value)", field.help))
            } else {
                lines.append(ExperimentFile.commented("  # \(field.key): \(field.placeholder)", field.help))
            }
        }
        return lines
    }
}
