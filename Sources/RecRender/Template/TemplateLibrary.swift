import Foundation

/// Named, parsed templates and the renderer over the site's page contexts.
///
/// Contexts are what the page builders make: `[String: Any]` dictionaries whose values are
/// `String`, `Bool`, nested dictionaries and arrays of them (anything else renders through
/// `String(describing:)` and is looked into by `Mirror`, as swift-mustache does). Each value is
/// classified once by its dynamic type's identity (`[String: Any]`, `String`, `[[String: Any]]`,
/// `Bool`, …) before any cast, protocol or reflection fallback; swift-mustache asked every value and
/// every stack frame for its protocol conformances (`MustacheParent`, `MustacheLambda`,
/// `MustacheSequence`, …) on each lookup, which was three quarters of a user page's render time.
///
/// Truthiness as in swift-mustache: a section renders for `true`, for every element of a
/// non-empty array, and once for any other present value (an empty string included); missing
/// names, `false`, empty arrays and nil optionals are false.
struct TemplateLibrary: Sendable {
    private var templates: [String: CompiledTemplate] = [:]
    /// Tags (variables and sections) of every template registered so far: each template's tag k
    /// is number `usageOffset + k` in a ``TagUsage``.
    private(set) var tagCount = 0

    init() {}

    /// - Throws: `TemplateSyntaxError` when `text` does not parse.
    mutating func register(_ text: String, named name: String) throws {
        let template = CompiledTemplate(try Template(text), usageOffset: tagCount)
        templates[name] = template
        tagCount += template.paths.count
    }

    func contains(_ name: String) -> Bool { templates[name] != nil }

    /// Renders template `name` over `context`; nil when there is no such template. With `usage`,
    /// records which tags this render looked up and which of them found their name.
    func render(_ context: Any, withTemplate name: String, usage: TagUsage? = nil) -> String? {
        guard let template = templates[name] else { return nil }
        var renderer = Renderer(library: self, root: context, tracking: usage != nil)
        renderer.run(template, template.root, indentation: nil, overrides: nil)
        usage?.merge(renderer.tags)
        return renderer.output.string
    }

    /// The tags that `usage`'s renders looked up and that never found their name in any context,
    /// by template name, then line, then position in the template.
    func unresolvedTags(_ usage: TagUsage) -> [UnresolvedTag] {
        let flags = usage.flags
        var result: [(tag: UnresolvedTag, position: Int)] = []
        for (name, template) in templates.sorted(by: { $0.key < $1.key }) {
            for (k, path) in template.paths.enumerated() {
                let index = template.usageOffset + k
                guard index < flags.count, flags[index] & TagUsage.lookedUp != 0, flags[index] & TagUsage.resolved == 0 else { continue }
                result.append((UnresolvedTag(template: name, line: path.line, name: path.name), k))
            }
        }
        return result.sorted { ($0.tag.template, $0.tag.line, $0.position) < ($1.tag.template, $1.tag.line, $1.position) }.map(\.tag)
    }

    /// Every tag's name by template (`name` → tag names), for telling a restyled template's own
    /// names from the bundled templates'.
    var tagNames: [String: Set<String>] { templates.mapValues { Set($0.paths.map(\.name)) } }

    fileprivate func template(named name: String) -> CompiledTemplate? { templates[name] }
}

/// A variable or section tag that was looked up while rendering and never found its name in
/// any context: a typo, a name the page contexts do not have, or one this site's data never
/// fills (its 1-based line in the template).
public struct UnresolvedTag: Sendable, Equatable, CustomStringConvertible {
    public var template: String
    public var line: Int
    public var name: String
    public var description: String { "\(template).mustache:\(line): {{\(name)}}" }

    public init(template: String, line: Int, name: String) {
        (self.template, self.line, self.name) = (template, line, name)
    }
}

/// Which tags a set of renders looked up and which found their name (one byte of flags per tag
/// of a ``TemplateLibrary``), merged from every page's render under a lock.
final class TagUsage: @unchecked Sendable {
    static let lookedUp: UInt8 = 1, resolved: UInt8 = 2
    private let lock = NSLock()
    private var storage: [UInt8] = []

    var flags: [UInt8] {
        lock.lock()
        defer { lock.unlock() }
        return storage
    }

    func merge(_ tags: [UInt8]) {
        guard !tags.isEmpty else { return }
        lock.lock()
        defer { lock.unlock() }
        if storage.count < tags.count { storage += [UInt8](repeating: 0, count: tags.count - storage.count) }
        for k in tags.indices { storage[k] |= tags[k] }
    }
}

/// A parsed template flattened into one instruction array: a section's body follows its
/// instruction and ends where the instruction says, so rendering walks plain structs by index
/// (no enum boxes to retain per node) and text, names and paths sit in side tables.
///
/// The instructions and the texts' UTF-8 bytes live in memory the template owns and never
/// changes after `init` (hence `@unchecked Sendable`): the renderer runs a section's body once per
/// element of a list, and reading them through Swift arrays retained and released three arrays
/// per run and a `String` per text (retains and releases inside `run`: 17 % → 14 % of the
/// template engine's perf samples on the ML-100k site).
final class CompiledTemplate: @unchecked Sendable {
    enum Operation: UInt8, Sendable { case text, escaped, unescaped, section, inverted, partial, block }

    /// `a`: the text, path or name index; `b`, `c`: the body range (sections, blocks) or the
    /// indentation and override indices (partials, −1 = none); `d`: a block's indentation, or
    /// for a partial the instruction after it and its parent's block bodies.
    struct Instruction: Sendable {
        var operation: Operation
        var a: Int32 = 0, b: Int32 = 0, c: Int32 = 0, d: Int32 = 0
    }

    let texts: [String]
    /// The program, and every text's bytes back to back (text k is `textBytes[textStarts[k] ..<
    /// textStarts[k + 1]]`).
    let instructions: UnsafeMutableBufferPointer<Instruction>
    private let textBytes: UnsafeMutableBufferPointer<UInt8>
    private let textStarts: UnsafeMutableBufferPointer<Int>
    let paths: [Template.Path]
    /// Per parent tag (`{{<name}}`): its block definitions, name → body range in `instructions`.
    let overrides: [[String: Range<Int>]]
    let root: Range<Int>

    /// Number of this template's first tag in its library's ``TagUsage``.
    let usageOffset: Int

    init(_ template: Template, usageOffset: Int = 0) {
        self.usageOffset = usageOffset
        var program: [Instruction] = [], texts: [String] = [], paths: [Template.Path] = [], overrides: [[String: Range<Int>]] = []
        func text(_ value: String) -> Int32 { texts.append(value); return Int32(texts.count - 1) }
        func emit(_ nodes: [Template.Node]) {
            var pendingText: String?
            func flush() {
                if let pending = pendingText { program.append(Instruction(operation: .text, a: text(pending))); pendingText = nil }
            }
            for node in nodes {
                switch node {
                case .text(let value):
                    // Adjacent texts are one instruction; indentation splits them again at line ends.
                    pendingText = (pendingText ?? "") + value
                case .variable(let path, let escaped):
                    flush()
                    paths.append(path)
                    program.append(Instruction(operation: escaped ? .escaped : .unescaped, a: Int32(paths.count - 1)))
                case .section(let path, let body, let inverted):
                    flush()
                    paths.append(path)
                    let at = program.count
                    program.append(Instruction(operation: inverted ? .inverted : .section, a: Int32(paths.count - 1)))
                    emit(body)
                    program[at].b = Int32(at + 1)
                    program[at].c = Int32(program.count)
                case .partial(let name, let indentation, let blocks):
                    flush()
                    let at = program.count
                    program.append(Instruction(operation: .partial, a: text(name), b: indentation.map(text) ?? -1, c: -1))
                    if let blocks {
                        // The block bodies follow the partial instruction; rendering skips them.
                        var ranges: [String: Range<Int>] = [:]
                        for (block, body) in blocks.sorted(by: { $0.key < $1.key }) {
                            let start = program.count
                            emit(body)
                            ranges[block] = start..<program.count
                        }
                        overrides.append(ranges)
                        program[at].c = Int32(overrides.count - 1)
                    }
                    program[at].d = Int32(program.count)
                case .block(let name, let body, let indentation):
                    flush()
                    let at = program.count
                    program.append(Instruction(operation: .block, a: text(name), d: text(indentation)))
                    emit(body)
                    program[at].b = Int32(at + 1)
                    program[at].c = Int32(program.count)
                case .blockDefinition:
                    break
                }
            }
            flush()
        }
        emit(template.nodes)
        self.root = 0..<program.count
        self.texts = texts
        instructions = .allocate(capacity: program.count)
        _ = instructions.initialize(from: program)
        let bytes = texts.flatMap { Array($0.utf8) }
        textBytes = .allocate(capacity: max(bytes.count, 1))
        _ = textBytes.initialize(from: bytes)
        textStarts = .allocate(capacity: texts.count + 1)
        var offset = 0
        for (k, text) in texts.enumerated() {
            textStarts[k] = offset
            offset += text.utf8.count
        }
        textStarts[texts.count] = offset
        self.paths = paths
        self.overrides = overrides
    }

    deinit {
        instructions.deallocate()
        textBytes.deallocate()
        textStarts.deallocate()
    }

    /// The UTF-8 bytes of `texts[k]`.
    @inline(__always)
    func text(_ k: Int) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(rebasing: textBytes[textStarts[k]..<textStarts[k + 1]])
    }
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
    case stringDictionaries([[String: String]])
    case strings([String])
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
        case KnownType.stringDictionaries: self = .stringDictionaries(value as! [[String: String]]); return
        case KnownType.strings: self = .strings(value as! [String]); return
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
    var output = MarkupBuffer(capacity: 1 << 17)
    /// Per tag of the library, when tracking: `TagUsage.lookedUp` and `TagUsage.resolved` bits.
    var tags: [UInt8]

    init(library: TemplateLibrary, root: Any, tracking: Bool = false) {
        self.library = library
        self.stack = [Frame(root)]
        self.values = [root]
        self.tags = tracking ? [UInt8](repeating: 0, count: library.tagCount) : []
    }

    /// Marks tag `index` of `template` as looked up, and as resolved when its name was found.
    @inline(__always)
    private mutating func record(_ template: CompiledTemplate, _ index: Int32, found: Bool) {
        guard !tags.isEmpty else { return }
        tags[template.usageOffset + Int(index)] |= found ? TagUsage.lookedUp | TagUsage.resolved : TagUsage.lookedUp
    }

    /// The value named `name` in `frame`, classified; nil when the frame has no such name (a
    /// present nil optional is `.missing`, which stops the search up the stack).
    static func child(_ name: String, of frame: Frame) -> Value? {
        switch frame {
        case .dictionary(let dictionary): return dictionary[name].map(Value.init)
        case .strings(let dictionary): return dictionary[name].map(Value.string)
        case .leaf: return nil
        case .other(let object):
            if let parent = object as? any StringKeyed { return parent.value(forKey: name).map(Value.init) }
            guard let match = Mirror(reflecting: object).children.first(where: { $0.label == name }) else { return nil }
            if let optional = match.value as? any OptionalValue { return optional.wrapped.map { Value($0) } }
            return Value(match.value)
        }
    }

    /// The value of `path`, and whether every name of it was found (a name whose value is nil
    /// was found; one no frame has was not).
    func lookup(_ path: Template.Path) -> (value: Value, found: Bool) {
        let components = path.components
        if components.isEmpty { return (Value(values.last ?? nil), true) }
        var current: Value = .missing
        var found = false
        if path.anchored {
            if let value = Self.child(components[0], of: stack[stack.count - 1]) { (current, found) = (value, true) }
        } else {
            var index = stack.count - 1
            while index >= 0 {
                if let value = Self.child(components[0], of: stack[index]) { (current, found) = (value, true); break }
                index -= 1
            }
        }
        var k = 1
        while k < components.count {
            let frame: Frame
            switch current {
            case .missing: return (.missing, found)
            case .dictionary(let dictionary): frame = .dictionary(dictionary)
            case .string, .bool: frame = .leaf
            case .dictionaries(let list): frame = .other(list)
            case .stringDictionaries(let list): frame = .other(list)
            case .strings(let list): frame = .other(list)
            case .list(let list): frame = .other(list)
            case .other(let object): frame = Frame(object)
            }
            guard let value = Self.child(components[k], of: frame) else { return (.missing, false) }
            current = value
            k += 1
        }
        return (current, found)
    }

    mutating func push(_ frame: Frame, _ value: Any?) {
        stack.append(frame)
        values.append(value)
    }

    mutating func pop() {
        stack.removeLast()
        values.removeLast()
    }

    /// A block's body to render in place of its default: where it was defined.
    struct BlockBody {
        let template: CompiledTemplate
        let range: Range<Int>
    }

    /// Renders `range` of `template`'s program. With a non-empty `indentation`, each
    /// instruction's non-empty output that starts a line of this run (after its first) is
    /// indented, and so is every line a text starts after its own line breaks (swift-mustache's
    /// partial indentation, which applies per line of template text).
    mutating func run(_ template: CompiledTemplate, _ range: Range<Int>, indentation: String?, overrides: [String: BlockBody]?) {
        let program = template.instructions
        let indenting = indentation.map { !$0.isEmpty } ?? false
        let start = output.count
        var i = range.lowerBound
        while i < range.upperBound {
            let instruction = program[i]
            let before = output.count
            let startsLine = indenting && before > start && output.last == UInt8(ascii: "\n")
            var next = i + 1
            switch instruction.operation {
            case .text:
                if indenting {
                    appendIndented(template.texts[Int(instruction.a)], indentation: indentation!)
                } else {
                    output.append(template.text(Int(instruction.a)))
                }
            case .escaped, .unescaped:
                variable(template, instruction.a, escaped: instruction.operation == .escaped)
            case .section, .inverted:
                let body = Int(instruction.b)..<Int(instruction.c)
                section(template, instruction.a, inverted: instruction.operation == .inverted,
                        body: { renderer in renderer.run(template, body, indentation: indentation, overrides: overrides) })
                next = Int(instruction.c)
            case .partial:
                next = Int(instruction.d)
                guard let partial = library.template(named: template.texts[Int(instruction.a)]) else { break }
                let indented = instruction.b >= 0 ? template.texts[Int(instruction.b)] : nil
                let nextIndentation = indented.map { (indentation ?? "") + $0 } ?? indentation
                var nextOverrides = overrides
                if instruction.c >= 0 {
                    // The outer template's definitions win over the ones passed further in.
                    let defined = template.overrides[Int(instruction.c)].mapValues { BlockBody(template: template, range: $0) }
                    nextOverrides = (overrides ?? [:]).merging(defined) { outer, _ in outer }
                }
                run(partial, partial.root, indentation: nextIndentation, overrides: nextOverrides)
            case .block:
                next = Int(instruction.c)
                let indented = (indentation ?? "") + template.texts[Int(instruction.d)]
                if let override = overrides?[template.texts[Int(instruction.a)]] {
                    run(override.template, override.range, indentation: indented, overrides: overrides)
                } else {
                    run(template, Int(instruction.b)..<Int(instruction.c), indentation: indented, overrides: overrides)
                }
            }
            if startsLine && output.count > before {
                output.insert(indentation!, at: before)
            }
            i = next
        }
    }

    /// A text of several template lines: each line break followed by more text starts an
    /// indented line (the first line's indentation is the caller's).
    private mutating func appendIndented(_ text: String, indentation: String) {
        var lineStart = text.utf8.startIndex
        var index = lineStart
        while index < text.utf8.endIndex {
            let isBreak = text.utf8[index] == UInt8(ascii: "\n")
            index = text.utf8.index(after: index)
            if isBreak && index < text.utf8.endIndex {
                output.append(Substring(text.utf8[lineStart..<index]))
                output.append(indentation)
                lineStart = index
            }
        }
        output.append(Substring(text.utf8[lineStart..<text.utf8.endIndex]))
    }

    private mutating func variable(_ template: CompiledTemplate, _ tag: Int32, escaped: Bool) {
        let (value, found) = lookup(template.paths[Int(tag)])
        record(template, tag, found: found)
        let text: String
        switch value {
        case .missing: return
        case .string(let string): text = string
        case .bool(let bool): text = bool ? "true" : "false"
        case .dictionary(let d): text = String(describing: d)
        case .dictionaries(let d): text = String(describing: d)
        case .stringDictionaries(let d): text = String(describing: d)
        case .strings(let l): text = String(describing: l)
        case .list(let l): text = String(describing: l)
        case .other(let value): text = String(describing: value)
        }
        if escaped { output.appendXMLEscaped(text) } else { output.append(text) }
    }

    private mutating func section(_ template: CompiledTemplate, _ tag: Int32, inverted: Bool, body: (inout Renderer) -> Void) {
        let (value, found) = lookup(template.paths[Int(tag)])
        record(template, tag, found: found)
        if inverted {
            let isFalse: Bool
            switch value {
            case .missing: isFalse = true
            case .bool(let bool): isFalse = !bool
            case .dictionaries(let list): isFalse = list.isEmpty
            case .stringDictionaries(let list): isFalse = list.isEmpty
            case .strings(let list): isFalse = list.isEmpty
            case .list(let list): isFalse = list.isEmpty
            default: isFalse = false
            }
            if isFalse { body(&self) }
            return
        }
        switch value {
        case .missing: return
        case .bool(let bool): if bool { body(&self) }
        case .dictionaries(let list):
            for element in list {
                push(.dictionary(element), element)
                body(&self)
                pop()
            }
        case .stringDictionaries(let list):
            for element in list {
                push(.strings(element), element)
                body(&self)
                pop()
            }
        case .strings(let list):
            for element in list {
                push(.leaf, element)
                body(&self)
                pop()
            }
        case .list(let list):
            for element in list {
                push(Frame(element), element)
                body(&self)
                pop()
            }
        case .string(let string):
            push(.leaf, string)
            body(&self)
            pop()
        case .dictionary(let dictionary):
            push(.dictionary(dictionary), dictionary)
            body(&self)
            pop()
        case .other(let object):
            push(Frame(object), object)
            body(&self)
            pop()
        }
    }
}

/// Dictionaries with String keys and any value type (`[String: String]`, …), for lookups.
private protocol StringKeyed { func value(forKey key: String) -> Any? }
extension Dictionary: StringKeyed where Key == String {
    fileprivate func value(forKey key: String) -> Any? { self[key].map { $0 as Any } }
}
