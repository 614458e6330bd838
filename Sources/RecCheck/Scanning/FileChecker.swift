internal import CLibXML2

/// Checks one file on its own, choosing by extension: `.html`/`.htm` with libxml2's HTML parser,
/// `.svg` with its XML parser, `.css` with ``CSSScanner``. Other files are only link targets.
enum FileChecker {
    static let svgNamespace = "http://www.w3.org/2000/svg"

    /// The facts of `file` (a path relative to the site root) holding `bytes`.
    static func facts(file: String, bytes: [UInt8]) -> FileFacts {
        switch fileExtension(file) {
        case "html", "htm": htmlFacts(file: file, bytes: bytes)
        case "svg": svgFacts(file: file, bytes: bytes)
        case "css": cssFacts(file: file, bytes: bytes)
        default: FileFacts()
        }
    }

    private static func htmlFacts(file: String, bytes: [UInt8]) -> FileFacts {
        let (document, messages) = LibXMLParser.parseHTML(bytes)
        var scanner = DocumentScanner(file: file)
        for message in messages where !isExpected(message) {
            scanner.report(message.message, line: message.line)
        }
        guard let document else {
            scanner.report("not parsable as HTML", line: 0)
            var facts = scanner.facts
            facts.anchors = nil
            return facts
        }
        defer { xmlFreeDoc(document) }
        if let root = xmlDocGetRootElement(document) { scanner.scan(root) }
        return scanner.facts
    }

    private static func svgFacts(file: String, bytes: [UInt8]) -> FileFacts {
        let (document, messages) = LibXMLParser.parseXML(bytes)
        var scanner = DocumentScanner(file: file)
        for message in messages where message.code != idRedefined {
            scanner.report(message.message, line: message.line)
        }
        guard let document else {
            if messages.isEmpty { scanner.report("not well-formed XML", line: 0) }
            var facts = scanner.facts
            facts.anchors = nil
            return facts
        }
        defer { xmlFreeDoc(document) }
        guard let root = xmlDocGetRootElement(document) else {
            scanner.report("no root element", line: 0)
            return scanner.facts
        }
        let rootName = String(cString: root.pointee.name)
        let rootNamespace = root.pointee.ns?.pointee.href.map { String(cString: $0) }
        if rootName != "svg" || rootNamespace != svgNamespace {
            scanner.report(
                "root element is not <svg> in namespace \(svgNamespace)", line: Int(xmlGetLineNo(root)))
        }
        scanner.scan(root)
        return scanner.facts
    }

    private static func cssFacts(file: String, bytes: [UInt8]) -> FileFacts {
        var scanner = DocumentScanner(file: file)
        scanner.addCSS(bytes, line: 1, inStylesheetFile: true)
        var facts = scanner.facts
        facts.anchors = nil
        return facts
    }

    /// libxml2's "ID x already defined": ``DocumentScanner`` reports duplicate ids itself.
    private static let idRedefined = Int32(XML_DTD_ID_REDEFINED.rawValue)

    /// HTML5 elements unknown to libxml2's HTML 4 parser ("Tag nav invalid"), and duplicate ids.
    private static func isExpected(_ message: ParserMessage) -> Bool {
        message.code == idRedefined
            || (message.domain == Int32(XML_FROM_HTML.rawValue) && message.code == LibXMLParser.unknownHTMLTag)
    }

    /// The lowercased extension of `file`, "" when it has none.
    private static func fileExtension(_ file: String) -> String {
        let name = file.split(separator: "/").last ?? ""
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return "" }
        return name[name.index(after: dot)...].lowercased()
    }
}
