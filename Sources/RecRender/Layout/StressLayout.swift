import Foundation

/// Deterministic graph layout by stress majorization (SMACOF; Gansner, Koren & North 2004).
///
/// Target distances d_ij are shortest-path lengths; pairs in different components get the
/// largest finite distance + 1, so disconnected parts sit near each other instead of flying
/// apart. The layout minimises stress Σ_{i<j} w_ij (‖x_i − x_j‖ − d_ij)² with w_ij = d_ij⁻²,
/// starting from classical MDS (power iteration from a fixed start vector, so no randomness)
/// and updating one node at a time in index order. The same input always gives the same
/// coordinates; the result is NaN-free for 0, 1 and 2 nodes, disconnected graphs and
/// coincident points.
public struct StressLayout: Sendable {
    /// Maximum majorization sweeps (default 300).
    public var iterations: Int
    /// Stop when a sweep lowers the stress by less than this fraction (default 1e-5).
    public var tolerance: Double

    public init(iterations: Int = 300, tolerance: Double = 1e-5) {
        self.iterations = iterations
        self.tolerance = tolerance
    }

    /// All-pairs shortest-path lengths (Floyd–Warshall, O(n³); meant for n ≲ 200) over
    /// undirected `edges` with positive `length`s; unreachable pairs are `infinity`.
    public static func shortestPaths(nodeCount n: Int, edges: [(from: Int, to: Int, length: Double)]) -> [[Double]] {
        // One flat row-major matrix: relaxing through nested arrays checked each inner array's
        // uniqueness per write, most of the time of an item page's ego graph.
        var d = [Double](repeating: .infinity, count: n * n)
        for i in 0..<n { d[i * n + i] = 0 }
        for e in edges where e.from != e.to && (0..<n).contains(e.from) && (0..<n).contains(e.to) && e.length > 0 {
            d[e.from * n + e.to] = min(d[e.from * n + e.to], e.length)
            d[e.to * n + e.from] = d[e.from * n + e.to]
        }
        d.withUnsafeMutableBufferPointer { d in
            for k in 0..<n {
                for i in 0..<n where d[i * n + k] < .infinity {
                    let dik = d[i * n + k]
                    for j in 0..<n where dik + d[k * n + j] < d[i * n + j] { d[i * n + j] = dik + d[k * n + j] }
                }
            }
        }
        return (0..<n).map { Array(d[($0 * n)..<(($0 + 1) * n)]) }
    }

    /// Target distances with unreachable (or invalid) pairs replaced by the largest finite
    /// distance + 1, symmetric, zero on the diagonal.
    static func completed(_ distances: [[Double]]) -> [[Double]] {
        let n = distances.count
        let finite = distances.joined().filter { $0.isFinite && $0 > 0 }
        let far = (finite.max() ?? 0) + 1
        var d = distances
        for i in 0..<n {
            for j in 0..<n {
                let v = j < distances[i].count ? distances[i][j] : .infinity
                d[i][j] = i == j ? 0 : (v.isFinite && v > 0 ? v : far)
            }
        }
        for i in 0..<n { for j in (i + 1)..<max(i + 1, n) { d[i][j] = min(d[i][j], d[j][i]); d[j][i] = d[i][j] } }
        return d
    }

    /// Positions (in distance units, centred on the origin) for an n × n matrix of target
    /// distances.
    ///
    /// With a `focus` node (e.g. the query of an ego graph), the weights of pairs involving it are
    /// multiplied by `focusWeight` (default 8), so every node's distance to the focus follows its
    /// graph distance closely: a radial-like drawing around the focus.
    public func positions(distances: [[Double]], focus: Int? = nil, focusWeight: Double = 8) -> [LayoutPoint] {
        let n = distances.count
        if n == 0 { return [] }
        if n == 1 { return [LayoutPoint(x: 0, y: 0)] }
        let d = Self.completed(distances)
        var p = Self.initialPositions(targets: d)
        // Flat target distances and SMACOF weights (w = focus factor / d²), built once.
        var target = [Double](repeating: 0, count: n * n), weight = [Double](repeating: 0, count: n * n)
        for i in 0..<n {
            for j in 0..<n where j != i {
                target[i * n + j] = d[i][j]
                weight[i * n + j] = (i == focus || j == focus ? max(focusWeight, 0.01) : 1) / (d[i][j] * d[i][j])
            }
        }
        func stress() -> Double {
            var total = 0.0
            for i in 0..<n {
                for j in (i + 1)..<n {
                    let dx = p[i].x - p[j].x, dy = p[i].y - p[j].y
                    let e = (dx * dx + dy * dy).squareRoot() - target[i * n + j]
                    total += e * e / (target[i * n + j] * target[i * n + j])
                }
            }
            return total
        }
        var current = stress()
        // The stress is checked every few sweeps: it costs as much as a sweep.
        let checkEvery = 5
        for iteration in 0..<max(0, iterations) {
            p.withUnsafeMutableBufferPointer { p in
                weight.withUnsafeBufferPointer { weight in
                    target.withUnsafeBufferPointer { target in
                        for i in 0..<n {
                            var sx = 0.0, sy = 0.0, sw = 0.0
                            let row = i * n, pi = p[i]
                            for j in 0..<n where j != i {
                                let w = weight[row + j], dij = target[row + j], pj = p[j]
                                var dx = pi.x - pj.x, dy = pi.y - pj.y
                                var len = (dx * dx + dy * dy).squareRoot()
                                if len < 1e-9 {  // coincident: push apart in a fixed direction per pair
                                    let angle = Double(i * 31 + j * 17) * 0.618_033_988_75 * 2 * Double.pi
                                    (dx, dy, len) = (cos(angle), sin(angle), 1)
                                }
                                sx += w * (pj.x + dij * dx / len)
                                sy += w * (pj.y + dij * dy / len)
                                sw += w
                            }
                            p[i] = LayoutPoint(x: sx / sw, y: sy / sw)
                        }
                    }
                }
            }
            guard (iteration + 1) % checkEvery == 0 else { continue }
            let next = stress()
            let improvement = current - next
            current = next
            if improvement >= 0 && improvement <= tolerance * max(current, 1e-12) { break }
        }
        let cx = p.map(\.x).reduce(0, +) / Double(n), cy = p.map(\.y).reduce(0, +) / Double(n)
        return p.map { LayoutPoint(x: $0.x - cx, y: $0.y - cy) }
    }

    /// Weighted stress Σ_{i<j} d_ij⁻² (‖p_i − p_j‖ − d_ij)² of `positions` against `targets`
    /// (completed as in ``positions(distances:)``).
    public static func stress(_ positions: [LayoutPoint], targets: [[Double]]) -> Double {
        let d = completed(targets)
        var total = 0.0
        for i in 0..<positions.count {
            for j in (i + 1)..<max(i + 1, positions.count) {
                let e = positions[i].distance(to: positions[j]) - d[i][j]
                total += e * e / (d[i][j] * d[i][j])
            }
        }
        return total
    }

    /// Classical MDS (Torgerson) start: the two leading eigenvectors of the double-centred
    /// squared distances, found by power iteration from fixed vectors (at most 200 products, until
    /// no component moves by more than 10⁻⁹; unshifted, with a Gershgorin shift only when the
    /// unshifted iteration finds a negative eigenvalue), plus a tiny fixed
    /// golden-angle offset so collinear or coincident starts can unfold into 2-D.
    public static func initialPositions(targets: [[Double]]) -> [LayoutPoint] {
        let n = targets.count
        if n == 0 { return [] }
        let d = completed(targets)
        var b = d.map { $0.map { -0.5 * $0 * $0 } }
        let rowMeans = b.map { $0.reduce(0, +) / Double(n) }
        let grand = rowMeans.reduce(0, +) / Double(n)
        for i in 0..<n { for j in 0..<n { b[i][j] += grand - rowMeans[i] - rowMeans[j] } }
        // Power iteration on B + shift·I: first unshifted (fast: the MDS eigenvalues are usually
        // well separated), and only when that lands on a negative eigenvalue (a non-Euclidean
        // distance matrix can have one larger in magnitude) again with a Gershgorin shift, under
        // which the largest algebraic eigenvalue dominates (slowly: the shift brings the ratio of
        // the two leading eigenvalues near 1).
        let gershgorin = b.map { $0.reduce(0) { $0 + abs($1) } }.max() ?? 0
        var axes: [[Double]] = []
        var values: [Double] = []
        let flat = Array(b.joined())  // row-major, for the products below
        func leading(axis: Int, shift: Double) -> (vector: [Double], value: Double) {
            var v = (0..<n).map { 1 + sin(Double($0 + 1) * (axis == 0 ? 1.7 : 2.9)) }
            var lambda = 0.0
            for _ in 0..<200 {
                var w = [Double](repeating: 0, count: n)
                flat.withUnsafeBufferPointer { b in
                    v.withUnsafeBufferPointer { v in
                        w.withUnsafeMutableBufferPointer { w in
                            // Four rows at a time: four independent sums (each still adds its
                            // row in column order) instead of one latency-bound chain.
                            var i = 0
                            while i + 4 <= n {
                                var s0 = shift * v[i], s1 = shift * v[i + 1], s2 = shift * v[i + 2], s3 = shift * v[i + 3]
                                let r0 = i * n, r1 = r0 + n, r2 = r1 + n, r3 = r2 + n
                                for j in 0..<n {
                                    let x = v[j]
                                    s0 += b[r0 + j] * x
                                    s1 += b[r1 + j] * x
                                    s2 += b[r2 + j] * x
                                    s3 += b[r3 + j] * x
                                }
                                (w[i], w[i + 1], w[i + 2], w[i + 3]) = (s0, s1, s2, s3)
                                i += 4
                            }
                            for i in i..<n {
                                var s = shift * v[i]
                                for j in 0..<n { s += b[i * n + j] * v[j] }
                                w[i] = s
                            }
                        }
                    }
                }
                for u in axes {  // deflate: stay orthogonal to earlier axes
                    let dot = zip(w, u).reduce(0) { $0 + $1.0 * $1.1 }
                    for i in 0..<n { w[i] -= dot * u[i] }
                }
                // The Rayleigh quotient vᵀ(B + shift·I)v (v has unit norm after the first step):
                // its sign says whether the iteration is following a negative eigenvalue.
                let rayleigh = zip(w, v).reduce(0) { $0 + $1.0 * $1.1 }
                let norm = w.reduce(0) { $0 + $1 * $1 }.squareRoot()
                guard norm > 1e-12 else { break }
                lambda = (rayleigh < 0 ? -norm : norm) - shift
                var change = 0.0
                for i in 0..<n {
                    let next = w[i] / norm
                    change = max(change, abs(next - v[i]))
                    v[i] = next
                }
                // A start for the majorization, which refines it: 1e-9 is far below a pixel.
                if change <= 1e-9 { break }
            }
            return (v, lambda)
        }
        for axis in 0..<2 {
            var (v, lambda) = leading(axis: axis, shift: 0)
            if lambda < 0 { (v, lambda) = leading(axis: axis, shift: gershgorin) }
            axes.append(v)
            values.append(max(0, lambda))
        }
        let scale = max(d.joined().max() ?? 1, 1e-9) * 1e-3
        return (0..<n).map { i in
            let angle = Double(i) * 2.399_963_229_728_653
            return LayoutPoint(x: axes[0][i] * values[0].squareRoot() + scale * cos(angle),
                               y: axes[1][i] * values[1].squareRoot() + scale * sin(angle))
        }
    }

    /// `positions` scaled and centred to fit `box` (x, y, width, height). The two axes may be
    /// scaled differently, by at most `maxAspectStretch` (default 1.6; 1 = uniform), so a wide
    /// drawing area is used without distorting distances much. A single point or coincident
    /// points land at the centre.
    public static func fitted(_ positions: [LayoutPoint], into box: LabelBox, maxAspectStretch: Double = 1.6) -> [LayoutPoint] {
        guard let minX = positions.map(\.x).min(), let maxX = positions.map(\.x).max(),
              let minY = positions.map(\.y).min(), let maxY = positions.map(\.y).max() else { return [] }
        let spanX = maxX - minX, spanY = maxY - minY
        var sx = spanX > 1e-12 ? box.width / spanX : .infinity
        var sy = spanY > 1e-12 ? box.height / spanY : .infinity
        let stretch = max(1, maxAspectStretch)
        if !sx.isFinite && !sy.isFinite { (sx, sy) = (0, 0) }
        else if !sx.isFinite { sx = sy } else if !sy.isFinite { sy = sx }
        sx = min(sx, sy * stretch)
        sy = min(sy, sx * stretch)
        let cx = (minX + maxX) / 2, cy = (minY + maxY) / 2
        return positions.map {
            LayoutPoint(x: box.x + box.width / 2 + ($0.x - cx) * sx, y: box.y + box.height / 2 + ($0.y - cy) * sy)
        }
    }
}
