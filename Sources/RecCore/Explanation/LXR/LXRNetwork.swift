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

    /// The mask values of `history` (distinct item indices) for `target`. O(n·h + h²).
    public func forward(history: [Int], target: Int) -> Pass {
        let h = hiddenSize
        var combined = [T](repeating: 0, count: 2 * h)
        for k in 0..<h {
            combined[k] = userBias[k]
            combined[h + k] = itemBias[k] + itemWeight[target * h + k]
        }
        for j in history { for k in 0..<h { combined[k] += userWeight[j * h + k] } }
        for k in 0..<(2 * h) { combined[k] = T.hyperbolicTangent(combined[k]) }
        var hidden = hiddenBias
        for r in 0..<(2 * h) {
            let c = combined[r]
            for k in 0..<h { hidden[k] += c * hiddenWeight[r * h + k] }
        }
        for k in 0..<h { hidden[k] = T.hyperbolicTangent(hidden[k]) }
        let mask = history.map { j -> T in
            var z = outputBias[j]
            for k in 0..<h { z += hidden[k] * outputWeight[j * h + k] }
            return T.sigmoid(z)
        }
        return Pass(combined: combined, hidden: hidden, mask: mask)
    }

    /// Adds ∂L/∂θ to `gradient` given ∂L/∂mⱼ (`dMask`, `history` order) of the pass. O(n·h + h²).
    public func backward(history: [Int], target: Int, pass: Pass, dMask: [T], gradient: inout LXRNetwork<T>) {
        let h = hiddenSize
        var dHidden = [T](repeating: 0, count: h)
        for (e, j) in history.enumerated() {
            let m = pass.mask[e], dz = dMask[e] * m * (1 - m)
            gradient.outputBias[j] += dz
            for k in 0..<h {
                gradient.outputWeight[j * h + k] += dz * pass.hidden[k]
                dHidden[k] += dz * outputWeight[j * h + k]
            }
        }
        for k in 0..<h { dHidden[k] *= 1 - pass.hidden[k] * pass.hidden[k] }
        var dCombined = [T](repeating: 0, count: 2 * h)
        for r in 0..<(2 * h) {
            let c = pass.combined[r]
            var s: T = 0
            for k in 0..<h {
                gradient.hiddenWeight[r * h + k] += c * dHidden[k]
                s += hiddenWeight[r * h + k] * dHidden[k]
            }
            dCombined[r] = s * (1 - c * c)
        }
        for k in 0..<h {
            gradient.hiddenBias[k] += dHidden[k]
            gradient.userBias[k] += dCombined[k]
            gradient.itemBias[k] += dCombined[h + k]
            gradient.itemWeight[target * h + k] += dCombined[h + k]
        }
        for j in history { for k in 0..<h { gradient.userWeight[j * h + k] += dCombined[k] } }
    }
}

extension LXRNetwork: Codable where T: Codable {}
