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
        let scanner = PageScanner(file: file)
        let messages = LibXMLParser.scanHTML(bytes, into: scanner)
        for message in messages { scanner.report(message.message, line: message.line) }
        return scanner.facts
    }

    private static func svgFacts(file: String, bytes: [UInt8]) -> FileFacts {
        let (document, messages) = LibXMLParser.parseXML(bytes)
        let scanner = PageScanner(file: file)
        for message in messages { scanner.report(message.message, line: message.line) }
        guard let document else {
            if messages.isEmpty { scanner.report("not well-formed XML", line: 0) }
            scanner.markUnparsed()
            return scanner.facts
        }
        defer { xmlFreeDoc(document) }
        guard let root = xmlDocGetRootElement(document) else {
            scanner.report("no root element", line: 0)
            return scanner.facts
        }
        let rootNamespace = root.pointee.ns?.pointee.href.map { String(cString: $0) }
        if !CName.equals(root.pointee.name, "svg") || rootNamespace != svgNamespace {
            scanner.report(
                "root element is not <svg> in namespace \(svgNamespace)", line: Int(xmlGetLineNo(root)))
        }
        TreeWalker.walk(root, into: scanner)
        return scanner.facts
    }

    private static func cssFacts(file: String, bytes: [UInt8]) -> FileFacts {
        let scanner = PageScanner(file: file)
        bytes.withUnsafeBufferPointer { scanner.addCSS($0, line: 1, inStylesheetFile: true) }
        scanner.markUnparsed()
        return scanner.facts
    }

    /// The lowercased extension of `file`, "" when it has none.
    private static func fileExtension(_ file: String) -> String {
        let name = file.split(separator: "/").last ?? ""
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return "" }
        return name[name.index(after: dot)...].lowercased()
    }
}
