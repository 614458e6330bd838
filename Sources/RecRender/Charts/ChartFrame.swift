/// The root `<svg>` shared by all charts: size, accessible title and description, the visible
/// title, and the wrapping as inline markup or as a standalone document.
public struct ChartFrame: Sendable {
    /// Natural width of every chart in viewBox units (px): 720 on the web, the paper layout's
    /// width for paper figures (`FigureLayout.current`).
    static var naturalWidth: Double { FigureLayout.current.width }
    /// Font sizes in viewBox units (raised to a paper layout's minimum).
    static var titleFontSize: Double { FigureLayout.current.font(15) }
    static var labelFontSize: Double { FigureLayout.current.font(12) }
    static var tickFontSize: Double { FigureLayout.current.font(11) }
    /// Font stacks of standalone figures: the system's UI font for the web; for paper layouts
    /// fonts every TeX and Linux installation resolves (rsvg-convert reads them through
    /// fontconfig), whose widths TextMetrics approximates.
    static let webFonts: SVGValue = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif"
    static let paperFonts: SVGValue = "'DejaVu Sans', 'Liberation Sans', Arial, Helvetica, sans-serif"
    /// Height of the title band at the top (a thin margin when the title is left out).
    static var titleBand: Double { FigureLayout.current.showsTitle ? 30 : 8 }

    var width: Double = naturalWidth
    var height: Double
    var title: String
    var description: String

    /// The visible title text at the top-left, truncated to the chart width (nil when the layout leaves titles out).
    func titleElement(id: String) -> SVGElement? {
        guard FigureLayout.current.showsTitle else { return nil }
        return SVGElement.text(fitting: title, toWidth: width - 16, fontSize: Self.titleFontSize, ["x": 8, "y": 20, "class": "rl-title", "font-size": "\(Self.titleFontSize)"])
    }

    /// The chart as inline `<svg>` for an HTML page (theme from the page stylesheet) and as a
    /// standalone SVG document (XML declaration, white background, light stylesheet embedded).
    /// The body is serialised once and shared by both.
    func render(id: String, body: [SVGElement]) -> (inline: String, figure: String) {
        var markup = MarkupBuffer(capacity: 4096)
        for element in body { element.write(to: &markup) }
        var inline = MarkupBuffer(capacity: markup.count + 1024), figure = MarkupBuffer(capacity: markup.count + 4096)
        root(id: id, standalone: false).write(to: &inline) { $0.append(markup) }
        figure.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" as StaticString)
        root(id: id, standalone: true).write(to: &figure) { $0.append(markup) }
        figure.append("\n" as StaticString)
        return (inline.string, figure.string)
    }

    /// Only the inline `<svg>` (no standalone document).
    func renderInline(id: String, body: [SVGElement]) -> String {
        var inline = MarkupBuffer(capacity: 8192)
        root(id: id, standalone: false).write(to: &inline) { out in
            for element in body { element.write(to: &out) }
        }
        return inline.string
    }

    /// A frame with only a "No data" message.
    static func empty(title: String) -> (ChartFrame, [SVGElement]) {
        let frame = ChartFrame(height: 110, title: title, description: "No data to show.")
        let message = SVGElement.text("No data", ["x": "\(naturalWidth / 2)", "y": 70, "text-anchor": "middle",
                                                  "class": "rl-nodata rl-axis-title", "font-size": "\(labelFontSize)"])
        return (frame, [message])
    }

    /// The `<svg>` element without the chart's body (its caller writes the body after the
    /// children here: bytes go into one buffer, turned into a `String`, which validates them,
    /// once).
    private func root(id: String, standalone: Bool) -> SVGElement {
        var svg = SVGElement("svg", [
            "xmlns": "http://www.w3.org/2000/svg",
            "id": SVGValue(id),
            "class": "rl-chart",
            "viewBox": "0 0 \(width) \(height)",
            "width": standalone ? physical(width) : "\(width)",
            "height": standalone ? physical(height) : "\(height)",
            "role": "img",
            "aria-labelledby": "\(id)-title \(id)-desc",
        ])
        // Inline charts take the font from the page stylesheet (`svg.rl-chart`); standalone
        // figures carry it.
        if standalone {
            svg.setAttribute("font-family", FigureLayout.current.inches == nil ? Self.webFonts : Self.paperFonts)
        }
        svg.setAttribute("font-size", "\(Self.labelFontSize)")
        svg.append(.title(title, id: "\(id)-title"))
        var desc = SVGElement("desc", ["id": "\(id)-desc"])
        desc.appendText(description)
        svg.append(desc)
        if standalone {
            var style = SVGElement("style")
            style.appendText(ChartStyle.lightCSS)
            svg.append(style)
            svg.append(SVGElement("rect", ["width": "100%", "height": "100%", "fill": "#ffffff"]))
        }
        if let title = titleElement(id: id) { svg.append(title) }
        return svg
    }

    /// A length in viewBox units as written on a standalone figure: inches for paper layouts
    /// (the width is the layout's column), unitless pixels otherwise.
    private func physical(_ length: Double) -> SVGValue {
        guard let inches = FigureLayout.current.inches else { return "\(length)" }
        return SVGValue(formatFixed(length * inches / width, digits: 3) + "in")
    }
}
