import RecCore

/// One key of an experiment-file section, bound to a `BuildSettings` property: how a YAML value is
/// read (and range-checked, errors naming file, line and key) and how the current value is written
/// into the example `reclens init` prints. Sections are lists of these, so the keys accepted, the
/// keys listed in errors and the keys written by `init` cannot drift apart.
public struct SettingsField: Sendable {
    /// snake_case key.
    public let key: String
    /// One-line comment in the example file (what the value means, its allowed values).
    public let help: String
    /// Reads `value` (named `path` in errors) into the settings.
    let read: @Sendable (_ settings: inout BuildSettings, _ value: YAMLTree, _ context: Context) throws -> Void
    /// The YAML text of the current value; nil writes the key commented out with `placeholder`.
    let example: @Sendable (_ settings: BuildSettings) -> String?
    /// Shown commented out when `example` returns nil.
    let placeholder: String

    /// Where a value came from, for error messages.
    struct Context {
        var file: String
        /// "section.key".
        var path: String
        func fail(_ value: YAMLTree, _ message: String) -> DataError {
            DataError(file: file, line: value.line, "\(path): \(message)")
        }
    }

    init(_ key: String, _ help: String, placeholder: String = "",
         read: @escaping @Sendable (inout BuildSettings, YAMLTree, Context) throws -> Void,
         example: @escaping @Sendable (BuildSettings) -> String?) {
        self.key = key
        self.help = help
        self.read = read
        self.example = example
        self.placeholder = placeholder
    }
}

extension SettingsField {
    /// An integer at least `minimum`.
    static func int(_ key: String, _ path: WritableKeyPath<BuildSettings, Int> & Sendable, min minimum: Int, _ help: String) -> SettingsField {
        SettingsField(key, help, read: { settings, value, context in
            settings[keyPath: path] = try value.int(min: minimum, context)
        }, example: { "\($0[keyPath: path])" })
    }

    /// A finite number at least `minimum` (strictly above it when `exclusive`).
    static func float(_ key: String, _ path: WritableKeyPath<BuildSettings, Float> & Sendable, min minimum: Double, exclusive: Bool = false, _ help: String) -> SettingsField {
        SettingsField(key, help, read: { settings, value, context in
            settings[keyPath: path] = try value.float(min: minimum, exclusive: exclusive, context)
        }, example: { YAMLTree.format($0[keyPath: path]) })
    }

    /// A finite number at least `minimum` (strictly above it when `exclusive`) and, when
    /// `maximum` is given, strictly below it; stored as Double.
    static func double(_ key: String, _ path: WritableKeyPath<BuildSettings, Double> & Sendable, min minimum: Double, exclusive: Bool = false,
                       below maximum: Double? = nil, _ help: String) -> SettingsField {
        SettingsField(key, help, read: { settings, value, context in
            let number = try value.number(min: minimum, exclusive: exclusive, context)
            if let maximum, !(number < maximum) {
                throw context.fail(value, "must be below \(YAMLTree.format(maximum)), got \(YAMLTree.format(number))")
            }
            settings[keyPath: path] = number
        }, example: { YAMLTree.format($0[keyPath: path]) })
    }

    /// true or false.
    static func bool(_ key: String, _ path: WritableKeyPath<BuildSettings, Bool> & Sendable, _ help: String) -> SettingsField {
        SettingsField(key, help, read: { settings, value, context in
            settings[keyPath: path] = try value.bool(context)
        }, example: { "\($0[keyPath: path])" })
    }

    /// One of `choices` (names as written in YAML).
    static func choice<Value: Equatable & Sendable>(_ key: String, _ path: WritableKeyPath<BuildSettings, Value> & Sendable, _ choices: [(String, Value)], _ help: String) -> SettingsField {
        let table = choices.map { Choice(name: $0.0, value: $0.1) }
        return SettingsField(key, help, read: { settings, value, context in
            let text = try value.string(context)
            guard let match = table.first(where: { $0.name == text.lowercased() }) else {
                throw context.fail(value, "unknown value '\(text)'; expected one of \(table.map(\.name).joined(separator: ", "))")
            }
            settings[keyPath: path] = match.value
        }, example: { settings in table.first { $0.value == settings[keyPath: path] }?.name })
    }

    /// A list of names from `allowed` (compared in lower case); nil in the settings = not set.
    static func names(_ key: String, _ path: WritableKeyPath<BuildSettings, [String]?> & Sendable, allowed: @escaping @Sendable () -> [String], placeholder: String, _ help: String) -> SettingsField {
        SettingsField(key, help, placeholder: placeholder, read: { settings, value, context in
            settings[keyPath: path] = try value.names(allowed: allowed(), context)
        }, example: { settings in settings[keyPath: path].map { "[\($0.joined(separator: ", "))]" } })
    }
}

private struct Choice<Value: Sendable>: Sendable {
    var name: String
    var value: Value
}
