import Foundation
import RecCore

/// Typed reads of scalars, with errors naming file, line and key.
extension YAMLTree {
    func string(_ context: SettingsField.Context) throws -> String {
        guard case .scalar(let text, _) = self else { throw context.fail(self, "expected a value, found \(kindDescription)") }
        return text
    }

    func int(min minimum: Int, _ context: SettingsField.Context) throws -> Int {
        let text = try string(context)
        guard let value = Int(text.replacingOccurrences(of: "_", with: "")) else {
            throw context.fail(self, "expected an integer, found '\(text)'")
        }
        guard value >= minimum else { throw context.fail(self, "must be at least \(minimum), got \(value)") }
        return value
    }

    func number(min minimum: Double, exclusive: Bool, _ context: SettingsField.Context) throws -> Double {
        let text = try string(context)
        guard let value = Double(text.replacingOccurrences(of: "_", with: "")), value.isFinite else {
            throw context.fail(self, "expected a finite number, found '\(text)'")
        }
        guard exclusive ? value > minimum : value >= minimum else {
            throw context.fail(self, "must be \(exclusive ? "greater than" : "at least") \(Self.format(minimum)), got \(text)")
        }
        return value
    }

    func bool(_ context: SettingsField.Context) throws -> Bool {
        let text = try string(context)
        switch text.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default: throw context.fail(self, "expected true or false, found '\(text)'")
        }
    }

    /// A list of names (or one name), each in `allowed` (case-insensitive), lower-cased.
    func names(allowed: [String], _ context: SettingsField.Context) throws -> [String] {
        let items: [YAMLTree]
        switch self {
        case .sequence(let list, _): items = list
        case .scalar: items = [self]
        default: throw context.fail(self, "expected a list like [\(allowed.prefix(2).joined(separator: ", "))], found \(kindDescription)")
        }
        return try items.map { item in
            let name = try item.string(context).lowercased()
            guard allowed.contains(name) else {
                throw context.fail(item, "unknown name '\(name)'; expected any of \(allowed.joined(separator: ", "))")
            }
            return name
        }
    }

    /// `number` read as a Float directly (no double rounding through Double).
    func float(min minimum: Double, exclusive: Bool, _ context: SettingsField.Context) throws -> Float {
        _ = try number(min: minimum, exclusive: exclusive, context)
        return Float(try string(context).replacingOccurrences(of: "_", with: "")) ?? .nan
    }

    /// Shortest text that reads back as the same value (the example file's numbers).
    static func format(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int(value)) }
        return "\(value)"
    }

    /// Shortest text that reads back as the same Float.
    static func format(_ value: Float) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int(value)) }
        return "\(value)"
    }
}
