internal import CLibXML2

/// Runs libxml2's HTML parser with SAX callbacks that feed a ``PageScanner`` directly: the
/// parse and the scan are one pass and no tree is allocated (building and freeing the tree
/// cost about as much as parsing). Errors are the parser's own, as with `htmlReadMemory`.
enum HTMLEventParser {
    private static let options = Int32(
        HTML_PARSE_NONET.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue)

    /// What the C callbacks reach through `userData`: the scanner and the parser context.
    private final class State {
        let scanner: PageScanner
        let context: htmlParserCtxtPtr
        init(scanner: PageScanner, context: htmlParserCtxtPtr) {
            self.scanner = scanner
            self.context = context
        }

        /// The parser's current line (after the tag just read, as for tree nodes).
        var line: Int { context.pointee.input.map { Int($0.pointee.line) } ?? 0 }

        static func from(_ pointer: UnsafeMutableRawPointer?) -> State? {
            pointer.map { Unmanaged<State>.fromOpaque($0).takeUnretainedValue() }
        }
    }

    /// Parses UTF-8 `bytes` (whatever `<meta charset>` says) into `scanner`.
    static func parse(_ bytes: [UInt8], into scanner: PageScanner) {
        guard let context = htmlNewParserCtxt() else {
            scanner.report("libxml2 could not create an HTML parser", line: 0)
            return
        }
        defer { htmlFreeParserCtxt(context) }
        context.pointee.sax.pointee = handler()
        let state = State(scanner: scanner, context: context)
        context.pointee.userData = Unmanaged.passUnretained(state).toOpaque()
        withExtendedLifetime(state) {
            let document = LibXMLParser.withCharacters(bytes) {
                htmlCtxtReadMemory(context, $0, $1, nil, "UTF-8", options)
            }
            if let document { xmlFreeDoc(document) }  // none without a startDocument callback
        }
    }

    private static func handler() -> htmlSAXHandler {
        var handler = htmlSAXHandler()
        handler.initialized = 1  // SAX1-style callbacks, as the HTML parser uses
        handler.startElement = { user, name, attributes in
            guard let state = State.from(user), let name else { return }
            let scanner = state.scanner
            scanner.startElement(name, line: state.line)
            if var pair = attributes {
                while let attributeName = pair.pointee {
                    scanner.attribute(attributeName, value: pair.successor().pointee)
                    pair += 2
                }
            }
            scanner.finishStartTag()
        }
        handler.endElement = { user, _ in
            State.from(user)?.scanner.endElement()
        }
        handler.cdataBlock = { user, value, length in
            guard let state = State.from(user), let value, length > 0 else { return }
            state.scanner.text(UnsafeBufferPointer(start: value, count: Int(length)))
        }
        return handler
    }
}
