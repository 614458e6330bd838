import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing

/// Parses SVG text with `XMLParser` and records what the chart tests check.
final class XMLCheck: NSObject, XMLParserDelegate {
    private(set) var ids: [String] = []
    private(set) var elementNames: [String] = []
    private(set) var rootAttributes: [String: String] = [:]
    /// Names of the root's direct children, in order.
    private(set) var rootChildren: [String] = []
    private(set) var texts: [String] = []
    private var depth = 0
    private(set) var error: String?

    /// Parses `xml`; `error` is set when it is not well-formed.
    init(_ xml: String) {
        super.init()
        let parser = XMLParser(data: Data(xml.utf8))
        parser.delegate = self
        if !parser.parse() {
            error = parser.parserError.map { "\($0)" } ?? "parse failed at line \(parser.lineNumber)"
        }
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        if depth == 0 { rootAttributes = attributes }
        if depth == 1 { rootChildren.append(name) }
        depth += 1
        elementNames.append(name)
        if let id = attributes["id"] { ids.append(id) }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        depth -= 1
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { texts.append(string) }

    func parser(_ parser: XMLParser, parseErrorOccurred parseError: Error) { error = "\(parseError)" }
}

/// Checks the contract every chart's `svg(id:)` and `figure(id:)` output must meet.
func expectValidChart(_ svg: String, id: String, standalone: Bool, sourceLocation: SourceLocation = #_sourceLocation) {
    let check = XMLCheck(svg)
    #expect(check.error == nil, "not well-formed: \(check.error ?? "")", sourceLocation: sourceLocation)
    #expect(check.rootAttributes["xmlns"] == "http://www.w3.org/2000/svg", sourceLocation: sourceLocation)
    #expect(check.rootAttributes["viewBox"]?.hasPrefix("0 0 720 ") == true, sourceLocation: sourceLocation)
    #expect(check.rootAttributes["role"] == "img", sourceLocation: sourceLocation)
    #expect(check.rootAttributes["aria-labelledby"] == "\(id)-title \(id)-desc", sourceLocation: sourceLocation)
    #expect(Array(check.rootChildren.prefix(2)) == ["title", "desc"], sourceLocation: sourceLocation)
    #expect(Set(check.ids).count == check.ids.count, "duplicate ids: \(check.ids)", sourceLocation: sourceLocation)
    #expect(check.ids.allSatisfy { $0 == id || $0.hasPrefix(id + "-") }, "unprefixed ids: \(check.ids)",
            sourceLocation: sourceLocation)
    #expect(check.ids.contains("\(id)-title") && check.ids.contains("\(id)-desc"), sourceLocation: sourceLocation)
    #expect(svg.hasPrefix("<?xml") == standalone, sourceLocation: sourceLocation)
    #expect(check.elementNames.contains("style") == standalone, sourceLocation: sourceLocation)
    #expect(!svg.contains("NaN") && !svg.contains("inf"), "non-finite number in output", sourceLocation: sourceLocation)
    // Inline charts leave theme colours (text, axes, grid) to CSS classes.
    if !standalone {
        #expect(!svg.contains("stroke=\"#"), "hard-coded stroke colour", sourceLocation: sourceLocation)
    }
}

/// Runs ``expectValidChart`` on both renderings.
func expectValidChart(svg: String, figure: String, id: String, sourceLocation: SourceLocation = #_sourceLocation) {
    expectValidChart(svg, id: id, standalone: false, sourceLocation: sourceLocation)
    expectValidChart(figure, id: id, standalone: true, sourceLocation: sourceLocation)
}

/// A label that must never appear unescaped.
let hostileLabel = "<script>alert(1)</script> & \"quoted\" 'single', Amélie\nline"

/// A label far longer than any chart can show.
let longLabel = String(repeating: "The Extraordinarily Long Title of a Movie ", count: 4)
