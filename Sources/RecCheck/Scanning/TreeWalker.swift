internal import CLibXML2

/// Feeds a parsed libxml2 tree to a ``PageScanner`` as element events, in document order.
/// Used for standalone SVG files, which are parsed as XML into a tree.
enum TreeWalker {
    private static let xlinkNamespace = "http://www.w3.org/1999/xlink"

    /// Walks `root` and everything under it without recursion.
    static func walk(_ root: xmlNodePtr, into scanner: PageScanner) {
        var current = root
        descend: while true {
            enter(current, scanner)
            if current.pointee.type == XML_ELEMENT_NODE {
                if let child = current.pointee.children {
                    current = child
                    continue
                }
                scanner.endElement()
            }
            while true {
                if current == root { return }
                if let next = current.pointee.next {
                    current = next
                    continue descend
                }
                guard let parent = current.pointee.parent else { return }
                current = parent
                scanner.endElement()
            }
        }
    }

    private static func enter(_ node: xmlNodePtr, _ scanner: PageScanner) {
        switch node.pointee.type {
        case XML_ELEMENT_NODE:
            scanner.startElement(node.pointee.name, line: Int(xmlGetLineNo(node)))
            var attribute = node.pointee.properties
            while let current = attribute {
                attribute = current.pointee.next
                addAttribute(current, scanner)
            }
            scanner.finishStartTag()
        case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
            if let content = node.pointee.content { scanner.text(CName.buffer(content)) }
        default:
            break
        }
    }

    /// Passes one attribute on; `xlink:href` is passed under that name, other namespaced
    /// attributes (`xml:space`...) are skipped.
    private static func addAttribute(_ attribute: xmlAttrPtr, _ scanner: PageScanner) {
        var name = attribute.pointee.name!
        if let namespace = attribute.pointee.ns {
            guard let href = namespace.pointee.href, String(cString: href) == xlinkNamespace,
                CName.equals(name, "href")
            else { return }
            name = xlinkHref
        }
        guard let children = attribute.pointee.children else {
            scanner.attribute(name, value: nil)
            return
        }
        if children.pointee.next == nil, children.pointee.type == XML_TEXT_NODE,
            let content = children.pointee.content
        {
            scanner.attribute(name, value: content)
        } else if let text = xmlNodeListGetString(attribute.pointee.doc, children, 1) {
            scanner.attribute(name, value: text)
            reclens_xmlFree(text)
        }
    }

    /// A static C string "xlink:href".
    private static var xlinkHref: UnsafePointer<UInt8> {
        let literal: StaticString = "xlink:href"
        return literal.utf8Start
    }
}
