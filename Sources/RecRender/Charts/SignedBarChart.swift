/// Horizontal bars growing left or right from a zero line, e.g. per-feature attributions.
/// Positive bars use the purple end and negative bars the orange end of the diverging scale
/// (CSS classes `rl-bar-positive`, `rl-bar-negative`); each bar's value is printed at its end.
public struct SignedBarChart: Sendable {
    /// Chart title.
    public var title: String
    /// One label per bar, top to bottom.
    public var labels: [String]
    /// One value per bar; NaN bars are left out of the drawing (kept in the CSV).
    public var values: [Double]
    /// Title of the value axis (below the plot); empty = none.
    public var valueAxisTitle: String
    /// Accessible description; nil = generated.
    public var description: String?
    /// Optional error bars, one (low, high) per bar (e.g. 95 % bootstrap intervals), drawn as
    /// whiskers with caps; the value text then sits beyond the whisker.
    public var intervals: [(low: Double, high: Double)]?

    /// A bar chart; `labels` and `values` are paired by index (the shorter one decides the count).
    public init(title: String, labels: [String], values: [Double], valueAxisTitle: String = "",
                description: String? = nil, intervals: [(low: Double, high: Double)]? = nil) {
        self.title = title
        self.labels = labels
        self.values = values
        self.valueAxisTitle = valueAxisTitle
        self.description = description
        self.intervals = intervals
    }

    /// The data as CSV: `label,value` (and `low,high` with intervals).
    public func csv() -> String {
        guard let intervals else {
            return CSVTable(header: ["label", "value"], rows: zip(labels, values).map { [$0, CSVTable.number($1)] }).csvString
        }
        return CSVTable(header: ["label", "value", "low", "high"], rows: zip(zip(labels, values), intervals).map {
            [$0.0, CSVTable.number($0.1), CSVTable.number($1.low), CSVTable.number($1.high)]
        }).csvString
    }

    public func drawing(id: String) -> (ChartFrame, [SVGElement]) {
        let bars = Array(zip(labels, values))
        let finite = bars.map(\.1).filter(\.isFinite)
        guard !finite.isEmpty else { return ChartFrame.empty(title: title) }
        let whiskers = intervals.map { Array($0.prefix(bars.count)) } ?? []
        let extent = finite + whiskers.flatMap { [$0.low, $0.high] }.filter(\.isFinite)
        let font = ChartFrame.labelFontSize, barHeight = 18.0, gap = 6.0
        let labelWidth = min(220, bars.map { TextMetrics.width($0.0, fontSize: font) }.max() ?? 0)
        let left = 12 + labelWidth + 10
        let top = ChartFrame.titleBand + 12
        let area = PlotArea(left: left, top: top, width: ChartFrame.naturalWidth - left - 16,
                            height: Double(bars.count) * (barHeight + gap) + gap)
        let pad = 46.0  // room for the value text at bar ends
        let hasNegative = extent.contains { $0 < 0 }, hasPositive = extent.contains { $0 > 0 }
        let scale = Scale.linear(dataMin: extent.min()!, dataMax: extent.max()!,
                                 range: (area.left + (hasNegative ? pad : 0), area.right - (hasPositive || !hasNegative ? pad : 0)),
                                 tickCount: 6, includeZero: true)
        var axis = Axis(edge: .bottom, scale: scale, title: valueAxisTitle)
        axis.ticks = axis.ticks.filter { scale.domain.contains($0.value) }

        var body = [axis.element(area: area, titleOffset: 38)]
        var barGroup = SVGElement.group(class: "rl-bars")
        var labelGroup = SVGElement("g", ["class": "rl-row-labels", "text-anchor": "end"])
        let zero = scale(0)
        for (index, (label, value)) in bars.enumerated() {
            let y = area.top + gap + Double(index) * (barHeight + gap)
            let shown = TextMetrics.truncated(label, toWidth: labelWidth, fontSize: font)
            var text = SVGElement("text", ["x": "\(left - 8)", "y": "\(y + barHeight / 2 + font * 0.35)", "class": "rl-label"])
            if shown != label { text.append(.title(label)) }
            text.appendText(shown)
            labelGroup.append(text)
            guard value.isFinite else { continue }
            let end = scale(value)
            var rect = SVGElement("rect", ["x": "\(min(zero, end))", "y": "\(y)", "width": "\(abs(end - zero))",
                                           "height": "\(barHeight)",
                                           "class": value < 0 ? "rl-bar-negative" : "rl-bar-positive"])
            rect.append(.title("\(label): \(formatCompact(value, significantDigits: 4))"))
            barGroup.append(rect)
            var textEnd = end
            if index < whiskers.count, whiskers[index].low.isFinite, whiskers[index].high.isFinite {
                let (low, high) = (scale(whiskers[index].low), scale(whiskers[index].high)), middle = y + barHeight / 2
                barGroup.append(SVGElement("path", ["class": "rl-whisker", "d": SVGValue("M\(low),\(middle)H\(high)M\(low),\(middle - 5)V\(middle + 5)M\(high),\(middle - 5)V\(middle + 5)")]))
                textEnd = value < 0 ? min(end, low) : max(end, high)
            }
            barGroup.append(.text(formatCompact(value), [
                "x": "\(value < 0 ? textEnd - 4 : textEnd + 4)", "y": "\(y + barHeight / 2 + font * 0.35)",
                "text-anchor": value < 0 ? "end" : "start", "font-size": "\(ChartFrame.tickFontSize)",
                "class": "rl-bar-value",
            ]))
        }
        body.append(barGroup)
        body.append(.line(x1: zero, y1: area.top, x2: zero, y2: area.bottom, class: "rl-axis rl-zero"))
        body.append(labelGroup)
        let description = description
            ?? "Bar chart of \(bars.count) values\(valueAxisTitle.isEmpty ? "" : " (\(valueAxisTitle))"), from \(formatCompact(finite.min()!)) to \(formatCompact(finite.max()!)); positive bars extend right, negative bars left\(whiskers.isEmpty ? "" : "; whiskers mark each value's interval")."
        return (ChartFrame(height: (area.bottom + 52).rounded(.up), title: title, description: description), body)
    }
}
