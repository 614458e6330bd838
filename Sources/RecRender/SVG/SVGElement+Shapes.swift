extension SVGElement {
    /// A `<text>` element holding `content` (escaped).
    public static func text(_ content: String, _ attributes: KeyValuePairs<StaticString, SVGValue> = [:])
        -> SVGElement
    {
        var element = SVGElement("text", attributes)
        element.appendText(content)
        return element
    }

    /// A `<tspan x>` holding `content` (escaped): one word of a multi-word `<text>`.
    public static func tspan(_ content: String, x: Double) -> SVGElement {
        var element = SVGElement("tspan", ["x": "\(x)"])
        element.appendText(content)
        return element
    }

    /// A `<title>` element (tooltip / accessible name) holding `content` (escaped).
    /// A `<text>` of `content` cut with an ellipsis to `maxWidth` at `fontSize` (`TextMetrics`);
    /// when cut, the full text is its `<title>` (tooltip and accessible name), so no label is lost.
    public static func text(fitting content: String, toWidth maxWidth: Double, fontSize: Double,
                            _ attributes: KeyValuePairs<StaticString, SVGValue> = [:]) -> SVGElement {
        let shown = TextMetrics.truncated(content, toWidth: maxWidth, fontSize: fontSize)
        var element = SVGElement("text", attributes)
        if shown != content { element.append(.title(content)) }
        element.appendText(shown)
        return element
    }

    public static func title(_ content: String, id: String? = nil) -> SVGElement {
        var element = SVGElement("title")
        if let id { element.setAttribute("id", SVGValue(id)) }
        element.appendText(content)
        return element
    }

    /// A `<g>` group with the given `class` attribute (omitted when empty) and children.
    public static func group(class className: String = "", _ children: [SVGElement] = []) -> SVGElement {
        var element = SVGElement("g")
        if !className.isEmpty { element.setAttribute("class", SVGValue(className)) }
        element.append(contentsOf: children)
        return element
    }

    /// A `<line>` from (x1, y1) to (x2, y2) with a `class`.
    public static func line(x1: Double, y1: Double, x2: Double, y2: Double, class className: String)
        -> SVGElement
    {
        SVGElement("line", ["x1": "\(x1)", "y1": "\(y1)", "x2": "\(x2)", "y2": "\(y2)",
                            "class": SVGValue(className)])
    }

    /// An `<a href>` link around `child`, or `child` itself when `href` is nil or uses a scheme
    /// that could run code (`javascript:`, `vbscript:`, `data:`).
    public static func link(_ href: String?, around child: SVGElement) -> SVGElement {
        guard let href, isSafeHref(href) else { return child }
        return SVGElement("a", ["href": SVGValue(href)], children: [.element(child)])
    }

    /// Whether `href` is safe to put in a link (not a `javascript:`, `vbscript:` or `data:` URL).
    public static func isSafeHref(_ href: String) -> Bool {
        let compact = String(href.unicodeScalars.filter { $0.value > 0x20 }).lowercased()
        return !(compact.hasPrefix("javascript:") || compact.hasPrefix("vbscript:") || compact.hasPrefix("data:"))
    }
}
