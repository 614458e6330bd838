/// A parsed Mustache template: the spec's interpolation, sections, inverted sections, comments,
/// partials, set delimiters and inheritance (`{{<parent}}`, `{{$block}}`), plus the `{{% … }}`
/// pragma line that swift-mustache accepts (ignored: variables are always HTML-escaped). Lambdas
/// and swift-mustache's transforms (`{{upper(name)}}`) are not supported and are parse errors.
///
/// Whitespace follows swift-mustache 2, which the site was rendered with before (and which passes
/// the spec's tests): a section, inverted-section, closing, comment, partial, parent, block,
/// delimiter or pragma tag alone on its line ("standalone") removes that line's indentation and
/// newline; a standalone partial indents every line it renders after the first by the tag's
/// indentation; inside a parent's block definitions the first line's indentation is removed
/// from every line.
struct Template: Sendable {
    indirect enum Node: Sendable {
        case text(String)
        case variable(Path, escaped: Bool)
        case section(Path, [Node], inverted: Bool)
        /// `{{> name}}` (overrides nil) or `{{< name}}…{{/name}}` (its block definitions).
        case partial(String, indentation: String?, overrides: [String: [Node]]?)
        /// `{{$ name}}default{{/name}}` where it is expanded.
        case block(String, [Node], indentation: String)
        /// `{{$ name}}…{{/name}}` directly inside a parent: an override (only in `partial`'s list).
        case blockDefinition(String, [Node])
    }

    /// A variable or section name: `.` (the current value), `a.b.c` (a looked up through the
    /// context stack, then b and c inside it) or `.a` (a in the current value only).
    struct Path: Sendable {
        let components: [String]
        let anchored: Bool
        /// The name as written, and the 1-based line of its tag (0 when not parsed from text):
        /// what a report of a tag that never resolves names.
        let name: String
        let line: Int
        init(_ name: String, line: Int = 0) {
            components = name == "." ? [] : name.split(separator: ".").map(String.init)
            anchored = name.first == "."
            self.name = name
            self.line = line
        }
    }

    let nodes: [Node]

    /// - Throws: `TemplateSyntaxError` with the line of the problem.
    init(_ text: String) throws {
        var parser = TemplateParser(Array(text.utf8))
        var state = TemplateParser.State()
        nodes = try parser.parse(&state)
    }
}

/// A template that does not parse: what was expected, and the 1-based line.
struct TemplateSyntaxError: Error, CustomStringConvertible {
    var line: Int
    var message: String
    var description: String { "line \(line): \(message)" }
}

/// The recursive-descent parser behind `Template` (one call of `parse` per section body).
struct TemplateParser {
    private let bytes: [UInt8]
    private var position = 0

    struct State {
        var sectionName: String?
        /// Where the open section's tag is (its 1-based line), for "never closed".
        var sectionLine = 0
        var newLine = true
        var inPartialDefinition = false
        var partialDefinitionTopLevel = false
        var partialDefinitionIndent: Int?
        var open: [UInt8] = Array("{{".utf8)
        var close: [UInt8] = Array("}}".utf8)

        func section(_ name: String, line: Int, newLine: Bool) -> State {
            var state = self
            state.sectionName = name
            state.sectionLine = line
            state.partialDefinitionTopLevel = false
            if !newLine { state.newLine = false }
            return state
        }

        func parentBody(_ name: String, line: Int) -> State {
            var state = self
            state.sectionName = name
            state.sectionLine = line
            state.newLine = true
            state.inPartialDefinition = true
            state.partialDefinitionTopLevel = true
            return state
        }
    }

    /// Offsets just after each line break: `line(at:)` by binary search, as every tag now
    /// records its line.
    private let lineEnds: [Int]

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
        lineEnds = bytes.indices.filter { bytes[$0] == Self.newline }.map { $0 + 1 }
    }

    private static let space = UInt8(ascii: " "), tab = UInt8(ascii: "\t"), newline = UInt8(ascii: "\n"), carriageReturn = UInt8(ascii: "\r")

    private var atEnd: Bool { position >= bytes.count }

    /// The length of the line break at `index` ("\n" or "\r\n"), 0 if there is none.
    private func lineBreak(at index: Int) -> Int {
        guard index < bytes.count else { return 0 }
        if bytes[index] == Self.newline { return 1 }
        if bytes[index] == Self.carriageReturn, index + 1 < bytes.count, bytes[index + 1] == Self.newline { return 2 }
        return 0
    }

    /// 1-based line of `index`: one more than the line breaks before it.
    private func line(at index: Int) -> Int {
        var low = 0, high = lineEnds.count
        while low < high {
            let middle = (low + high) / 2
            if lineEnds[middle] <= index { low = middle + 1 } else { high = middle }
        }
        return 1 + low
    }

    private func fail(_ message: String) -> TemplateSyntaxError { TemplateSyntaxError(line: line(at: position), message: message) }

    private func text(_ range: Range<Int>) -> String { String(decoding: bytes[range], as: UTF8.self) }

    private func matches(_ pattern: [UInt8], at index: Int) -> Bool {
        guard index + pattern.count <= bytes.count else { return false }
        for k in pattern.indices where bytes[index + k] != pattern[k] { return false }
        return true
    }

    @discardableResult
    private mutating func skip(while predicate: (UInt8) -> Bool) -> Range<Int> {
        let start = position
        while position < bytes.count && predicate(bytes[position]) { position += 1 }
        return start..<position
    }

    private static func isBlank(_ byte: UInt8) -> Bool { byte == space || byte == tab }
    private static func isWhitespace(_ byte: UInt8) -> Bool { byte == space || byte == tab || byte == newline || byte == carriageReturn }
    private static func isNameByte(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
            || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "?") || byte == UInt8(ascii: "*")
    }
    private static func isPartialNameByte(_ byte: UInt8) -> Bool { isNameByte(byte) || byte == UInt8(ascii: "/") }

    /// Text up to (not including) a line break, or up to and including the next opening delimiter.
    private mutating func readText(_ state: State) -> (text: Range<Int>, foundTag: Bool) {
        let start = position
        while position < bytes.count {
            if lineBreak(at: position) > 0 { return (start..<position, false) }
            if bytes[position] == state.open[0] && matches(state.open, at: position) {
                let end = position
                position += state.open.count
                return (start..<end, true)
            }
            position += 1
        }
        return (start..<position, false)
    }

    /// Whether the rest of the line is blank; if so, moves past its line break.
    private mutating func lineFinished() -> Bool {
        if atEnd { return true }
        var index = position
        while index < bytes.count && Self.isBlank(bytes[index]) { index += 1 }
        let length = lineBreak(at: index)
        guard length > 0 else { return false }
        position = index + length
        return true
    }

    private mutating func standalone(_ state: State) -> Bool { state.newLine && lineFinished() }

    private mutating func closeTag(_ state: State) throws {
        skip(while: Self.isWhitespace)
        guard matches(state.close, at: position) else { throw fail("expected \(String(decoding: state.close, as: UTF8.self)) to close the tag") }
        position += state.close.count
    }

    /// Moves past a tag whose content is ignored (comment, pragma), up to its closing delimiter.
    private mutating func skipTag(_ state: State, unfinished message: String) throws {
        position += 1
        while !atEnd && !matches(state.close, at: position) { position += 1 }
        guard !atEnd else { throw fail(message) }
        position += state.close.count
    }

    private mutating func name(_ state: State) throws -> String {
        skip(while: Self.isWhitespace)
        let range = skip(while: Self.isNameByte)
        if position < bytes.count && bytes[position] == UInt8(ascii: "(") {
            throw fail("transforms such as name(…) are not supported")
        }
        try closeTag(state)
        return text(range)
    }

    private mutating func partialName(_ state: State) throws -> String {
        skip(while: Self.isWhitespace)
        let range = skip(while: Self.isPartialNameByte)
        try closeTag(state)
        return text(range)
    }

    /// Parses nodes up to the end of the template (`state.sectionName` nil) or the closing tag of
    /// `state.sectionName`.
    mutating func parse(_ state: inout State) throws -> [Template.Node] {
        var nodes: [Template.Node] = []
        var before = ""  // the current line's leading blanks, not yet written
        while !atEnd {
            if state.newLine {
                let blanks = skip(while: Self.isBlank)
                if state.inPartialDefinition && !state.partialDefinitionTopLevel {
                    if let indent = state.partialDefinitionIndent {
                        before = text(min(blanks.lowerBound + indent, blanks.upperBound)..<blanks.upperBound)
                    } else {
                        state.partialDefinitionIndent = blanks.count
                        before = ""
                    }
                } else {
                    before = text(blanks)
                }
            }
            let (range, foundTag) = readText(state)
            let breakLength = lineBreak(at: position)
            if !foundTag && breakLength > 0 {
                nodes.append(.text(before + text(range.lowerBound..<position + breakLength)))
                position += breakLength
                state.newLine = true
                continue
            }
            if !range.isEmpty {
                nodes.append(.text(before + text(range)))
                before = ""
                state.newLine = false
            }
            guard foundTag, !atEnd else {
                if foundTag { throw fail("unfinished tag at the end of the template") }
                break
            }
            func flushBefore() {
                if !before.isEmpty { nodes.append(.text(before)); before = "" }
            }
            var newLine = false
            let kind = bytes[position]
            let tagStart = position
            switch kind {
            case UInt8(ascii: "#"), UInt8(ascii: "^"):
                position += 1
                let name = try name(state)
                if standalone(state) { newLine = true } else { flushBefore() }
                var inner = state.section(name, line: line(at: tagStart), newLine: newLine)
                let body = try parse(&inner)
                nodes.append(.section(Template.Path(name, line: line(at: tagStart)), body, inverted: kind == UInt8(ascii: "^")))
            case UInt8(ascii: "/"):
                position += 1
                let name = try name(state)
                guard name == state.sectionName else {
                    throw fail(state.sectionName.map { "{{/\(name)}} does not close the section \($0) opened on line \(state.sectionLine); expected {{/\($0)}}" }
                               ?? "{{/\(name)}} closes nothing open")
                }
                if !standalone(state) { flushBefore() }
                return nodes
            case UInt8(ascii: "!"):
                try skipTag(state, unfinished: "unfinished comment")
                newLine = standalone(state)
            case UInt8(ascii: "{"), UInt8(ascii: "&"):
                flushBefore()
                position += 1
                let name = try name(state)
                if kind == UInt8(ascii: "{") {
                    guard position < bytes.count && bytes[position] == UInt8(ascii: "}") else { throw fail("expected } after {{{\(name)}}") }
                    position += 1
                }
                nodes.append(.variable(Template.Path(name, line: line(at: tagStart)), escaped: false))
            case UInt8(ascii: ">"):
                position += 1
                skip(while: Self.isWhitespace)
                if position < bytes.count && bytes[position] == UInt8(ascii: "*") { throw fail("dynamic partial names are not supported") }
                let name = try partialName(state)
                if !before.isEmpty { nodes.append(.text(before)) }
                if standalone(state) {
                    newLine = true
                    nodes.append(.partial(name, indentation: before, overrides: nil))
                } else {
                    nodes.append(.partial(name, indentation: nil, overrides: nil))
                }
                before = ""
            case UInt8(ascii: "<"):
                position += 1
                skip(while: Self.isWhitespace)
                let name = try partialName(state)
                if name.hasPrefix("*") { throw fail("dynamic parent names are not supported") }
                if !before.isEmpty { nodes.append(.text(before)) }
                newLine = standalone(state)
                var inner = state.parentBody(name, line: line(at: tagStart))
                var overrides: [String: [Template.Node]] = [:]
                for node in try parse(&inner) {
                    switch node {
                    case .blockDefinition(let block, let body): overrides[block] = body
                    case .text: break
                    default: throw fail("only {{$block}} definitions may appear inside {{<\(name)}}")
                    }
                }
                nodes.append(.partial(name, indentation: before, overrides: overrides))
                before = ""
            case UInt8(ascii: "$"):
                position += 1
                let name = try name(state)
                if state.partialDefinitionTopLevel {
                    newLine = standalone(state)
                    var inner = state.section(name, line: line(at: tagStart), newLine: newLine)
                    nodes.append(.blockDefinition(name, try parse(&inner)))
                } else {
                    if !before.isEmpty { nodes.append(.text(before)) }
                    newLine = standalone(state)
                    var inner = state.section(name, line: line(at: tagStart), newLine: newLine)
                    nodes.append(.block(name, try parse(&inner), indentation: before))
                    before = ""
                }
            case UInt8(ascii: "="):
                position += 1
                skip(while: Self.isWhitespace)
                let open = skip(while: { !Self.isWhitespace($0) })
                skip(while: Self.isWhitespace)
                let close = skip(while: { !Self.isWhitespace($0) && $0 != UInt8(ascii: "=") })
                skip(while: Self.isWhitespace)
                guard !open.isEmpty, !close.isEmpty, position < bytes.count, bytes[position] == UInt8(ascii: "=") else {
                    throw fail("a delimiter change is {{=OPEN CLOSE=}}")
                }
                position += 1
                guard matches(state.close, at: position) else { throw fail("a delimiter change is {{=OPEN CLOSE=}}") }
                position += state.close.count
                state.open = Array(bytes[open])
                state.close = Array(bytes[close])
                state.partialDefinitionTopLevel = false
                newLine = standalone(state)
            case UInt8(ascii: "%"):
                // swift-mustache's pragma ({{% CONTENT_TYPE: HTML }}): read and ignored.
                try skipTag(state, unfinished: "unfinished {{% … }} tag")
                newLine = standalone(state)
            default:
                flushBefore()
                nodes.append(.variable(Template.Path(try name(state), line: line(at: tagStart)), escaped: true))
            }
            state.newLine = newLine
        }
        if let open = state.sectionName {
            throw TemplateSyntaxError(line: state.sectionLine, message: "the section \(open) opened here is never closed with {{/\(open)}}")
        }
        return nodes
    }
}
