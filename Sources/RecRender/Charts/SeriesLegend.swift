/// A horizontal legend of series names with their line style and marker, wrapping onto as many
/// rows as needed within `width`.
struct SeriesLegend {
    static let rowHeight = 18.0
    static let maxNameWidth = 200.0

    var names: [String]
    var left: Double
    var top: Double
    var width: Double

    /// Item positions (x, row) and displayed names.
    private var layout: [(x: Double, row: Int, shown: String)] {
        var result: [(Double, Int, String)] = []
        var x = 0.0, row = 0
        for name in names {
            // A long name takes a row of its own rather than being cut; only one longer than a row is.
            let shown = TextMetrics.truncated(name, toWidth: max(Self.maxNameWidth, width - 48), fontSize: ChartFrame.labelFontSize)
            let itemWidth = 30 + TextMetrics.width(shown, fontSize: ChartFrame.labelFontSize) + 18
            if x > 0 && x + itemWidth > width { x = 0; row += 1 }
            result.append((x, row, shown))
            x += itemWidth
        }
        return result
    }

    /// Height taken by the legend (0 when there is at most one unnamed series).
    var height: Double {
        if names.isEmpty || (names.count == 1 && names[0].isEmpty) { return 0 }
        return Double((layout.last?.row ?? 0) + 1) * Self.rowHeight
    }

    func element() -> SVGElement {
        var group = SVGElement.group(class: "rl-legend")
        guard height > 0 else { return group }
        for (index, item) in layout.enumerated() {
            let x = left + item.x, y = top + Double(item.row) * Self.rowHeight + Self.rowHeight / 2
            var entry = SVGElement("g", ["class": SVGValue(Palette.seriesClass(index))])
            var swatch = SVGElement.line(x1: x, y1: y, x2: x + 24, y2: y, class: "rl-line rl-series-line")
            if let dash = Palette.dashPattern(index) { swatch.setAttribute("stroke-dasharray", SVGValue(dash)) }
            entry.append(swatch)
            entry.append(SVGElement("path", ["d": SVGValue(Palette.markerPath(index, x: x + 12, y: y, r: 3.5))]))
            var text = SVGElement("text", ["x": "\(x + 30)", "y": "\(y + 4)", "class": "rl-label", "stroke": "none"])
            if item.shown != names[index] { text.append(.title(names[index])) }
            text.appendText(item.shown)
            entry.append(text)
            group.append(entry)
        }
        return group
    }
}
