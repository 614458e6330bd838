import Foundation

extension Heatmap {
    /// Layout constants, in viewBox units.
    private enum Layout {
        static let maxCellWidth = 64.0
        static let cellHeight = 22.0
        static let maxRowLabelWidth = 200.0
        static let maxColumnLabelWidth = 150.0
        static let legendWidth = 110.0
        static let rotation = 40.0
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
        let left = 8 + (rowAxisTitle.isEmpty ? 0 : 22) + rowLabelWidth + 8
        let available = ChartFrame.naturalWidth - left - Layout.legendWidth - 8
        let cellWidth = min(Layout.maxCellWidth, max(8, available / Double(columns)))
        let cellHeight = Layout.cellHeight
        let top = ChartFrame.titleBand + 16
        let gridBottom = top + cellHeight * Double(rows)

        // Column labels: horizontal when they fit the cell, else rotated.
        let columnWidths = columnLabels.map { TextMetrics.width($0, fontSize: font) }
        let rotated = (columnWidths.max() ?? 0) > cellWidth - 6
        let cosine = cos(Layout.rotation * .pi / 180), sine = sin(Layout.rotation * .pi / 180)
        let columnLabelWidth = rotated
            ? min(Layout.maxColumnLabelWidth, (left + cellWidth / 2 - 4) / cosine)
            : cellWidth - 6
        let shownColumnWidth = min(columnLabelWidth, columnWidths.max() ?? 0)
        let labelBand = rotated ? shownColumnWidth * sine + font * cosine + 10 : font + 10
        let columnTitleY = gridBottom + labelBand + 16

        var body: [SVGElement] = []
        var cells = SVGElement.group(class: "rl-cells")
        let valueFont = ChartFrame.tickFontSize
        for r in 0..<rows {
            for c in 0..<columns {
                let v = value(row: r, column: c)
                let x = left + Double(c) * cellWidth, y = top + Double(r) * cellHeight
                var rect = SVGElement("rect", ["x": "\(x + 0.5)", "y": "\(y + 0.5)", "width": "\(cellWidth - 1)",
                                               "height": "\(cellHeight - 1)"])
                let where_ = rowLabels[r] + " · " + columnLabels[c] + ": "
                if let color = scale.color(v) {
                    rect.setAttribute("fill", SVGValue(color))
                    rect.append(.title(where_ + formatCompact(v) + captionSuffix))
                } else {
                    rect.setAttribute("class", "rl-cell-empty")
                    rect.append(.title(where_ + "no value"))
                }
                cells.append(rect)
                if showsValues && v.isFinite {
                    let text = formatCompact(v, significantDigits: 2)
                    if TextMetrics.width(text, fontSize: valueFont) <= cellWidth - 4 && cellHeight >= 16 {
                        cells.append(.text(text, [
                            "x": "\(x + cellWidth / 2)", "y": "\(y + cellHeight / 2 + valueFont * 0.35)",
                            "text-anchor": "middle", "font-size": "\(valueFont)", "pointer-events": "none",
                            "class": scale.needsLightText(v) ? "rl-cell-value rl-on-dark" : "rl-cell-value rl-on-light",
                        ]))
                    }
                }
            }
        }
        body.append(cells)

        var rowGroup = SVGElement("g", ["class": "rl-row-labels", "text-anchor": "end"])
        for (r, label) in rowLabels.enumerated() {
            let text = labelText(label, maxWidth: Layout.maxRowLabelWidth / 1.12, attributes: [
                "x": "\(left - 8)", "y": "\(top + (Double(r) + 0.5) * cellHeight + font * 0.35)", "class": "rl-label",
            ])
            rowGroup.append(.link(r < rowHrefs.count ? rowHrefs[r] : nil, around: text))
        }
        body.append(rowGroup)

        var columnGroup = SVGElement("g", ["class": "rl-column-labels", "text-anchor": rotated ? "end" : "middle"])
        for (c, label) in columnLabels.enumerated() {
            let cx = left + (Double(c) + 0.5) * cellWidth
            let y = gridBottom + (rotated ? 8 : 6 + font)
            let attributes: KeyValuePairs<StaticString, SVGValue> = rotated
                ? ["transform": "translate(\(cx + font * 0.3),\(y)) rotate(-\(Layout.rotation))", "class": "rl-label"]
                : ["x": "\(cx)", "y": "\(y)", "class": "rl-label"]
            let text = labelText(label, maxWidth: columnLabelWidth, attributes: attributes)
            columnGroup.append(.link(c < columnHrefs.count ? columnHrefs[c] : nil, around: text))
        }
        body.append(columnGroup)

        let gridCenterX = left + cellWidth * Double(columns) / 2
        if !columnAxisTitle.isEmpty {
            let shown = TextMetrics.truncated(columnAxisTitle, toWidth: ChartFrame.naturalWidth - 16, fontSize: font)
            body.append(.text(shown, ["x": "\(max(gridCenterX, 8 + TextMetrics.width(shown, fontSize: font) / 2))",
                                      "y": "\(columnTitleY)", "text-anchor": "middle", "class": "rl-axis-title"]))
        }
        if !rowAxisTitle.isEmpty {
            let shown = TextMetrics.truncated(rowAxisTitle, toWidth: cellHeight * Double(rows) + 20, fontSize: font)
            body.append(.text(shown, ["transform": "translate(20,\(top + cellHeight * Double(rows) / 2)) rotate(-90)",
                                      "text-anchor": "middle", "class": "rl-axis-title"]))
        }

        let legendX = left + cellWidth * Double(columns) + 18
        let legendHeight = max(90, min(cellHeight * Double(rows), 180))
        body.append(legend(id: id, scale: scale, x: legendX, top: top + 12, height: legendHeight))

        let height = max(columnTitleY + 12, top + 12 + legendHeight + 24)
        let frame = ChartFrame(height: height.rounded(.up), title: title,
                               description: description ?? generatedDescription)
        return (frame, body)
    }

    private var captionSuffix: String { valueCaption.isEmpty || valueCaption == "value" ? "" : " " + valueCaption }

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
    private func legend(id: String, scale: DivergingColorScale, x: Double, top: Double, height: Double) -> SVGElement {
        let barWidth = 12.0
        var group = SVGElement.group(class: "rl-legend")
        let caption = TextMetrics.truncated(valueCaption, toWidth: ChartFrame.naturalWidth - x - 4,
                                            fontSize: ChartFrame.tickFontSize)
        var captionText = SVGElement.text(caption, ["x": "\(x)", "y": "\(top - 8)", "class": "rl-axis-title",
                                                    "font-size": "\(ChartFrame.tickFontSize)"])
        if caption != valueCaption { captionText = SVGElement("text", ["x": "\(x)", "y": "\(top - 8)", "class": "rl-axis-title", "font-size": "\(ChartFrame.tickFontSize)"], children: [.element(.title(valueCaption)), .text(caption)]) }
        group.append(captionText)
        let m = scale.maxMagnitude
        if m > 0 {
            var gradient = SVGElement("linearGradient", ["id": "\(id)-legend-gradient", "x1": 0, "y1": 0, "x2": 0, "y2": 1])
            let count = DivergingColorScale.stops.count
            for i in 0..<count {
                let t = Double(i) / Double(count - 1)
                let color = DivergingColorScale.hex(DivergingColorScale.stops[count - 1 - i])
                gradient.append(SVGElement("stop", ["offset": "\(t)", "stop-color": SVGValue(color)]))
            }
            group.append(SVGElement("defs", children: [.element(gradient)]))
            group.append(SVGElement("rect", ["x": "\(x)", "y": "\(top)", "width": "\(barWidth)", "height": "\(height)",
                                             "fill": "url(#\(id)-legend-gradient)"]))
        } else {
            group.append(SVGElement("rect", ["x": "\(x)", "y": "\(top)", "width": "\(barWidth)", "height": "\(height)",
                                             "fill": SVGValue(DivergingColorScale.neutral)]))
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
