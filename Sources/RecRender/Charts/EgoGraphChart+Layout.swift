extension EgoGraphChart {
    /// Where everything goes: the result of the stress layout, node separation and label placement.
    public struct Layout: Sendable, Equatable {
        /// Total chart height (px).
        public var height: Double
        /// Node centres, by node index.
        public var positions: [LayoutPoint]
        /// Node radii, by node index.
        public var radii: [Double]
        /// Placed labels, by node index.
        public var labels: [LabelPlacement.Placed]
        /// Area inside which labels are kept.
        public var labelBounds: LabelBox
        /// Top of the legend band.
        public var legendTop: Double
    }

    /// Label font size (px).
    static var labelFontSize: Double { FigureLayout.current.font(11) }
    /// Height of the legend band at the bottom.
    /// Room for the legend: two lines in a paper column.
    static var legendBand: Double { ChartFrame.naturalWidth < 500 ? 56 : 34 }

    /// Node radius: the query stands out, nearer hops are a little larger.
    static func radius(of node: Node) -> Double {
        node.isQuery ? 10 : node.hop <= 1 ? 6.5 : 5
    }

    /// Computes the layout. Deterministic: same chart ⇒ identical coordinates.
    public func layout() -> Layout {
        let n = nodes.count
        let height: Double = n <= 12 ? 400 : n <= 30 ? 520 : 640
        let width = ChartFrame.naturalWidth
        let legendTop = height - Self.legendBand
        let labelBounds = LabelBox(x: 4, y: ChartFrame.titleBand + 4, width: width - 8, height: legendTop - ChartFrame.titleBand - 8)
        let nodeBox = LabelBox(x: 90, y: ChartFrame.titleBand + 26, width: width - 180, height: legendTop - ChartFrame.titleBand - 52)
        let edges = validEdges
        // Strong (rank-1) edges are shortest: target length 1 … 1.6.
        let lengths = edges.map { (from: $0.from, to: $0.to, length: 1 + 0.6 * (1 - $0.weight)) }
        let distances = StressLayout.shortestPaths(nodeCount: n, edges: lengths)
        let query = nodes.firstIndex { $0.isQuery } ?? nodes.firstIndex { $0.hop == 0 }
        let raw = StressLayout(iterations: 60, tolerance: 1e-4).positions(distances: distances, focus: query, focusWeight: max(8, Double(n)))
        let radii = nodes.map(Self.radius(of:))
        let fitted = StressLayout.fitted(raw, into: nodeBox)
        let positions = LabelPlacement.separated(fitted, radii: radii, minimumGap: 8, bounds: nodeBox)
        let placement = LabelPlacement(fontSize: Self.labelFontSize)
        let texts = nodes.map { node -> [String] in
            let full = Self.shortened(node.label, to: labelCharacters)
            let short = Self.shortened(node.label, to: min(labelCharacters, 14))
            return short == full ? [full] : [full, short]
        }
        let order = nodes.indices.sorted {
            let a = nodes[$0], b = nodes[$1]
            return (a.isQuery ? 0 : 1, a.hop, $0) < (b.isQuery ? 0 : 1, b.hop, $1)
        }
        let labels = placement.place(texts: texts, nodes: positions, radii: radii, bounds: labelBounds, order: order)
        return Layout(height: height, positions: positions, radii: radii, labels: labels, labelBounds: labelBounds,
                      legendTop: legendTop)
    }
}
