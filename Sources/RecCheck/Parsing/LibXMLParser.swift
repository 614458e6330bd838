internal import CLibXML2

/// Thin wrappers around libxml2's HTML and XML parsers that capture every parser message.
///
/// Messages are captured with `xmlSetStructuredErrorFunc`, whose handler is thread-local in a
/// libxml2 built with threads (Debian's is), so several threads may parse at once. The handler
/// is installed for the duration of one parse on the calling thread and removed afterwards.
enum LibXMLParser {
    /// `xmlInitParser` must run once before threads use libxml2.
    private static let initialized: Bool = {
        xmlInitParser()
        return true
    }()

    /// Makes sure libxml2 is initialised; call before going parallel.
    static func initialize() { _ = initialized }

    /// The code of libxml2's "Tag nav invalid" notice, expected for every HTML5 element.
    static let unknownHTMLTag = Int32(XML_HTML_UNKNOWN_TAG.rawValue)

    /// Streams UTF-8 HTML through libxml2's HTML parser into `scanner` (SAX: no tree is built).
    /// The "Tag nav invalid" notices and duplicate-id errors are dropped (see ``isExpected(domain:code:)``).
    static func scanHTML(_ bytes: [UInt8], into scanner: PageScanner) -> [ParserMessage] {
        capturingMessages {
            HTMLEventParser.parse(bytes, into: scanner)
        }.messages
    }

    /// libxml2's "ID x already defined": ``PageScanner`` reports duplicate ids itself.
    static let idRedefined = Int32(XML_DTD_ID_REDEFINED.rawValue)

    /// Messages the checker does not report: HTML5 elements unknown to libxml2's HTML 4 parser
    /// ("Tag nav invalid", code 801) and duplicate ids, which ``PageScanner`` reports itself.
    /// Dropped before a Swift string is made: a chart-heavy page raises hundreds of them.
    static func isExpected(domain: Int32, code: Int32) -> Bool {
        code == idRedefined || (domain == Int32(XML_FROM_HTML.rawValue) && code == unknownHTMLTag)
    }

    /// Parses `bytes` as XML without network access. The caller owns the returned document.
    static func parseXML(_ bytes: [UInt8]) -> (document: xmlDocPtr?, messages: [ParserMessage]) {
        let options = Int32(
            XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue)
        return capturingMessages {
            withCharacters(bytes) { xmlReadMemory($0, $1, nil, nil, options) }
        }
    }

    /// Calls `body` with a pointer to `bytes` (a valid empty string when there are none).
    static func withCharacters<Result>(
        _ bytes: [UInt8], _ body: (UnsafePointer<CChar>, Int32) -> Result
    ) -> Result {
        if bytes.isEmpty { return body("", 0) }
        return bytes.withUnsafeBytes { raw in
            body(raw.baseAddress!.assumingMemoryBound(to: CChar.self), Int32(clamping: raw.count))
        }
    }

    private static func capturingMessages<Result>(
        _ parse: () -> Result
    ) -> (document: Result, messages: [ParserMessage]) {
        initialize()
        let collector = MessageCollector()
        let context = Unmanaged.passUnretained(collector).toOpaque()
        xmlSetStructuredErrorFunc(context) { context, error in
            guard let context, let error else { return }
            let collector = Unmanaged<MessageCollector>.fromOpaque(context).takeUnretainedValue()
            collector.add(error.pointee)
        }
        let result = withExtendedLifetime(collector) { parse() }
        xmlSetStructuredErrorFunc(nil, nil)
        return (result, collector.messages)
    }
}

/// Receives libxml2's structured errors for one parse on one thread.
private final class MessageCollector {
    var messages: [ParserMessage] = []

    func add(_ error: xmlError) {
        guard !LibXMLParser.isExpected(domain: error.domain, code: error.code) else { return }
        var text = error.message.map { String(cString: $0) } ?? "unknown parser error"
        while text.last?.isNewline == true || text.last == " " { text.removeLast() }
        messages.append(
            ParserMessage(domain: error.domain, code: error.code, line: Int(error.line), message: text))
    }
}
