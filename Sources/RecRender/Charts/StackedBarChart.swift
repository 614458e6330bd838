/// Horizontal bars split into coloured segments, one bar per row: e.g. how much of each
/// recommended item's prediction each part of a model accounts for. Segment i uses series
/// colour `rl-series-i`; a segment wide enough shows its value as a percentage; a legend names
/// the segments; rows may link somewhere (item pages).
public struct StackedBarChart: Sendable {
    public var title: String
    /// Names of the segments, in stacking order (left to right).
    public var segments: [String]
    /// One label per bar, top to bottom.
    public var labels: [String]
    /// Per bar, one non-negative value per segment (shares in [0, 1] when `percent`).
    public var values: [[Double]]
    /// Optional link of each row label (nil = plain text).
    public var rowHrefs: [String?]
    /// Title of the value axis (below the plot).
    public var valueAxisTitle: String
    /// Values are shares: the axis runs 0–100 % and segments print percentages.
    public var percent: Bool
    /// Accessible description; nil = generated.
    public var description: String?

    public init(title: String, segments: [String], labels: [String], values: [[Double]], rowHrefs: [String?] = [], valueAxisTitle: String = "",
                percent: Bool = true, description: String? = nil) {
        self.title = title
        self.segments = segments
        self.labels = labels
        self.values = values
        self.rowHrefs = rowHrefs
        self.valueAxisTitle = valueAxisTitle
        self.percent = percent
        self.description = description
    }

    /// The data as CSV: `label,<segment>…`.
    public func csv() -> String {
        CSVTable(header: ["label"] + segments, rows: zip(labels, values).map { [$0] + $1.map(CSVTable.number) }).csvString
    }

    public func drawing(id: String) -> (ChartFrame, [SVGElement]) {
        let rows = Array(zip(labels, values))
        guard !rows.isEmpty, !segments.isEmpty else { return ChartFrame.empty(title: title) }
        let font = ChartFrame.labelFontSize, barHeight = 18.0, gap = 6.0
        let labelWidth = min(230, rows.map { TextMetrics.width($0.0, fontSize: font) }.max() ?? 0)
        let left = 12 + labelWidth + 10
        let width = ChartFrame.naturalWidth - left - 16
        var legend = SVGElement.group(class: "rl-legend")
        var x = 0.0, legendRow = 0
        for (i, name) in segments.enumerated() {
            let itemWidth = 18 + TextMetrics.width(name, fontSize: font) + 16
            if x > 0 && x + itemWidth > ChartFrame.naturalWidth - 24 { x = 0; legendRow += 1 }
            let y = ChartFrame.titleBand + 4 + Double(legendRow) * 18
            var entry = SVGElement("g", ["class": SVGValue(Palette.seriesClass(i))])
            entry.append(SVGElement("rect", ["x": "\(12 + x)", "y": "\(y)", "width": "12", "height": "12"]))
            var text = SVGElement("text", ["x": "\(12 + x + 17)", "y": "\(y + 10)", "class": "rl-label", "stroke": "none"])
            text.appendText(name)
            entry.append(text)
            legend.append(entry)
            x += itemWidth
        }
        let top = ChartFrame.titleBand + 4 + Double(legendRow + 1) * 18 + 8
        let area = PlotArea(left: left, top: top, width: width, height: Double(rows.count) * (barHeight + gap) + gap)
        let maximum = percent ? 1 : max(1e-12, rows.map { $0.1.reduce(0) { $0 + max(0, $1) } }.max() ?? 1)
        let scale = Scale.linear(dataMin: 0, dataMax: maximum, range: (area.left, area.right), tickCount: 5, includeZero: true)
        var axis = Axis(edge: .bottom, scale: scale, title: valueAxisTitle)
        axis.ticks = axis.ticks.filter { scale.domain.contains($0.value) }
        if percent { axis.ticks = axis.ticks.map { var t = $0; t.label = "\(Int(($0.value * 100).rounded())) %"; return t } }
        var body = [legend, axis.element(area: area, titleOffset: 38)]
        var bars = SVGElement.group(class: "rl-bars")
        var labelGroup = SVGElement("g", ["class": "rl-row-labels", "text-anchor": "end"])
        for (r, (label, parts)) in rows.enumerated() {
            let y = area.top + gap + Double(r) * (barHeight + gap)
            let shown = TextMetrics.truncated(label, toWidth: labelWidth, fontSize: font)
            var text = SVGElement("text", ["x": "\(left - 8)", "y": "\(y + barHeight / 2 + font * 0.35)", "class": "rl-label"])
            if shown != label { text.append(.title(label)) }
            text.appendText(shown)
            labelGroup.append(SVGElement.link(r < rowHrefs.count ? rowHrefs[r] : nil, around: text))
            var start = 0.0
            for (i, value) in parts.enumerated() where value.isFinite && value > 0 {
                let x0 = scale(start), x1 = scale(start + value)
                var rect = SVGElement("rect", ["x": "\(x0)", "y": "\(y)", "width": "\(max(0, x1 - x0))", "height": "\(barHeight)",
                                               "class": SVGValue(Palette.seriesClass(i))])
                let shownValue = percent ? "\(formatFixed(value * 100, digits: 1)) %" : formatCompact(value, significantDigits: 4)
                rect.append(.title("\(label): \(segments[i]) \(shownValue)"))
                bars.append(rect)
                if x1 - x0 >= 34 {
                    bars.append(.text(percent ? "\(Int((value * 100).rounded())) %" : formatCompact(value), [
                        "x": "\((x0 + x1) / 2)", "y": "\(y + barHeight / 2 + ChartFrame.tickFontSize * 0.35)", "text-anchor": "middle",
                        "font-size": "\(ChartFrame.tickFontSize)", "class": "rl-bar-value rl-halo",
                    ]))
                }
                start += value
            }
        }
        body.append(bars)
        body.append(labelGroup)
        let description = description
            ?? "Stacked bar chart of \(rows.count) bars split into \(segments.joined(separator: ", "))\(valueAxisTitle.isEmpty ? "" : " (\(valueAxisTitle))")."
        return (ChartFrame(height: (area.bottom + 52).rounded(.up), title: title, description: description), body)
    }
}

extension StackedBarChart: RenderableChart {}
