import Foundation

/// Named, parsed templates and the renderer over the site's page contexts.
///
/// Contexts are what the page builders make: `[String: Any]` dictionaries whose values are
/// `String`, `Bool`, nested dictionaries and arrays of them (anything else renders through
/// `String(describing:)` and is looked into by `Mirror`, as swift-mustache does). Each value is
/// classified once by a few exact-type casts (`[String: Any]`, `String`, `[[String: Any]]`,
/// `Bool`) before the protocol and reflection fallbacks; swift-mustache asked every value and
/// every stack frame for its protocol conformances (`MustacheParent`, `MustacheLambda`,
/// `MustacheSequence`, …) on each lookup, which was three quarters of a user page's render time.
///
/// Truthiness as in swift-mustache: a section renders for `true`, for every element of a
/// non-empty array, and once for any other present value (an empty string included); missing
/// names, `false`, empty arrays and nil optionals are false.
struct TemplateLibrary: Sendable {
    private var templates: [String: Template] = [:]

    init() {}

    /// - Throws: `TemplateSyntaxError` when `text` does not parse.
    mutating func register(_ text: String, named name: String) throws {
        templates[name] = try Template(text)
    }

    func contains(_ name: String) -> Bool { templates[name] != nil }

    /// Renders template `name` over `context`; nil when there is no such template.
    func render(_ context: Any, withTemplate name: String) -> String? {
        guard let template = templates[name] else { return nil }
        var renderer = Renderer(library: self, root: context)
        renderer.output.reserveCapacity(1 << 14)
        renderer.render(template.nodes, indentation: nil, overrides: nil)
        return renderer.output
    }

    fileprivate func template(named name: String) -> Template? { templates[name] }
}

/// A context-stack entry, classified once when pushed.
private enum Frame {
    case dictionary([String: Any])
    case strings([String: String])
    case leaf  // strings, booleans, numbers: nothing to look up inside
    case other(Any)

    init(_ value: Any) {
        switch ObjectIdentifier(type(of: value)) {
        case KnownType.dictionary: self = .dictionary(value as! [String: Any])
        case KnownType.stringDictionary: self = .strings(value as! [String: String])
        case KnownType.string, KnownType.bool, KnownType.int, KnownType.double: self = .leaf
        default: self = (value as? [String: Any]).map(Frame.dictionary) ?? .other(value)
        }
    }
}

/// The dynamic types of the values page contexts hold, compared by identity before any cast
/// (a failing `as?` walks the runtime's bridging and existential paths; a type compare does not).
private enum KnownType {
    static let string = ObjectIdentifier(String.self)
    static let bool = ObjectIdentifier(Bool.self)
    static let int = ObjectIdentifier(Int.self)
    static let double = ObjectIdentifier(Double.self)
    static let dictionary = ObjectIdentifier([String: Any].self)
    static let stringDictionary = ObjectIdentifier([String: String].self)
    static let dictionaries = ObjectIdentifier([[String: Any]].self)
    static let stringDictionaries = ObjectIdentifier([[String: String]].self)
    static let strings = ObjectIdentifier([String].self)
}

/// A looked-up value, classified once.
private enum Value {
    case missing
    case string(String)
    case bool(Bool)
    case dictionary([String: Any])
    case dictionaries([[String: Any]])
    case list([Any])
    case other(Any)

    init(_ value: Any?) {
        guard let value else { self = .missing; return }
        switch ObjectIdentifier(type(of: value)) {
        case KnownType.string: self = .string(value as! String); return
        case KnownType.dictionary: self = .dictionary(value as! [String: Any]); return
        case KnownType.dictionaries: self = .dictionaries(value as! [[String: Any]]); return
        case KnownType.bool: self = .bool(value as! Bool); return
        case KnownType.stringDictionary: self = .other(value); return
        case KnownType.stringDictionaries: self = .list((value as! [[String: String]]).map { $0 as Any }); return
        case KnownType.strings: self = .list((value as! [String]).map { $0 as Any }); return
        default: break
        }
        if let string = value as? String { self = .string(string) }
        else if let dictionary = value as? [String: Any] { self = .dictionary(dictionary) }
        else if let list = value as? [[String: Any]] { self = .dictionaries(list) }
        else if let bool = value as? Bool { self = .bool(bool) }
        else if let optional = value as? any OptionalValue { self = optional.wrapped.map { Value($0) } ?? .missing }
        else if let list = value as? [Any] { self = .list(list) }
        else if value is NSNull { self = .missing }
        else if let sequence = value as? any Sequence { self = .list(Self.elements(of: sequence)) }
        else { self = .other(value) }
    }

    private static func elements<S: Sequence>(of sequence: S) -> [Any] { sequence.map { $0 as Any } }

    /// The value as pushed on the stack (for sections over a single value).
    var frame: Frame {
        switch self {
        case .dictionary(let d): return .dictionary(d)
        case .string, .bool: return .leaf
        case .other(let value): return Frame(value)
        case .missing, .dictionaries, .list: return .leaf
        }
    }
}

private protocol OptionalValue { var wrapped: Any? { get } }
extension Optional: OptionalValue {
    fileprivate var wrapped: Any? { self.map { $0 as Any } }
}

private struct Renderer {
    let library: TemplateLibrary
    var stack: [Frame]
    /// The stack's values as swift-mustache saw them, for `{{.}}` (parallel to `stack`).
    var values: [Any?] = []
    var output = ""

    init(library: TemplateLibrary, root: Any) {
        self.library = library
        self.stack = [Frame(root)]
        self.values = [root]
    }

    static func child(_ name: String, of frame: Frame) -> Any? {
        switch frame {
        case .dictionary(let dictionary): return dictionary[name]
        case .strings(let dictionary): return dictionary[name]
        case .leaf: return nil
        case .other(let object):
            if let parent = object as? any StringKeyed { return parent.value(forKey: name) }
            guard let match = Mirror(reflecting: object).children.first(where: { $0.label == name }) else { return nil }
            if let optional = match.value as? any OptionalValue { return optional.wrapped }
            return match.value
        }
    }

    func lookup(_ path: Template.Path) -> Value {
        if path.components.isEmpty { return Value(values.last ?? nil) }
        var current: Any?
        let first = path.components[0]
        if path.anchored {
            current = Self.child(first, of: stack[stack.count - 1])
        } else {
            var index = stack.count - 1
            while index >= 0 {
                if let found = Self.child(first, of: stack[index]) { current = found; break }
                index -= 1
            }
        }
        for name in path.components.dropFirst() {
            guard let object = current else { return .missing }
            current = Self.child(name, of: Frame(object))
        }
        return Value(current)
    }

    mutating func push(_ frame: Frame, _ value: Any?) {
        stack.append(frame)
        values.append(value)
    }

    mutating func pop() {
        stack.removeLast()
        values.removeLast()
    }

    /// Renders `nodes`; with a non-empty `indentation`, each node's non-empty output that starts
    /// a line of this render (after its first) is indented (swift-mustache's partial indentation).
    mutating func render(_ nodes: [Template.Node], indentation: String?, overrides: [String: [Template.Node]]?) {
        guard let indentation, !indentation.isEmpty else {
            for node in nodes { render(node, indentation: indentation, overrides: overrides) }
            return
        }
        let start = output.utf8.count
        for node in nodes {
            let before = output.utf8.count
            let startsLine = before > start && output.utf8.last == UInt8(ascii: "\n")
            render(node, indentation: indentation, overrides: overrides)
            if startsLine && output.utf8.count > before {
                let index = output.utf8.index(output.utf8.startIndex, offsetBy: before)
                output.insert(contentsOf: indentation, at: index)
            }
        }
    }

    private mutating func render(_ node: Template.Node, indentation: String?, overrides: [String: [Template.Node]]?) {
        switch node {
        case .text(let text):
            output += text
        case .variable(let path, let escaped):
            let text: String
            switch lookup(path) {
            case .missing: return
            case .string(let string): text = string
            case .bool(let bool): text = bool ? "true" : "false"
            case .dictionary(let d): text = String(describing: d)
            case .dictionaries(let d): text = String(describing: d)
            case .list(let l): text = String(describing: l)
            case .other(let value): text = String(describing: value)
            }
            output += escaped ? text.xmlEscaped : text
        case .section(let path, let body, let inverted):
            let value = lookup(path)
            if inverted {
                let isFalse: Bool
                switch value {
                case .missing: isFalse = true
                case .bool(let bool): isFalse = !bool
                case .dictionaries(let list): isFalse = list.isEmpty
                case .list(let list): isFalse = list.isEmpty
                default: isFalse = false
                }
                if isFalse { render(body, indentation: indentation, overrides: overrides) }
                return
            }
            switch value {
            case .missing: return
            case .bool(let bool): if bool { render(body, indentation: indentation, overrides: overrides) }
            case .dictionaries(let list):
                for element in list {
                    push(.dictionary(element), element)
                    render(body, indentation: indentation, overrides: overrides)
                    pop()
                }
            case .list(let list):
                for element in list {
                    push(Frame(element), element)
                    render(body, indentation: indentation, overrides: overrides)
                    pop()
                }
            case .string(let string):
                push(.leaf, string)
                render(body, indentation: indentation, overrides: overrides)
                pop()
            case .dictionary(let dictionary):
                push(.dictionary(dictionary), dictionary)
                render(body, indentation: indentation, overrides: overrides)
                pop()
            case .other(let object):
                push(Frame(object), object)
                render(body, indentation: indentation, overrides: overrides)
                pop()
            }
        case .partial(let name, let indented, let inherited):
            guard let template = library.template(named: name) else { return }
            let nextIndentation = indented.map { (indentation ?? "") + $0 } ?? indentation
            var nextOverrides = overrides
            if let inherited {
                // The outer template's definitions win over the ones passed further in.
                nextOverrides = (overrides ?? [:]).merging(inherited) { outer, _ in outer }
            }
            render(template.nodes, indentation: nextIndentation, overrides: nextOverrides)
        case .block(let name, let defaultBody, let indented):
            render(overrides?[name] ?? defaultBody, indentation: (indentation ?? "") + indented, overrides: overrides)
        case .blockDefinition:
            break  // only inside a parent's override list
        }
    }
}

/// Dictionaries with String keys and any value type (`[String: String]`, …), for lookups.
private protocol StringKeyed { func value(forKey key: String) -> Any? }
extension Dictionary: StringKeyed where Key == String {
    fileprivate func value(forKey key: String) -> Any? { self[key].map { $0 as Any } }
}
