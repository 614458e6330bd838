extension Histogram {
    public func drawing(id: String) -> (ChartFrame, [SVGElement]) {
        let counts = bins.map(\.count).filter(\.isFinite)
        guard !bins.isEmpty, !counts.isEmpty else { return ChartFrame.empty(title: title) }
        let width = ChartFrame.naturalWidth, height = 360.0
        let top = ChartFrame.titleBand + 12, bottom = height - 52
        let yScale = Scale.linear(dataMin: 0, dataMax: max(counts.max()!, 0), range: (bottom, top),
                                  tickCount: 6, includeZero: true)
        let yAxis = Axis(edge: .left, scale: yScale, title: yAxisTitle)
        let left = 12 + (yAxisTitle.isEmpty ? 0 : 20) + yAxis.maxLabelWidth + 10
        let area = PlotArea(left: left, top: top, width: width - left - 24, height: bottom - top)
        var body: [SVGElement] = []
        var barGroup = SVGElement.group(class: "rl-bars")
        let edges: [(Double, Double)]
        if isNumeric {
            let lo = bins.map { min($0.lower!, $0.upper!) }.min()!, hi = bins.map { max($0.lower!, $0.upper!) }.max()!
            let xScale = Scale.linear(dataMin: lo, dataMax: hi, range: (area.left, area.right))
            body.append(Axis(edge: .bottom, scale: xScale, title: xAxisTitle).element(area: area, titleOffset: 38))
            edges = bins.map { (xScale($0.lower!), xScale($0.upper!)) }
        } else {
            let band = area.width / Double(bins.count)
            edges = bins.indices.map { (area.left + Double($0) * band + band * 0.1, area.left + Double($0 + 1) * band - band * 0.1) }
            body.append(categoryAxis(area: area, band: band))
        }
        body.append(yAxis.element(area: area, titleOffset: yAxis.maxLabelWidth + 18))
        for (bin, (x0, x1)) in zip(bins, edges) where bin.count.isFinite {
            let y = yScale(max(bin.count, 0))
            var rect = SVGElement("rect", ["x": "\(min(x0, x1) + 0.5)", "y": "\(y)",
                                           "width": "\(max(abs(x1 - x0) - 1, 0.5))", "height": "\(max(yScale(0) - y, 0))",
                                           "class": "rl-bar"])
            rect.append(.title("\(bin.label): \(formatCompact(bin.count, significantDigits: 6))"))
            barGroup.append(rect)
        }
        body.append(barGroup)
        let description = description
            ?? "Histogram of \(bins.count) bins\(xAxisTitle.isEmpty ? "" : " of \(xAxisTitle)"); largest \(yAxisTitle.isEmpty ? "count" : yAxisTitle) \(formatCompact(counts.max()!))."
        return (ChartFrame(height: height, title: title, description: description), body)
    }

    /// Category labels under each bar (every n-th when they would overlap) and the axis title.
    private func categoryAxis(area: PlotArea, band: Double) -> SVGElement {
        let font = ChartFrame.tickFontSize
        var group = SVGElement.group(class: "rl-x-axis")
        group.append(.line(x1: area.left, y1: area.bottom, x2: area.right, y2: area.bottom, class: "rl-axis"))
        let widest = bins.map { TextMetrics.width($0.label, fontSize: font) }.max() ?? 0
        let every = max(1, Int(((min(widest, 120) + 6) / band).rounded(.up)))
        var labels = SVGElement("g", ["class": "rl-tick-labels", "font-size": "\(font)", "text-anchor": "middle"])
        for (index, bin) in bins.enumerated() where index % every == 0 {
            let shown = TextMetrics.truncated(bin.label, toWidth: max(band * Double(every) - 6, 120), fontSize: font)
            var text = SVGElement("text", ["x": "\(area.left + (Double(index) + 0.5) * band)", "y": "\(area.bottom + 8 + font)",
                                           "class": "rl-tick-label"])
            if shown != bin.label { text.append(.title(bin.label)) }
            text.appendText(shown)
            labels.append(text)
        }
        group.append(labels)
        if !xAxisTitle.isEmpty {
            group.append(.text(fitting: xAxisTitle, toWidth: area.width, fontSize: ChartFrame.labelFontSize,
                               ["x": "\(area.centerX)", "y": "\(area.bottom + 38)", "text-anchor": "middle", "class": "rl-axis-title"]))
        }
        return group
    }
}
