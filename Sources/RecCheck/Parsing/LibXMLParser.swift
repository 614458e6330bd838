internal import CLibXML2

/// Thin wrappers around libxml2's HTML and XML readers that capture every parser message.
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
    static let unknownHTMLTag: Int32 = Int32(XML_HTML_UNKNOWN_TAG.rawValue)

    /// Parses `bytes` as UTF-8 HTML. The caller owns the returned document (`xmlFreeDoc`).
    static func parseHTML(_ bytes: [UInt8]) -> (document: xmlDocPtr?, messages: [ParserMessage]) {
        let options = Int32(
            HTML_PARSE_NONET.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue)
        return capturingMessages {
            withCharacters(bytes) { htmlReadMemory($0, $1, nil, "UTF-8", options) }
        }
    }

    /// Parses `bytes` as XML without network access. The caller owns the returned document.
    static func parseXML(_ bytes: [UInt8]) -> (document: xmlDocPtr?, messages: [ParserMessage]) {
        let options = Int32(
            XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue)
        return capturingMessages {
            withCharacters(bytes) { xmlReadMemory($0, $1, nil, nil, options) }
        }
    }

    private static func withCharacters(
        _ bytes: [UInt8], _ body: (UnsafePointer<CChar>, Int32) -> xmlDocPtr?
    ) -> xmlDocPtr? {
        // A NUL-free empty buffer still needs a valid pointer.
        if bytes.isEmpty { return body("", 0) }
        return bytes.withUnsafeBytes { raw in
            body(raw.baseAddress!.assumingMemoryBound(to: CChar.self), Int32(clamping: raw.count))
        }
    }

    private static func capturingMessages(
        _ parse: () -> xmlDocPtr?
    ) -> (document: xmlDocPtr?, messages: [ParserMessage]) {
        initialize()
        let collector = MessageCollector()
        let context = Unmanaged.passUnretained(collector).toOpaque()
        xmlSetStructuredErrorFunc(context) { context, error in
            guard let context, let error else { return }
            let collector = Unmanaged<MessageCollector>.fromOpaque(context).takeUnretainedValue()
            collector.add(error.pointee)
        }
        let document = withExtendedLifetime(collector) { parse() }
        xmlSetStructuredErrorFunc(nil, nil)
        return (document, collector.messages)
    }
}

/// Receives libxml2's structured errors for one parse on one thread.
private final class MessageCollector {
    var messages: [ParserMessage] = []

    func add(_ error: xmlError) {
        var text = error.message.map { String(cString: $0) } ?? "unknown parser error"
        while text.last?.isNewline == true || text.last == " " { text.removeLast() }
        messages.append(
            ParserMessage(
                domain: error.domain, code: error.code, line: Int(error.line), message: text))
    }
}
