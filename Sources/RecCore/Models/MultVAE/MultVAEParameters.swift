/// The weights of `MultVAE` (Liang et al. 2018), row-major, rows = inputs of a layer:
///
///     encoder   a₁ = x̃ W₁ + b₁,  h₁ = tanh a₁,  [μ, log σ²] = h₁ W₂ + b₂
///     decoder   a₃ = z W₃ + b₃,  h₃ = tanh a₃,  logits = h₃ W₄ + b₄
///
/// Shapes (I items, H `hiddenSize`, L `latentSize`): W₁ I × H, b₁ H, W₂ H × 2L (columns 0..<L
/// give μ, L..<2L give log σ²), b₂ 2L, W₃ L × H, b₃ H, W₄ H × I, b₄ I. The same type holds a
/// gradient; `Double` parameters serve the finite-difference checks of the `Float` code.
public struct MultVAEParameters<T: GRUScalar>: Sendable, Equatable {
    public let items: Int
    public let hiddenSize: Int
    public let latentSize: Int
    public var w1: [T]
    public var b1: [T]
    public var w2: [T]
    public var b2: [T]
    public var w3: [T]
    public var b3: [T]
    public var w4: [T]
    public var b4: [T]

    /// The blocks in a fixed order (optimiser states, checks).
    public static var blocks: [WritableKeyPath<MultVAEParameters<T>, [T]>] {
        [\.w1, \.b1, \.w2, \.b2, \.w3, \.b3, \.w4, \.b4]
    }

    /// All-zero parameters (or gradient).
    public init(items: Int, hiddenSize: Int, latentSize: Int) {
        self.items = items
        self.hiddenSize = hiddenSize
        self.latentSize = latentSize
        w1 = [T](repeating: 0, count: items * hiddenSize)
        b1 = [T](repeating: 0, count: hiddenSize)
        w2 = [T](repeating: 0, count: hiddenSize * 2 * latentSize)
        b2 = [T](repeating: 0, count: 2 * latentSize)
        w3 = [T](repeating: 0, count: latentSize * hiddenSize)
        b3 = [T](repeating: 0, count: hiddenSize)
        w4 = [T](repeating: 0, count: hiddenSize * items)
        b4 = [T](repeating: 0, count: items)
    }

    /// Liang et al.'s initialisation: each weight matrix Glorot-uniform, U(±√(6 / (fan in + fan
    /// out))), each bias N(0, 0.001²), drawn in block order from `rng`.
    public init(items: Int, hiddenSize: Int, latentSize: Int, rng: inout SplitMix64) {
        self.init(items: items, hiddenSize: hiddenSize, latentSize: latentSize)
        func glorot(_ values: inout [T], fanIn: Int, fanOut: Int) {
            let limit = (6 / Double(fanIn + fanOut)).squareRoot()
            for k in values.indices { values[k] = T((2 * rng.nextDouble() - 1) * limit) }
        }
        func bias(_ values: inout [T]) {
            for k in values.indices { values[k] = T(rng.nextGaussian() * 0.001) }
        }
        glorot(&w1, fanIn: items, fanOut: hiddenSize)
        bias(&b1)
        glorot(&w2, fanIn: hiddenSize, fanOut: 2 * latentSize)
        bias(&b2)
        glorot(&w3, fanIn: latentSize, fanOut: hiddenSize)
        bias(&b3)
        glorot(&w4, fanIn: hiddenSize, fanOut: items)
        bias(&b4)
    }

    /// Number of scalars.
    public var count: Int { w1.count + b1.count + w2.count + b2.count + w3.count + b3.count + w4.count + b4.count }
}

extension MultVAEParameters: Codable where T: Codable {}
