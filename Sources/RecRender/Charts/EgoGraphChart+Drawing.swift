extension EgoGraphChart: RenderableChart {
    /// CSS class of a node's circle.
    static func nodeClass(_ node: Node) -> String {
        node.isQuery || node.hop == 0 ? "rl-node rl-node-query" : "rl-node rl-node-hop-\(min(max(node.hop, 1), 3))"
    }

    /// Stroke width of an edge of `weight` in [0, 1].
    static func edgeWidth(_ weight: Double) -> Double { 0.75 + 3.25 * weight }

    public func drawing(id: String) -> (ChartFrame, [SVGElement]) {
        guard !nodes.isEmpty else { return ChartFrame.empty(title: title) }
        let layout = layout()
        let edges = validEdges
        let p = layout.positions
        var edgeGroup = SVGElement.group(class: "rl-edges")
        for e in edges {
            var line = SVGElement("line", ["x1": "\(p[e.from].x)", "y1": "\(p[e.from].y)", "x2": "\(p[e.to].x)", "y2": "\(p[e.to].y)",
                                           "class": "rl-edge", "stroke-width": "\(Self.edgeWidth(e.weight))"])
            line.append(.title("\(nodes[e.from].label) — \(nodes[e.to].label): similarity \(formatFixed(e.similarity, digits: 2)), rank weight \(formatFixed(e.weight, digits: 2))"))
            edgeGroup.append(line)
        }
        var nodeGroup = SVGElement.group(class: "rl-nodes")
        // Query drawn last so it sits on top.
        let drawOrder = nodes.indices.sorted { (nodes[$0].isQuery ? 1 : 0, $0) < (nodes[$1].isQuery ? 1 : 0, $1) }
        for i in drawOrder {
            let node = nodes[i], label = layout.labels[i]
            var group = SVGElement.group(class: node.isQuery ? "rl-node-group rl-node-group-query" : "rl-node-group")
            group.append(.title(tooltip(ofNode: i, edges: edges)))
            group.append(SVGElement("circle", ["cx": "\(p[i].x)", "cy": "\(p[i].y)", "r": "\(layout.radii[i])",
                                               "class": SVGValue(Self.nodeClass(node))]))
            group.append(.text(label.text, ["x": "\(label.anchorX)", "y": "\(label.baselineY)", "text-anchor": SVGValue(label.textAnchor),
                                             "font-size": "\(Self.labelFontSize)",
                                             "class": node.isQuery ? "rl-node-label rl-node-label-query rl-halo" : "rl-node-label rl-halo"]))
            nodeGroup.append(.link(node.href, around: group))
        }
        let body = [edgeGroup, nodeGroup, legend(top: layout.legendTop)]
        let hops = Set(nodes.map(\.hop)).filter { $0 > 0 }.count
        let query = nodes.first { $0.isQuery }?.label ?? nodes[0].label
        let description = description
            ?? "Ego graph of \(nodes.count) items around \(query): \(edges.count) similarity links over \(hops) hop\(hops == 1 ? "" : "s"). Thicker lines link nearer neighbours (similarity rank); each node links to its item page."
        return (ChartFrame(height: layout.height, title: title, description: description), body)
    }

    /// The legend band: query, hop colours present, and the edge-width key.
    func legend(top: Double) -> SVGElement {
        var group = SVGElement("g", ["class": "rl-legend", "font-size": "\(ChartFrame.tickFontSize)"])
        var y = top + 17
        var x = 12.0
        func entry(_ className: String, radius: Double, _ text: String) {
            group.append(SVGElement("circle", ["cx": "\(x + radius)", "cy": "\(y)", "r": "\(radius)", "class": SVGValue(className)]))
            group.append(.text(text, ["x": "\(x + 2 * radius + 5)", "y": "\(y + 4)", "class": "rl-axis-title"]))
            x += 2 * radius + 5 + TextMetrics.width(text, fontSize: ChartFrame.tickFontSize) + 16
        }
        entry("rl-node rl-node-query", radius: 7, "query item")
        let hops = Set(nodes.filter { !$0.isQuery && $0.hop > 0 }.map { min($0.hop, 3) }).sorted()
        for hop in hops {
            entry("rl-node rl-node-hop-\(hop)", radius: hop == 1 ? 6 : 5, hop == 3 ? "3+ hops" : hop == 1 ? "1 hop" : "\(hop) hops")
        }
        x += 8
        let key = "edge width = similarity rank (thick = nearest)"
        // A paper column's legend takes a second line for the edge key rather than running off the edge.
        if x + 84 + TextMetrics.width(key, fontSize: ChartFrame.tickFontSize) > ChartFrame.naturalWidth - 8 {
            (x, y) = (12, y + ChartFrame.tickFontSize + 9)
        }
        for weight in [1.0, 0.6, 0.2] {
            group.append(.line(x1: x, y1: y, x2: x + 22, y2: y, class: "rl-edge").attribute("stroke-width", "\(Self.edgeWidth(weight))"))
            x += 28
        }
        group.append(.text(key, ["x": "\(x)", "y": "\(y + 4)", "class": "rl-axis-title"]))
        return group
    }
}
