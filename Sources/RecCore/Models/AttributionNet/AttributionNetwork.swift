/// The activations of one forward pass over a batch of B (user, item) pairs: per subset s and
/// layer l, the layer's input X (B × in), pre-activation A (B × out) and output H (ReLU, or
/// tanh for the head: F_s = H[s][last], B values).
public struct AttributionActivations<T: GRUScalar>: Sendable {
    public var rows: Int
    public var inputs: [[[T]]]
    public var preActivations: [[[T]]]
    public var outputs: [[[T]]]

    /// F_s ∈ [−1, 1] of every subset for row r.
    public func heads(row r: Int) -> [T] { outputs.map { $0[$0.count - 1][r] } }
}

/// Forward and backward passes of the masked sub-networks over BLAS (`GRUScalar.product`,
/// single-threaded: the caller chooses the parallelism). Forward O(B · `multiplyAdds`), backward
/// about twice that.
public enum AttributionNetwork {
    /// The forward pass for pairs (`users[r]`, `items[r]`).
    /// - Parameter frozen: when given, the children's outputs that a subset reads come from these
    ///   activations (of the same rows) instead of this pass: the stop-gradient made explicit, so
    ///   that finite differences of `forward` measure what `backward` computes.
    /// - Parameter contentRows: the (user, item) rows whose content the pairs read, when not their
    ///   own (the group Shapley values substitute a mean content row).
    public static func forward<T>(_ p: AttributionNetParameters<T>, inputs content: AttributionInputs, users: [Int], items: [Int],
                                  frozen: AttributionActivations<T>? = nil, contentRows: (users: [Int], items: [Int])? = nil) -> AttributionActivations<T> {
        let a = p.architecture, b = users.count, e = a.embeddingSize
        let subsetCount = a.subsets.count
        var f = AttributionActivations<T>(
            rows: b, inputs: Array(repeating: [], count: subsetCount), preActivations: Array(repeating: [], count: subsetCount),
            outputs: Array(repeating: [], count: subsetCount))
        var contentValues = [T](repeating: 0, count: b * a.contentWidth)
        if a.contentWidth > 0 {
            contentValues.withUnsafeMutableBufferPointer { out in
                let cu = contentRows?.users ?? users, ci = contentRows?.items ?? items
                for r in 0..<b { content.content(user: cu[r], item: ci[r], into: out.baseAddress! + r * a.contentWidth) }
            }
        }
        let userBlock = p.blocks[AttributionArchitecture.userEmbedding], itemBlock = p.blocks[AttributionArchitecture.itemEmbedding]
        for l in 0..<a.layerCount {
            let out = a.outputWidth(layer: l)
            for s in 0..<subsetCount {
                let width = a.inputWidth(subset: s, layer: l)
                var x = [T](repeating: 0, count: b * width)
                if l == 0 {
                    var offset = 0
                    if a.reads(s, .content) {
                        for r in 0..<b { for c in 0..<a.contentWidth { x[r * width + c] = contentValues[r * a.contentWidth + c] } }
                        offset += a.contentWidth
                    }
                    if a.reads(s, .user) {
                        for r in 0..<b { for k in 0..<e { x[r * width + offset + k] = userBlock[users[r] * e + k] } }
                        offset += e
                    }
                    if a.reads(s, .item) {
                        for r in 0..<b { for k in 0..<e { x[r * width + offset + k] = itemBlock[items[r] * e + k] } }
                    }
                } else {
                    let w = a.widths[l - 1]
                    for (m, t) in a.members(of: s).enumerated() {
                        let source = t == s ? f.outputs[t][l - 1] : (frozen?.outputs[t][l - 1] ?? f.outputs[t][l - 1])
                        for r in 0..<b { for k in 0..<w { x[r * width + m * w + k] = source[r * w + k] } }
                    }
                }
                let block = a.weightBlock(subset: s, layer: l)
                var pre = [T](repeating: 0, count: b * out)
                let bias = p.blocks[block + 1]
                for r in 0..<b { for j in 0..<out { pre[r * out + j] = bias[j] } }
                x.withUnsafeBufferPointer { px in
                    p.blocks[block].withUnsafeBufferPointer { pw in
                        pre.withUnsafeMutableBufferPointer { pc in
                            T.product(false, false, m: b, n: out, k: width, px.baseAddress!, lda: width, pw.baseAddress!, ldb: out, beta: 1, pc.baseAddress!, ldc: out)
                        }
                    }
                }
                let head = l == a.layerCount - 1
                f.inputs[s].append(x)
                f.outputs[s].append(pre.map { head ? T.hyperbolicTangent($0) : max(0, $0) })
                f.preActivations[s].append(pre)
            }
        }
        return f
    }

    /// Back-propagates ∂L/∂z_s (`dHeads[s]`, B values: the gradient on each head's
    /// pre-activation z_s, F_s = tanh z_s) into `gradient` (added). Each subset's gradient stops
    /// at its children's outputs, so subset s's weights only receive its own head's loss; the
    /// embeddings receive the losses of every subset that reads them, or only of the subsets in
    /// `embeddingSubsets` when given (the others read them with their gradient stopped).
    public static func backward<T>(_ p: AttributionNetParameters<T>, users: [Int], items: [Int], activations f: AttributionActivations<T>,
                                   dHeads: [[T]], gradient: inout AttributionNetParameters<T>, embeddingSubsets: Set<Int>? = nil) {
        let a = p.architecture, b = f.rows, e = a.embeddingSize
        for s in a.subsets.indices {
            var delta = dHeads[s]  // ∂L/∂A of the current layer, B × out
            for l in stride(from: a.layerCount - 1, through: 0, by: -1) {
                let out = a.outputWidth(layer: l), width = a.inputWidth(subset: s, layer: l)
                let block = a.weightBlock(subset: s, layer: l)
                f.inputs[s][l].withUnsafeBufferPointer { px in
                    delta.withUnsafeBufferPointer { pd in
                        gradient.blocks[block].withUnsafeMutableBufferPointer { pg in
                            T.product(true, false, m: width, n: out, k: b, px.baseAddress!, lda: width, pd.baseAddress!, ldb: out, beta: 1, pg.baseAddress!, ldc: out)
                        }
                    }
                }
                for r in 0..<b { for j in 0..<out { gradient.blocks[block + 1][j] += delta[r * out + j] } }
                // ∂L/∂X = δ Wᵀ (B × in).
                var dx = [T](repeating: 0, count: b * width)
                delta.withUnsafeBufferPointer { pd in
                    p.blocks[block].withUnsafeBufferPointer { pw in
                        dx.withUnsafeMutableBufferPointer { pc in
                            T.product(false, true, m: b, n: width, k: out, pd.baseAddress!, lda: out, pw.baseAddress!, ldb: out, beta: 0, pc.baseAddress!, ldc: width)
                        }
                    }
                }
                if l > 0 {
                    // Only the subset's own previous outputs (the first member block) carry a gradient.
                    let w = a.widths[l - 1]
                    let previous = f.preActivations[s][l - 1]
                    var next = [T](repeating: 0, count: b * w)
                    for r in 0..<b { for k in 0..<w where previous[r * w + k] > 0 { next[r * w + k] = dx[r * width + k] } }
                    delta = next
                } else if embeddingSubsets?.contains(s) ?? true {
                    var offset = a.reads(s, .content) ? a.contentWidth : 0
                    if a.reads(s, .user) {
                        for r in 0..<b { for k in 0..<e { gradient.blocks[AttributionArchitecture.userEmbedding][users[r] * e + k] += dx[r * width + offset + k] } }
                        offset += e
                    }
                    if a.reads(s, .item) {
                        for r in 0..<b { for k in 0..<e { gradient.blocks[AttributionArchitecture.itemEmbedding][items[r] * e + k] += dx[r * width + offset + k] } }
                    }
                }
            }
        }
    }
}
