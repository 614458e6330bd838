internal import CLibXML2

/// Walks one parsed document once and collects its anchors, links and local problems
/// (external resources, duplicate ids, `<svg>` without a title or `aria-label`).
struct DocumentScanner {
    /// The file being scanned, relative to the site root, for problem reports.
    let file: String
    private(set) var facts = FileFacts(anchors: [])
    /// Attributes whose value may hold CSS `url(...)` (SVG presentation attributes and `style`).
    private static let cssAttributes: Set<String> = [
        "style", "fill", "stroke", "clip-path", "mask", "filter", "marker-start", "marker-mid",
        "marker-end", "cursor",
    ]
    private static let xlinkNamespace = "http://www.w3.org/1999/xlink"

    init(file: String) { self.file = file }

    /// Scans every element under `root` (inclusive) in document order.
    mutating func scan(_ root: xmlNodePtr) {
        var node: xmlNodePtr? = root
        while let current = node {
            var descend = false
            if current.pointee.type == XML_ELEMENT_NODE {
                descend = visit(current)
            }
            if descend, let child = current.pointee.children {
                node = child
                continue
            }
            // Next sibling, or the next sibling of the nearest ancestor that has one.
            var climbing: xmlNodePtr? = current
            node = nil
            while let step = climbing, step != root {
                if let next = step.pointee.next {
                    node = next
                    break
                }
                climbing = step.pointee.parent
            }
        }
    }

    /// Records what one element holds; returns whether its children should be walked.
    private mutating func visit(_ element: xmlNodePtr) -> Bool {
        let name = String(cString: element.pointee.name)
        let line = Int(xmlGetLineNo(element))
        var ariaLabelled = false
        var ariaHidden = false
        var attribute = element.pointee.properties
        while let current = attribute {
            attribute = current.pointee.next
            guard let attributeName = Self.name(of: current) else { continue }
            switch attributeName {
            case "id":
                addID(Self.value(of: current), line: line)
            case "name" where name == "a":
                facts.anchors?.insert(Self.value(of: current))
            case "href":
                if let role = Self.hrefRole(element: name) {
                    addLink(Self.value(of: current), line: line, role: role)
                }
            case "src":
                addLink(Self.value(of: current), line: line, role: .resource)
            case "data" where name == "object":
                addLink(Self.value(of: current), line: line, role: .resource)
            case "aria-label":
                ariaLabelled = !Self.value(of: current).trimmingASCIIWhitespace().isEmpty
            case "aria-hidden":
                ariaHidden = Self.value(of: current).trimmingASCIIWhitespace() == "true"
            case let css where Self.cssAttributes.contains(css):
                let value = Self.value(of: current)
                if value.contains("url(") || value.contains("@import") {
                    addCSS(Array(value.utf8), line: line)
                }
            default:
                break
            }
        }
        switch name {
        case "svg":
            if !ariaLabelled, !ariaHidden, !Self.hasTitleChild(element) {
                report("svg without title or aria-label", line: line)
            }
        case "style":
            if let content = xmlNodeGetContent(element) {
                defer { reclens_xmlFree(content) }
                let length = Int(xmlStrlen(content))
                addCSS(Array(UnsafeBufferPointer(start: content, count: length)), line: line)
            }
            return false
        default:
            break
        }
        return true
    }

    /// Adds CSS found in a `style` element or attribute that starts on `line`.
    mutating func addCSS(_ css: [UInt8], line: Int, inStylesheetFile: Bool = false) {
        for reference in CSSScanner.references(in: css) {
            let referenceLine = line == 0 ? 0 : line + reference.lineOffset
            if inStylesheetFile, case .local(let path, _) = ParsedURL(reference.url), path.isEmpty {
                continue  // `url(#x)` in a .css file refers to the page using it
            }
            addLink(reference.url, line: referenceLine, role: .resource)
        }
    }

    /// Reports an external resource now, keeps a local link for later, ignores other schemes.
    mutating func addLink(_ raw: String, line: Int, role: LinkReference.Role) {
        let url = raw.trimmingASCIIWhitespace()
        switch ParsedURL(url) {
        case .external:
            if role == .resource { report("external resource: \(url)", line: line) }
        case .otherScheme:
            break
        case .local:
            facts.links.append(LinkReference(url: url, line: line, role: role))
        }
    }

    private mutating func addID(_ id: String, line: Int) {
        if facts.anchors?.insert(id).inserted == false {
            report("duplicate id: \(id)", line: line)
        }
    }

    mutating func report(_ message: String, line: Int) {
        facts.problems.append(SiteProblem(file: file, line: line, message: message))
    }

    /// The role of `href` on `element`, or nil when it is not a link there (e.g. `<base>`).
    private static func hrefRole(element: String) -> LinkReference.Role? {
        switch element {
        case "a", "area": .navigation
        case "link", "use", "image", "feImage", "feimage", "script": .resource
        default: nil
        }
    }

    /// The attribute's name; `xlink:href` (namespaced in XML, literal in HTML) becomes `href`.
    /// Other namespaced attributes (`xml:lang`...) give nil.
    private static func name(of attribute: xmlAttrPtr) -> String? {
        let name = String(cString: attribute.pointee.name)
        if let namespace = attribute.pointee.ns {
            guard let href = namespace.pointee.href, String(cString: href) == xlinkNamespace else {
                return nil
            }
            return name == "href" ? "href" : nil
        }
        return name == "xlink:href" ? "href" : name
    }

    /// The attribute's text, without copying through libxml2 in the common single-text case.
    private static func value(of attribute: xmlAttrPtr) -> String {
        guard let children = attribute.pointee.children else { return "" }
        if children.pointee.next == nil, children.pointee.type == XML_TEXT_NODE,
            let content = children.pointee.content
        {
            return String(cString: content)
        }
        guard let text = xmlNodeListGetString(attribute.pointee.doc, children, 1) else { return "" }
        defer { reclens_xmlFree(text) }
        return String(cString: text)
    }

    private static func hasTitleChild(_ element: xmlNodePtr) -> Bool {
        var child = element.pointee.children
        while let current = child {
            if current.pointee.type == XML_ELEMENT_NODE, String(cString: current.pointee.name) == "title" {
                return true
            }
            child = current.pointee.next
        }
        return false
    }
}
