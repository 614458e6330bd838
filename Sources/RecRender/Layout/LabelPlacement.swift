import Foundation

/// Greedy label placement for node-link drawings: each label goes right, left, above or below
/// its node (or diagonally, or one step further out) wherever it overlaps least with labels
/// already placed, with nodes, and with the area outside the drawing.
///
/// Labels are placed in the given order (put important ones first: they get the best spots).
/// When no candidate is free, a shorter version of the text (if given) is tried as well. The
/// result is deterministic. Before placing, ``separated(_:radii:minimumGap:bounds:)`` can nudge
/// overlapping nodes apart.
public struct LabelPlacement: Sendable {
    /// A placed label.
    public struct Placed: Sendable, Equatable {
        /// The text drawn (one of the candidates given for the node).
        public var text: String
        /// Its extent.
        public var box: LabelBox
        /// Baseline anchor point and SVG `text-anchor` ("start", "middle", "end").
        public var anchorX: Double
        public var baselineY: Double
        public var textAnchor: String
    }

    /// Label font size (px).
    public var fontSize: Double
    /// Gap between a node's edge and its label (px).
    public var gap: Double

    public init(fontSize: Double = 11, gap: Double = 3) {
        self.fontSize = fontSize
        self.gap = gap
    }

    /// Height of a label box.
    public var lineHeight: Double { fontSize * 1.25 }

    /// Places one label per node.
    ///
    /// - Parameters:
    ///   - texts: per node, the label variants to try, preferred first (e.g. full, shortened).
    ///   - nodes: node centres; `radii`: node radii (same count).
    ///   - bounds: the drawing area labels should stay inside.
    ///   - order: placement order (node indices); nodes not listed are placed afterwards in index order.
    /// - Returns: one placed label per node, by node index. O(n² · candidates).
    public func place(texts: [[String]], nodes: [LayoutPoint], radii: [Double], bounds: LabelBox,
                      order: [Int] = []) -> [Placed] {
        let n = nodes.count
        var sequence = order.filter { (0..<n).contains($0) }
        var listed = Set(sequence)
        for i in 0..<n where !listed.contains(i) { sequence.append(i); listed.insert(i) }
        let nodeBoxes = (0..<n).map { LabelBox(around: nodes[$0], radius: radii[$0] + 1) }
        var placed = [Placed?](repeating: nil, count: n)
        var boxes: [LabelBox] = []
        for i in sequence {
            var best: (total: Double, cost: Double, label: Placed)?
            let variants = texts[i].isEmpty ? [""] : texts[i]
            for (v, text) in variants.enumerated() {
                if let best, best.cost == 0 { break }
                for (c, candidate) in candidates(text, at: nodes[i], radius: radii[i]).enumerated() {
                    var cost = 0.0
                    for box in boxes { cost += 4 * candidate.box.overlapArea(box) }
                    for (j, nodeBox) in nodeBoxes.enumerated() where j != i { cost += 4 * candidate.box.overlapArea(nodeBox) }
                    cost += 50 * candidate.box.areaOutside(bounds)
                    // Prefer the nearer, conventional positions and the full text when costs tie.
                    let total = cost + Double(c) * 0.5 + Double(v) * 200
                    if best == nil || total < best!.total { best = (total, cost, candidate) }
                }
            }
            placed[i] = best!.label
            boxes.append(best!.label.box)
        }
        return placed.map { $0! }
    }

    /// Candidate positions for `text` around a node, preferred first: right, left, above,
    /// below, the four diagonals, then right and left one line further out.
    func candidates(_ text: String, at p: LayoutPoint, radius r: Double) -> [Placed] {
        // Estimated width plus 6 % and 2 px: real fonts run a little wider than the estimate.
        let w = TextMetrics.width(text, fontSize: fontSize) * 1.06 + 2, h = lineHeight
        let g = gap, descent = h * 0.25 + fontSize * 0.05
        func label(_ x: Double, _ y: Double, _ anchor: String) -> Placed {
            let ax = anchor == "start" ? x + 1 : anchor == "end" ? x + w - 1 : x + w / 2
            return Placed(text: text, box: LabelBox(x: x, y: y, width: w, height: h), anchorX: ax,
                          baselineY: y + h - descent, textAnchor: anchor)
        }
        let d = r * 0.75
        return [
            label(p.x + r + g, p.y - h / 2, "start"),
            label(p.x - r - g - w, p.y - h / 2, "end"),
            label(p.x - w / 2, p.y - r - g - h, "middle"),
            label(p.x - w / 2, p.y + r + g, "middle"),
            label(p.x + d + g, p.y - d - h, "start"),
            label(p.x - d - g - w, p.y - d - h, "end"),
            label(p.x + d + g, p.y + d, "start"),
            label(p.x - d - g - w, p.y + d, "end"),
            label(p.x + r + g, p.y - h / 2 - h, "start"),
            label(p.x + r + g, p.y + h / 2, "start"),
            label(p.x - r - g - w, p.y - h / 2 - h, "end"),
            label(p.x - r - g - w, p.y + h / 2, "end"),
        ]
    }

    /// Nodes nudged apart until every pair of circles is at least `minimumGap` apart (or 60
    /// passes ran), kept inside `bounds`. Coincident nodes separate along a fixed direction per
    /// pair, so the result is deterministic.
    public static func separated(_ nodes: [LayoutPoint], radii: [Double], minimumGap: Double, bounds: LabelBox) -> [LayoutPoint] {
        var p = nodes
        let n = p.count
        for _ in 0..<60 {
            var moved = false
            for i in 0..<n {
                for j in (i + 1)..<max(i + 1, n) {
                    let need = radii[i] + radii[j] + minimumGap
                    var dx = p[j].x - p[i].x, dy = p[j].y - p[i].y
                    var len = (dx * dx + dy * dy).squareRoot()
                    guard len < need - 1e-9 else { continue }
                    if len < 1e-9 {
                        let angle = Double(i * 31 + j * 17) * 0.618_033_988_75 * 2 * Double.pi
                        (dx, dy, len) = (cos(angle), sin(angle), 1)
                        p[j].x += dx * 1e-3
                        p[j].y += dy * 1e-3
                    }
                    let push = (need - len) / 2 + 0.01
                    p[i].x -= dx / len * push; p[i].y -= dy / len * push
                    p[j].x += dx / len * push; p[j].y += dy / len * push
                    moved = true
                }
            }
            for i in 0..<n {
                p[i].x = min(max(p[i].x, bounds.x + radii[i]), bounds.maxX - radii[i])
                p[i].y = min(max(p[i].y, bounds.y + radii[i]), bounds.maxY - radii[i])
            }
            if !moved { break }
        }
        return p
    }
}
