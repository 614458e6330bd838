/// Draws one axis of an x–y chart: gridlines across the plot area, the axis line, tick marks,
/// tick labels (thinned when they would overlap) and the axis title.
struct Axis {
    enum Edge { case bottom, left }

    var edge: Edge
    var scale: Scale
    var ticks: [AxisTick]
    var minorTicks: [Double] = []
    var title: String
    /// Whether to draw gridlines for the major ticks.
    var showsGrid = true

    /// An axis labelling the scale's own ticks.
    init(edge: Edge, scale: Scale, title: String) {
        self.edge = edge
        self.scale = scale
        self.ticks = scale.ticks.map { AxisTick(value: $0, label: scale.label($0)) }
        self.minorTicks = scale.minorTicks
        self.title = title
    }

    /// An axis with custom ticks (e.g. dates).
    init(edge: Edge, scale: Scale, ticks: [AxisTick], title: String) {
        self.edge = edge
        self.scale = scale
        self.ticks = ticks
        self.title = title
    }

    /// Widest estimated tick label, for sizing the left margin.
    var maxLabelWidth: Double {
        ticks.map { TextMetrics.width($0.label, fontSize: ChartFrame.tickFontSize) }.max() ?? 0
    }

    /// The axis drawn around `area`; `titleOffset` is the distance of the title from the axis line.
    func element(area: PlotArea, titleOffset: Double) -> SVGElement {
        let font = ChartFrame.tickFontSize
        // Gridlines, minor gridlines and tick marks are one path each (a few bytes per line
        // instead of a <line> element).
        var gridPath = "", minorPath = "", markPath = ""
        // The labels' anchor and colour come from their group (`.rl-tick-labels text`).
        var labels = SVGElement("g", ["class": "rl-tick-labels", "font-size": "\(font)", "text-anchor": edge == .bottom ? "middle" : "end"])
        let every = labelStride(area: area)
        let (left, right, top, bottom) = (formatCoordinate(area.left), formatCoordinate(area.right), formatCoordinate(area.top), formatCoordinate(area.bottom))
        for value in minorTicks where scale.domain.contains(value) {
            let p = formatCoordinate(scale(value))
            minorPath += edge == .bottom ? "M\(p) \(top)V\(bottom)" : "M\(left) \(p)H\(right)"
        }
        for (index, tick) in ticks.enumerated() {
            let p = scale(tick.value)
            let at = formatCoordinate(p)
            switch edge {
            case .bottom:
                if showsGrid { gridPath += "M\(at) \(top)V\(bottom)" }
                markPath += "M\(at) \(bottom)v5"
                if index % every == 0 {
                    labels.append(.text(tick.label, ["x": "\(p)", "y": "\(area.bottom + 8 + font)"]))
                }
            case .left:
                if showsGrid { gridPath += "M\(left) \(at)H\(right)" }
                markPath += "M\(formatCoordinate(area.left - 5)) \(at)h5"
                if index % every == 0 {
                    labels.append(.text(tick.label, ["x": "\(area.left - 8)", "y": "\(p + font * 0.35)"]))
                }
            }
        }
        var grid = SVGElement.group(class: "rl-gridlines")
        if !minorPath.isEmpty { grid.append(SVGElement("path", ["class": "rl-minor-grid", "d": SVGValue(minorPath)])) }
        if !gridPath.isEmpty { grid.append(SVGElement("path", ["class": "rl-grid", "d": SVGValue(gridPath)])) }
        var marks = SVGElement.group(class: "rl-ticks")
        if !markPath.isEmpty { marks.append(SVGElement("path", ["class": "rl-tick", "d": SVGValue(markPath)])) }
        var group = SVGElement.group(class: edge == .bottom ? "rl-x-axis" : "rl-y-axis")
        group.append(grid)
        group.append(marks)
        group.append(edge == .bottom
            ? .line(x1: area.left, y1: area.bottom, x2: area.right, y2: area.bottom, class: "rl-axis")
            : .line(x1: area.left, y1: area.top, x2: area.left, y2: area.bottom, class: "rl-axis"))
        group.append(labels)
        if !title.isEmpty { group.append(titleElement(area: area, offset: titleOffset)) }
        return group
    }

    private func titleElement(area: PlotArea, offset: Double) -> SVGElement {
        let font = ChartFrame.labelFontSize
        switch edge {
        case .bottom:
            return .text(fitting: title, toWidth: area.width, fontSize: font, ["x": "\(area.centerX)", "y": "\(area.bottom + offset)", "text-anchor": "middle",
                                 "class": "rl-axis-title"])
        case .left:
            let x = area.left - offset
            return .text(fitting: title, toWidth: area.height, fontSize: font, ["transform": "translate(\(x),\(area.centerY)) rotate(-90)",
                                 "text-anchor": "middle", "class": "rl-axis-title"])
        }
    }

    /// Label every n-th tick so labels do not overlap.
    private func labelStride(area: PlotArea) -> Int {
        guard ticks.count > 1 else { return 1 }
        let gap = abs(scale(ticks[1].value) - scale(ticks[0].value))
        guard gap > 0 else { return ticks.count }
        let needed: Double = edge == .bottom ? maxLabelWidth + 8 : ChartFrame.tickFontSize + 3
        return max(1, Int((needed / gap).rounded(.up)))
    }
}
