/// One SVG (or XML) element: a name, ordered attributes and children.
///
/// Element and attribute names are `StaticString`s, so they can only come from source code;
/// attribute values and text children are always escaped on output. The only way to emit markup
/// verbatim is the explicitly named ``SVGNode/unescapedMarkup(_:)``.
///
/// ```swift
/// var group = SVGElement("g", ["class": "rl-axis"])
/// group.append(SVGElement("line", ["x1": "\(x)", "y1": 0, "x2": "\(x)", "y2": 10]))
/// group.append(SVGElement.text("Rating <5>", ["x": 4, "y": 12]))
/// let markup = group.svgString
/// ```
public struct SVGElement: Sendable {
    /// The tag name, e.g. `"rect"`.
    public let name: StaticString
    /// Attributes in output order.
    public private(set) var attributes: [(name: StaticString, value: String)]
    /// Child nodes in output order.
    public private(set) var children: [SVGNode]

    /// An element named `name` with `attributes` (kept in the given order) and `children`.
    public init(_ name: StaticString, _ attributes: KeyValuePairs<StaticString, SVGValue> = [:],
                children: [SVGNode] = []) {
        self.name = name
        self.attributes = attributes.map { ($0.key, $0.value.text) }
        self.children = children
    }

    /// Adds (or appends after existing ones) the attribute `name="value"`.
    public mutating func setAttribute(_ name: StaticString, _ value: SVGValue) {
        attributes.append((name, value.text))
    }

    /// A copy with the attribute `name="value"` added.
    public func attribute(_ name: StaticString, _ value: SVGValue) -> SVGElement {
        var copy = self
        copy.setAttribute(name, value)
        return copy
    }

    /// Appends a child element.
    public mutating func append(_ child: SVGElement) { children.append(.element(child)) }

    /// Appends child elements.
    public mutating func append(contentsOf elements: [SVGElement]) {
        children.append(contentsOf: elements.map { .element($0) })
    }

    /// Appends a text child (escaped on output).
    public mutating func appendText(_ text: String) { children.append(.text(text)) }

    /// Appends any node.
    public mutating func append(node: SVGNode) { children.append(node) }

    /// The element serialized as compact XML (no whitespace between elements).
    public var svgString: String {
        var out = MarkupBuffer(capacity: 256)
        write(to: &out)
        return out.string
    }

    /// Appends the serialized element to `out`'s bytes; O(total size of the subtree).
    func write(to out: inout MarkupBuffer) { write(to: &out, thenAppend: nil) }

    /// The same, with `more` writing further children (markup the caller guarantees
    /// well-formed) after the element's own, before its end tag.
    func write(to out: inout MarkupBuffer, thenAppend more: ((inout MarkupBuffer) -> Void)?) {
        out.append("<" as StaticString)
        out.append(name)
        for attribute in attributes {
            out.append(" " as StaticString)
            out.append(attribute.name)
            out.append("=\"" as StaticString)
            out.appendXMLEscaped(attribute.value)
            out.append("\"" as StaticString)
        }
        if children.isEmpty && more == nil {
            out.append("/>" as StaticString)
            return
        }
        out.append(">" as StaticString)
        for child in children {
            switch child {
            case .element(let element): element.write(to: &out)
            case .text(let text): out.appendXMLEscaped(text)
            case .unescapedMarkup(let markup): out.append(markup)
            }
        }
        more?(&out)
        out.append("</" as StaticString)
        out.append(name)
        out.append(">" as StaticString)
    }
}

/// A child of an ``SVGElement``.
public enum SVGNode: Sendable {
    /// A nested element.
    case element(SVGElement)
    /// Text, escaped on output.
    case text(String)
    /// Markup emitted verbatim. The caller guarantees it is well-formed and contains no data from
    /// outside the program (e.g. a fixed stylesheet). Never pass titles, labels or other data.
    case unescapedMarkup(String)
}
