import Foundation

extension Heatmap {
    /// Layout constants, in viewBox units.
    private enum Layout {
        static let maxCellWidth = 64.0
        static let cellHeight = 22.0
        /// A third of the chart at most (a paper column is half the web's width).
        static var maxRowLabelWidth: Double { min(240, ChartFrame.naturalWidth / 3) }
        static let maxColumnLabelWidth = 150.0
        static var legendWidth: Double { ChartFrame.naturalWidth < 500 ? 70 : 110 }
        static let rotation = 40.0
        static var smallValueFont: Double { FigureLayout.current.font(9) }
    }

    public func drawing(id: String) -> (ChartFrame, [SVGElement]) {
        let rows = rowLabels.count, columns = columnLabels.count
        guard rows > 0, columns > 0 else { return ChartFrame.empty(title: title) }
        let font = ChartFrame.labelFontSize
        let scale = colorScale

        // TextMetrics is an estimate and browsers' default sans (DejaVu Sans) runs up to ~10 % wider:
        // the label column gets that slack, and long labels are cut that much shorter than it.
        let rowLabelWidth = min(Layout.maxRowLabelWidth,
                                1.12 * (rowLabels.map { TextMetrics.width($0, fontSize: font) }.max() ?? 0))
        // Whole-pixel geometry: cells print as short integer paths.
        let left = (8 + (rowAxisTitle.isEmpty ? 0 : 22) + rowLabelWidth + 8).rounded(.up)
        let available = ChartFrame.naturalWidth - left - Layout.legendWidth - 8
        let cellWidth = min(Layout.maxCellWidth, max(8, (available / Double(columns)).rounded(.down)))
        let cellHeight = Layout.cellHeight
        let top = ChartFrame.titleBand + 16
        let gridBottom = top + cellHeight * Double(rows)

        // Column labels: horizontal when they fit the cell, else rotated.
        let drawnColumnLabels = columnTicks.map { ticks in columnLabels.indices.map { $0 < ticks.count ? ticks[$0] : "" } } ?? columnLabels
        let columnWidths = drawnColumnLabels.map { TextMetrics.width($0, fontSize: font) }
        let rotated = (columnWidths.max() ?? 0) > cellWidth - 6
        let cosine = cos(Layout.rotation * .pi / 180), sine = sin(Layout.rotation * .pi / 180)
        let columnLabelWidth = rotated
            ? min(Layout.maxColumnLabelWidth, (left + cellWidth / 2 - 4) / cosine)
            : cellWidth - 6
        let shownColumnWidth = min(columnLabelWidth, columnWidths.max() ?? 0)
        let labelBand = rotated ? shownColumnWidth * sine + font * cosine + 10 : font + 10
        let columnTitleY = gridBottom + labelBand + 16

        var body: [SVGElement] = []
        // Cells are grouped by their colour step into one path each, and values into one <text>
        // per row and text colour: a few bytes per cell instead of a rect, a tooltip and a styled
        // text each. The exact values are in the figure's CSV.
        var paths: [Int: String] = [:]
        var empty = ""
        // Values: per row and contrast class one <text> whose words are <tspan x>s, all with the
        // same number of decimals (two significant digits of the largest |value|).
        let valueDigits = scale.maxMagnitude > 0 ? max(0, min(6, 1 - Int(log10(scale.maxMagnitude).rounded(.down)))) : 0
        var valueTexts: [SVGElement] = []
        let valueFont = ChartFrame.tickFontSize
        // A paper column whose cells are too narrow for some value at the smaller size drops the
        // leading zero of every label ("−.10", ".15"): a minus sign then costs no more than the
        // positives' "0", so negative cells stay labelled wherever positive ones are.
        let paper = FigureLayout.current.minimumFontSize > 0
        let dropsLeadingZero = paper && values.joined().contains {
            $0.isFinite && TextMetrics.width(formatFixed($0, digits: valueDigits), fontSize: Layout.smallValueFont) > cellWidth - 2
        }
        for r in 0..<rows {
            // (text class, smaller type) → the row's <tspan>s of that kind.
            var groups: [(className: String, small: Bool, spans: [SVGElement])] = []
            let y = top + Double(r) * cellHeight
            for c in 0..<columns {
                let v = value(row: r, column: c)
                let x = left + Double(c) * cellWidth
                let cell = "M\(formatCoordinate(x + 1)) \(formatCoordinate(y + 1))h\(formatCoordinate(cellWidth - 1))v\(formatCoordinate(cellHeight - 1))h\(formatCoordinate(1 - cellWidth))z"
                guard let step = scale.step(v) else {
                    empty += cell
                    continue
                }
                paths[step, default: ""] += cell
                guard showsValues, cellHeight >= 16 else { continue }
                var text = formatFixed(v, digits: valueDigits)
                if dropsLeadingZero, text.hasPrefix("0.") || text.hasPrefix("-0.") {
                    text = text.hasPrefix("-") ? "-" + text.dropFirst(2) : String(text.dropFirst())
                }
                // Zero cells take their colour from the theme (light grey / dark grey), so their
                // labels do too ("rl-on-zero"); the others get the text colour that contrasts more.
                let className = step == 0 ? "rl-on-zero" : scale.stepNeedsLightText(step) ? "rl-on-dark" : "rl-on-light"
                // Too wide at the tick size (long negative values): a smaller size, never dropped
                // on the web; a paper column's cells can be narrower than any printable label,
                // and then the cell keeps only its colour (the CSV has the value).
                let small = TextMetrics.width(text, fontSize: valueFont) > cellWidth - 4
                if small && TextMetrics.width(text, fontSize: Layout.smallValueFont) > cellWidth - 2 && FigureLayout.current.minimumFontSize > 0 { continue }
                let span = SVGElement.tspan(text, x: (x + 0.5 + cellWidth / 2).rounded())
                if let g = groups.firstIndex(where: { $0.className == className && $0.small == small }) {
                    groups[g].spans.append(span)
                } else {
                    groups.append((className, small, [span]))
                }
            }
            for group in groups.sorted(by: { ($0.className, $0.small ? 1 : 0) < ($1.className, $1.small ? 1 : 0) }) {
                var text = SVGElement("text", ["y": "\((y + 0.5 + cellHeight / 2 + valueFont * 0.35).rounded())", "class": SVGValue(group.className)])
                if group.small { text.setAttribute("font-size", "\(Layout.smallValueFont)") }
                text.append(contentsOf: group.spans)
                valueTexts.append(text)
            }
        }
        var cells = SVGElement.group(class: "rl-cells")
        for step in paths.keys.sorted() {
            cells.append(step == 0
                ? SVGElement("path", ["class": "rl-cell-zero", "d": SVGValue(paths[step]!)])
                : SVGElement("path", ["fill": SVGValue(DivergingColorScale.hex(scale.stepColor(step))), "d": SVGValue(paths[step]!)]))
        }
        if !empty.isEmpty { cells.append(SVGElement("path", ["class": "rl-cell-empty", "d": SVGValue(empty)])) }
        if !valueTexts.isEmpty {
            cells.append(SVGElement("g", ["class": "rl-cell-value", "text-anchor": "middle", "font-size": "\(valueFont)"],
                                    children: valueTexts.map { .element($0) }))
        }
        body.append(cells)

        var rowGroup = SVGElement("g", ["class": "rl-row-labels", "text-anchor": "end"])
        for (r, label) in rowLabels.enumerated() {
            let text = labelText(label, maxWidth: Layout.maxRowLabelWidth / 1.12, attributes: [
                "x": "\(left - 8)", "y": "\((top + (Double(r) + 0.5) * cellHeight + font * 0.35).rounded())",
            ])
            rowGroup.append(.link(r < rowHrefs.count ? rowHrefs[r] : nil, around: text))
        }
        body.append(rowGroup)

        var columnGroup = SVGElement("g", ["class": "rl-column-labels", "text-anchor": rotated ? "end" : "middle"])
        for (c, label) in drawnColumnLabels.enumerated() {
            let cx = left + (Double(c) + 0.5) * cellWidth
            let y = gridBottom + (rotated ? 8 : 6 + font)
            let attributes: KeyValuePairs<StaticString, SVGValue> = rotated
                ? ["transform": "translate(\(cx + font * 0.3),\(y)) rotate(-\(Layout.rotation))", "class": "rl-label"]
                : ["x": "\(cx.rounded())", "y": "\(y.rounded())"]
            let text = labelText(label, maxWidth: columnLabelWidth, attributes: attributes)
            columnGroup.append(.link(c < columnHrefs.count ? columnHrefs[c] : nil, around: text))
        }
        body.append(columnGroup)

        let gridCenterX = left + cellWidth * Double(columns) / 2
        if !columnAxisTitle.isEmpty {
            let shown = TextMetrics.truncated(columnAxisTitle, toWidth: ChartFrame.naturalWidth - 16, fontSize: font)
            body.append(.text(fitting: columnAxisTitle, toWidth: ChartFrame.naturalWidth - 16, fontSize: font, ["x": "\(max(gridCenterX, 8 + TextMetrics.width(shown, fontSize: font) / 2))",
                                      "y": "\(columnTitleY)", "text-anchor": "middle", "class": "rl-axis-title"]))
        }
        if !rowAxisTitle.isEmpty {
            body.append(.text(fitting: rowAxisTitle, toWidth: cellHeight * Double(rows) + 20, fontSize: font, ["transform": "translate(20,\(top + cellHeight * Double(rows) / 2)) rotate(-90)",
                                      "text-anchor": "middle", "class": "rl-axis-title"]))
        }

        let legendX = left + cellWidth * Double(columns) + 18
        let legendHeight = max(90, min(cellHeight * Double(rows), 180))
        // A paper column leaves too little room right of the bar: the caption goes under the chart.
        let captionBelow = ChartFrame.naturalWidth < 500
        let captionAt = captionBelow ? (x: 8.0, y: columnTitleY + ChartFrame.tickFontSize + 8) : (x: legendX, y: top + 12 + legendHeight + 18)
        body.append(legend(id: id, scale: scale, x: legendX, top: top + 12, height: legendHeight, caption: captionAt))

        let captionLines = Double(legendCaptionLines(x: captionAt.x).count)
        let height = max(columnTitleY + 12, captionAt.y - 6 + 13 * captionLines, top + 12 + legendHeight + 12)
        let frame = ChartFrame(height: height.rounded(.up), title: title,
                               description: description ?? generatedDescription)
        return (frame, body)
    }

    /// The value caption broken into lines that fit right of `x`; the last one truncated when
    /// more than three would be needed.
    func legendCaptionLines(x: Double) -> [String] {
        // TextMetrics may run ~10 % short of the browser's font: wrap with that slack.
        let width = (ChartFrame.naturalWidth - x - 4) / 1.12, font = ChartFrame.tickFontSize
        var lines: [String] = [], current = ""
        for word in valueCaption.split(separator: " ").map(String.init) {
            let candidate = current.isEmpty ? word : current + " " + word
            if TextMetrics.width(candidate, fontSize: font) <= width || current.isEmpty {
                current = candidate
            } else {
                lines.append(current)
                current = word
            }
        }
        if !current.isEmpty { lines.append(current) }
        if lines.count > 3 { lines = Array(lines.prefix(2)) + [lines[2...].joined(separator: " ")] }
        return lines.map { TextMetrics.truncated($0, toWidth: width, fontSize: font) }
    }

    /// A label `<text>`, truncated to `maxWidth` with the full text as its `<title>` when cut.
    private func labelText(_ label: String, maxWidth: Double,
                           attributes: KeyValuePairs<StaticString, SVGValue>) -> SVGElement {
        let shown = TextMetrics.truncated(label, toWidth: maxWidth, fontSize: ChartFrame.labelFontSize)
        var text = SVGElement("text", attributes)
        if shown != label { text.append(.title(label)) }
        text.appendText(shown)
        return text
    }

    /// The vertical colour bar: +max at the top, 0 in the middle, −max at the bottom.
    private func legend(id: String, scale: DivergingColorScale, x: Double, top: Double, height: Double,
                        caption: (x: Double, y: Double)) -> SVGElement {
        let barWidth = 12.0
        var group = SVGElement.group(class: "rl-legend")
        // The caption wraps (up to three lines) instead of being cut at the edge.
        let lineHeight = max(13, ChartFrame.tickFontSize + 2)
        for (i, line) in legendCaptionLines(x: caption.x).enumerated() {
            group.append(.text(line, ["x": "\(caption.x)", "y": "\(caption.y + Double(i) * lineHeight)", "class": "rl-axis-title",
                                      "font-size": "\(ChartFrame.tickFontSize)"]))
        }
        let m = scale.maxMagnitude
        if m > 0 {
            // One block per colour step, +max at the top: the cells use exactly these colours.
            let steps = DivergingColorScale.stepsPerArm
            let block = height / Double(2 * steps + 1)
            for i in 0...(2 * steps) {
                let step = steps - i
                let y0 = (top + Double(i) * block).rounded(), y1 = (top + Double(i + 1) * block).rounded()
                group.append(step == 0
                    ? SVGElement("rect", ["x": "\(x)", "y": "\(y0)", "width": "\(barWidth)", "height": "\(y1 - y0)", "class": "rl-cell-zero"])
                    : SVGElement("rect", ["x": "\(x)", "y": "\(y0)", "width": "\(barWidth)",
                                          "height": "\(y1 - y0)", "fill": SVGValue(DivergingColorScale.hex(scale.stepColor(step)))]))
            }
        } else {
            group.append(SVGElement("rect", ["x": "\(x)", "y": "\(top)", "width": "\(barWidth)", "height": "\(height)", "class": "rl-cell-zero"]))
        }
        group.append(SVGElement("rect", ["x": "\(x)", "y": "\(top)", "width": "\(barWidth)", "height": "\(height)",
                                         "class": "rl-legend-frame"]))
        let ticks: [(Double, Double)] = m > 0 ? [(m, top), (0, top + height / 2), (-m, top + height)]
                                               : [(0, top + height / 2)]
        var labels = SVGElement("g", ["class": "rl-tick-labels", "font-size": "\(ChartFrame.tickFontSize)"])
        for (value, y) in ticks {
            group.append(.line(x1: x + barWidth, y1: y, x2: x + barWidth + 4, y2: y, class: "rl-tick"))
            labels.append(.text(formatCompact(value), ["x": "\(x + barWidth + 7)", "y": "\(y + 4)", "class": "rl-tick-label"]))
        }
        group.append(labels)
        return group
    }
}
