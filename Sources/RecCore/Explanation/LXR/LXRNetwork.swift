/// The explainer network of LXR (Barkan et al., WWW 2024; DeltaLabTLV/LXR `Explainer`): for a
/// user's binary history vector x (I items) and a target item y,
///
///     u = x Wᵤ + bᵤ,  v = e_y Wᵥ + bᵥ          (two linear embeddings, I → h each)
///     c = tanh([u, v]),  g = tanh(c W_c + b_c)   (2h → h)
///     mᵢ = σ(g · W_oᵢ + b_oᵢ)                    (h → I, one mask value per item)
///
/// Only the history items' mask values are ever read (the mask multiplies x), so a forward pass
/// costs O(n·h + h²) for n history items, whatever the catalogue size. Shapes: Wᵤ, Wᵥ and W_o
/// are I × h (row i = item i; W_o stored transposed), bᵤ, bᵥ, b_c h, W_c 2h × h, b_o I. The same
/// type holds a gradient; `Double` serves the finite-difference checks.
public struct LXRNetwork<T: GRUScalar>: Sendable, Equatable {
    public let items: Int
    public let hiddenSize: Int
    public var userWeight: [T]
    public var userBias: [T]
    public var itemWeight: [T]
    public var itemBias: [T]
    public var hiddenWeight: [T]
    public var hiddenBias: [T]
    public var outputWeight: [T]
    public var outputBias: [T]

    /// The blocks in a fixed order (optimiser states, checks).
    public static var blocks: [WritableKeyPath<LXRNetwork<T>, [T]>] {
        [\.userWeight, \.userBias, \.itemWeight, \.itemBias, \.hiddenWeight, \.hiddenBias, \.outputWeight, \.outputBias]
    }

    /// All zero (or a zero gradient).
    public init(items: Int, hiddenSize h: Int) {
        self.items = items
        hiddenSize = h
        userWeight = [T](repeating: 0, count: items * h)
        userBias = [T](repeating: 0, count: h)
        itemWeight = userWeight
        itemBias = userBias
        hiddenWeight = [T](repeating: 0, count: 2 * h * h)
        hiddenBias = userBias
        outputWeight = userWeight
        outputBias = [T](repeating: 0, count: items)
    }

    /// PyTorch's `nn.Linear` initialisation, as the reference: every weight and bias of a layer
    /// with fan-in k drawn from U(−1/√k, 1/√k), in block order from `rng`.
    public init(items: Int, hiddenSize h: Int, rng: inout SplitMix64) {
        self.init(items: items, hiddenSize: h)
        func uniform(_ values: inout [T], fanIn: Int) {
            let limit = 1 / Double(fanIn).squareRoot()
            for k in values.indices { values[k] = T((2 * rng.nextDouble() - 1) * limit) }
        }
        uniform(&userWeight, fanIn: items)
        uniform(&userBias, fanIn: items)
        uniform(&itemWeight, fanIn: items)
        uniform(&itemBias, fanIn: items)
        uniform(&hiddenWeight, fanIn: 2 * h)
        uniform(&hiddenBias, fanIn: 2 * h)
        uniform(&outputWeight, fanIn: h)
        uniform(&outputBias, fanIn: h)
    }

    /// The activations of one (history, target) pass, kept for the backward pass.
    public struct Pass: Sendable {
        /// c = tanh([u, v]) (2h) and g (h).
        var combined: [T]
        var hidden: [T]
        /// The history items' mask values, in `history` order.
        public var mask: [T]
    }

    /// The mask values of `history` (distinct item indices) for `target`. O(n·h + h²): the
    /// history's rows of Wᵤ and W_o in vectorisable pointer loops, the hidden layer one `gemm`.
    public func forward(history: [Int], target: Int) -> Pass {
        let h = hiddenSize
        var combined = [T](repeating: 0, count: 2 * h), hidden = hiddenBias
        var mask = [T](repeating: 0, count: history.count)
        combined.withUnsafeMutableBufferPointer { c in
            userWeight.withUnsafeBufferPointer { wu in
                itemWeight.withUnsafeBufferPointer { wv in
                    for k in 0..<h {
                        c[k] = userBias[k]
                        c[h + k] = itemBias[k] + wv[target * h + k]
                    }
                    for j in history {
                        let row = wu.baseAddress! + j * h
                        for k in 0..<h { c[k] += row[k] }
                    }
                }
            }
            for k in 0..<(2 * h) { c[k] = T.hyperbolicTangent(c[k]) }
            hidden.withUnsafeMutableBufferPointer { g in
                hiddenWeight.withUnsafeBufferPointer { wc in
                    T.product(false, false, m: 1, n: h, k: 2 * h, UnsafePointer(c.baseAddress!), lda: 2 * h, wc.baseAddress!, ldb: h,
                              beta: 1, g.baseAddress!, ldc: h)
                }
                for k in 0..<h { g[k] = T.hyperbolicTangent(g[k]) }
                outputWeight.withUnsafeBufferPointer { wo in
                    outputBias.withUnsafeBufferPointer { bo in
                        mask.withUnsafeMutableBufferPointer { out in
                            for (e, j) in history.enumerated() {
                                let row = wo.baseAddress! + j * h
                                var z = bo[j]
                                for k in 0..<h { z += g[k] * row[k] }
                                out[e] = T.sigmoid(z)
                            }
                        }
                    }
                }
            }
        }
        return Pass(combined: combined, hidden: hidden, mask: mask)
    }

    /// Adds ∂L/∂θ to `gradient` given ∂L/∂mⱼ (`dMask`, `history` order) of the pass. O(n·h + h²):
    /// pointer loops over the history's rows, the hidden layer's two products as `gemm`s.
    public func backward(history: [Int], target: Int, pass: Pass, dMask: [T], gradient: inout LXRNetwork<T>) {
        let h = hiddenSize
        var dz = [T](repeating: 0, count: history.count)
        for e in history.indices {
            let m = pass.mask[e]
            dz[e] = dMask[e] * m * (1 - m)
            gradient.outputBias[history[e]] += dz[e]
        }
        var dHidden = [T](repeating: 0, count: h), dCombined = [T](repeating: 0, count: 2 * h)
        dHidden.withUnsafeMutableBufferPointer { dh in
            pass.hidden.withUnsafeBufferPointer { g in
                outputWeight.withUnsafeBufferPointer { wo in
                    gradient.outputWeight.withUnsafeMutableBufferPointer { gwo in
                        for (e, j) in history.enumerated() {
                            let d = dz[e], row = wo.baseAddress! + j * h, gradientRow = gwo.baseAddress! + j * h
                            for k in 0..<h {
                                gradientRow[k] += d * g[k]
                                dh[k] += d * row[k]
                            }
                        }
                    }
                }
                for k in 0..<h { dh[k] *= 1 - g[k] * g[k] }
            }
            pass.combined.withUnsafeBufferPointer { c in
                // ∂L/∂W_c += cᵀ·∂L/∂g (rank one), ∂L/∂c = ∂L/∂g·W_cᵀ.
                gradient.hiddenWeight.withUnsafeMutableBufferPointer { gwc in
                    T.product(true, false, m: 2 * h, n: h, k: 1, c.baseAddress!, lda: 2 * h, UnsafePointer(dh.baseAddress!), ldb: h,
                              beta: 1, gwc.baseAddress!, ldc: h)
                }
                dCombined.withUnsafeMutableBufferPointer { dc in
                    hiddenWeight.withUnsafeBufferPointer { wc in
                        T.product(false, true, m: 1, n: 2 * h, k: h, UnsafePointer(dh.baseAddress!), lda: h, wc.baseAddress!, ldb: h,
                                  beta: 0, dc.baseAddress!, ldc: 2 * h)
                    }
                    for r in 0..<(2 * h) { dc[r] *= 1 - c[r] * c[r] }
                }
            }
        }
        for k in 0..<h {
            gradient.hiddenBias[k] += dHidden[k]
            gradient.userBias[k] += dCombined[k]
            gradient.itemBias[k] += dCombined[h + k]
        }
        gradient.itemWeight.withUnsafeMutableBufferPointer { gwv in
            for k in 0..<h { gwv[target * h + k] += dCombined[h + k] }
        }
        gradient.userWeight.withUnsafeMutableBufferPointer { gwu in
            dCombined.withUnsafeBufferPointer { dc in
                for j in history {
                    let row = gwu.baseAddress! + j * h
                    for k in 0..<h { row[k] += dc[k] }
                }
            }
        }
    }
}

extension LXRNetwork: Codable where T: Codable {}
