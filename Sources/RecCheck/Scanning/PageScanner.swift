/// Collects what one HTML or SVG document holds from a stream of element events, fed either by
/// libxml2's SAX callbacks (HTML) or by a walk over a parsed tree (SVG): anchors, relative links
/// and local problems (external resources, duplicate ids, `<svg>` without a label).
///
/// A class because libxml2's C callbacks reach it through an opaque pointer.
final class PageScanner {
    /// The file being scanned, relative to the site root, for problem reports.
    let file: String
    private(set) var facts = FileFacts(anchors: [])

    private var openElements: [ElementKind] = []
    /// Open `<svg>` elements: line, whether labelled (`aria-label`, `aria-hidden`, `<title>`).
    private var openSVGs: [(line: Int, labelled: Bool)] = []
    private var styleText: [UInt8] = []
    private var styleLine = 0

    // The element whose start tag is being read.
    private var element: ElementKind = .other
    private var elementLine = 0
    private var ariaLabelled = false

    init(file: String) { self.file = file }

    /// Starts an element; its attributes follow through ``attribute(_:value:)``, then
    /// ``finishStartTag()``.
    func startElement(_ name: UnsafePointer<UInt8>, line: Int) {
        element = ElementKind(name)
        elementLine = line
        ariaLabelled = false
    }

    /// One attribute of the element being started; `value` is nil for `<p hidden>`.
    func attribute(_ name: UnsafePointer<UInt8>, value: UnsafePointer<UInt8>?) {
        let kind = AttributeKind(name)
        guard kind != .other else { return }
        let bytes = value.map(CName.buffer) ?? UnsafeBufferPointer(start: nil, count: 0)
        switch kind {
        case .id:
            let id = String(decoding: bytes, as: UTF8.self)
            if facts.anchors?.insert(id).inserted == false { report("duplicate id: \(id)", line: elementLine) }
        case .name where element == .a:
            facts.anchors?.insert(String(decoding: bytes, as: UTF8.self))
        case .href:
            if let role = element.hrefRole { addLink(bytes, line: elementLine, role: role) }
        case .src:
            addLink(bytes, line: elementLine, role: .resource)
        case .data where element == .object:
            addLink(bytes, line: elementLine, role: .resource)
        case .ariaLabel:
            ariaLabelled = ariaLabelled || !URLBytes.trimmed(bytes).isEmpty
        case .ariaHidden:
            ariaLabelled = ariaLabelled || String(decoding: URLBytes.trimmed(bytes), as: UTF8.self) == "true"
        case .css:
            if CName.contains(bytes, caseInsensitive: "url(") || CName.contains(bytes, caseInsensitive: "@import") {
                addCSS(bytes, line: elementLine)
            }
        default:
            break
        }
    }

    /// Ends the start tag begun by ``startElement(_:line:)``.
    func finishStartTag() {
        switch element {
        case .svg:
            openSVGs.append((elementLine, ariaLabelled))
        case .title where openElements.last == .svg:
            openSVGs[openSVGs.count - 1].labelled = true
        case .style:
            styleText.removeAll(keepingCapacity: true)
            styleLine = elementLine
        default:
            break
        }
        openElements.append(element)
    }

    /// Text or CDATA inside the current element; only `<style>` content is kept.
    func text(_ bytes: UnsafeBufferPointer<UInt8>) {
        if openElements.last == .style { styleText.append(contentsOf: bytes) }
    }

    /// Ends the innermost open element.
    func endElement() {
        guard let closed = openElements.popLast() else { return }
        switch closed {
        case .svg:
            if let svg = openSVGs.popLast(), !svg.labelled {
                report("svg without title or aria-label", line: svg.line)
            }
        case .style:
            styleText.withUnsafeBufferPointer { addCSS($0, line: styleLine) }
        default:
            break
        }
    }

    /// Adds the URLs of CSS that starts on `line` (a `style` attribute or element, a .css file).
    func addCSS(_ css: UnsafeBufferPointer<UInt8>, line: Int, inStylesheetFile: Bool = false) {
        for reference in CSSScanner.references(in: css) {
            let referenceLine = line == 0 ? 0 : line + reference.lineOffset
            var url = reference.url
            url.withUTF8 { bytes in
                if inStylesheetFile, case .local(let path, _) = ParsedURL(utf8: bytes), path.isEmpty {
                    return  // `url(#x)` in a .css file refers to the page using it
                }
                addLink(bytes, line: referenceLine, role: .resource)
            }
        }
    }

    /// Reports an external resource now, keeps a local link for later, ignores other schemes.
    func addLink(_ raw: UnsafeBufferPointer<UInt8>, line: Int, role: LinkReference.Role) {
        switch ParsedURL(utf8: raw) {
        case .external:
            if role == .resource {
                report("external resource: \(String(decoding: URLBytes.trimmed(raw), as: UTF8.self))", line: line)
            }
        case .otherScheme:
            break
        case .local(let path, let fragment):
            let url = String(decoding: URLBytes.trimmed(raw), as: UTF8.self)
            facts.links.append(LinkReference(url: url, line: line, path: path, fragment: fragment))
        }
    }

    /// Records a problem in this file.
    func report(_ message: String, line: Int) {
        facts.problems.append(SiteProblem(file: file, line: line, message: message))
    }

    /// Marks the file as not parsed into a document: its anchors are unknown.
    func markUnparsed() { facts.anchors = nil }
}
