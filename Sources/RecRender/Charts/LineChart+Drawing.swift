extension LineChart {
    public func drawing(id: String) -> (ChartFrame, [SVGElement]) {
        let drawable = series.flatMap { $0.points.filter(isDrawable) }
        guard !drawable.isEmpty else { return ChartFrame.empty(title: title) }
        let width = ChartFrame.naturalWidth, height = 400.0
        let legend = SeriesLegend(names: series.map(\.name), left: 12, top: ChartFrame.titleBand + 4,
                                  width: width - 24)
        var ys = drawable.map(\.y)
        if let reference = referenceLine, reference.y.isFinite, !logY || reference.y > 0 { ys.append(reference.y) }
        let xs = drawable.map(\.x)
        let top = ChartFrame.titleBand + legend.height + 12
        let bottom = height - 48
        let yScale0 = makeScale(log: logY, min: ys.min()!, max: ys.max()!, range: (bottom, top))
        let yAxis = Axis(edge: .left, scale: yScale0, title: yAxisTitle)
        let left = 12 + (yAxisTitle.isEmpty ? 0 : 20) + yAxis.maxLabelWidth + 10
        let area = PlotArea(left: left, top: top, width: width - left - 24, height: bottom - top)
        let xScale = makeScale(log: logX, min: xs.min()!, max: xs.max()!, range: (area.left, area.right))
        let xAxis = Axis(edge: .bottom, scale: xScale, title: xAxisTitle)

        var body: [SVGElement] = [legend.element()]
        body.append(xAxis.element(area: area, titleOffset: 38))
        body.append(yAxis.element(area: area, titleOffset: yAxis.maxLabelWidth + 18))
        var lines = SVGElement.group(class: "rl-lines")
        for (index, s) in series.enumerated() {
            lines.append(seriesElement(s, index: index, x: xScale, y: yScale0))
        }
        body.append(lines)
        if let reference = referenceLine, reference.y.isFinite, !logY || reference.y > 0 {
            let y = yScale0(reference.y)
            var group = SVGElement.group(class: "rl-reference")
            group.append(.line(x1: area.left, y1: y, x2: area.right, y2: y, class: "rl-ref"))
            group.append(.text(fitting: reference.label, toWidth: area.width / 2, fontSize: ChartFrame.tickFontSize, ["x": "\(area.right - 4)", "y": "\(y - 5)", "text-anchor": "end",
                                       "font-size": "\(ChartFrame.tickFontSize)", "class": "rl-axis-title rl-halo"]))
            body.append(group)
        }
        for (m, marker) in markers.enumerated() where marker.x.isFinite && xScale.domain.contains(marker.x) {
            let x = xScale(marker.x)
            var group = SVGElement.group(class: "rl-reference")
            var line = SVGElement.line(x1: x, y1: area.top, x2: x, y2: area.bottom, class: "rl-ref")
            line.setAttribute("stroke-dasharray", "4 3")
            group.append(line)
            let leftHalf = x < area.left + area.width / 2
            group.append(.text(marker.label, ["x": "\(leftHalf ? x + 4 : x - 4)", "y": "\(area.top + 12 + Double(m) * 14)", "text-anchor": leftHalf ? "start" : "end",
                                              "font-size": "\(ChartFrame.tickFontSize)", "class": "rl-axis-title rl-halo"]))
            body.append(group)
        }
        return (ChartFrame(height: height, title: title, description: description ?? generatedDescription), body)
    }

    private func makeScale(log: Bool, min: Double, max: Double, range: (Double, Double)) -> Scale {
        log ? .log10(dataMin: min, dataMax: max, range: range)
            : .linear(dataMin: min, dataMax: max, range: range, tickCount: 6)
    }

    /// One series: the polyline (broken at undrawable points) and, for up to 60 points, its
    /// markers in one path (the values are in the CSV).
    private func seriesElement(_ s: Series, index: Int, x: Scale, y: Scale) -> SVGElement {
        var group = SVGElement("g", ["class": SVGValue(Palette.seriesClass(index))])
        group.append(.title(s.name))
        var d = ""
        var penDown = false
        for p in s.points {
            guard isDrawable(p) else { penDown = false; continue }
            d += (penDown ? "L" : "M") + formatCoordinate(x(p.x)) + "," + formatCoordinate(y(p.y))
            penDown = true
        }
        if !d.isEmpty {
            var path = SVGElement("path", ["d": SVGValue(d), "class": "rl-line rl-series-line"])
            if let dash = Palette.dashPattern(index) { path.setAttribute("stroke-dasharray", SVGValue(dash)) }
            group.append(path)
        }
        let drawable = s.points.filter(isDrawable)
        if drawable.count <= 60, !drawable.isEmpty {
            let markers = drawable.map { Palette.markerPath(index, x: x($0.x), y: y($0.y), r: 3.5) }.joined()
            group.append(SVGElement("path", ["d": SVGValue(markers)]))
        }
        return group
    }
}
