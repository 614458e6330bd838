/// The weights of one GRU layer in PyTorch's layout (`torch.nn.GRU`, layer 0), row-major.
///
/// D = `inputSize`, H = `hiddenSize`. The three gate blocks are stacked in PyTorch's order
/// r (reset), z (update), n (new): rows 0..<H of `weightIH` are W_ir, H..<2H W_iz, 2H..<3H W_in,
/// and likewise for `weightHH`, `biasIH` and `biasHH`. See `GRUCell` for the equations.
public struct GRUWeights: Sendable, Equatable {
    /// D, the width of an input vector.
    public var inputSize: Int
    /// H, the width of the hidden state.
    public var hiddenSize: Int
    /// 3H × D (`gru.weight_ih_l0`).
    public var weightIH: Matrix
    /// 3H × H (`gru.weight_hh_l0`).
    public var weightHH: Matrix
    /// 3H (`gru.bias_ih_l0`).
    public var biasIH: [Float]
    /// 3H (`gru.bias_hh_l0`).
    public var biasHH: [Float]

    /// Weights from their parts; shapes are checked.
    public init(inputSize: Int, hiddenSize: Int, weightIH: Matrix, weightHH: Matrix, biasIH: [Float], biasHH: [Float]) {
        precondition(weightIH.rows == 3 * hiddenSize && weightIH.columns == inputSize, "GRUWeights: W_ih must be 3H × D")
        precondition(weightHH.rows == 3 * hiddenSize && weightHH.columns == hiddenSize, "GRUWeights: W_hh must be 3H × H")
        precondition(biasIH.count == 3 * hiddenSize && biasHH.count == 3 * hiddenSize, "GRUWeights: biases must have 3H entries")
        self.inputSize = inputSize
        self.hiddenSize = hiddenSize
        self.weightIH = weightIH
        self.weightHH = weightHH
        self.biasIH = biasIH
        self.biasHH = biasHH
    }

    /// The input-side gate pre-activations x·W_ihᵀ + b_ih of `rows` input vectors (rows × D,
    /// row-major) into `gates` (rows × 3H), one `cblas_sgemm`. O(rows · D · H).
    public func inputGates(_ inputs: UnsafePointer<Float>, rows: Int, into gates: UnsafeMutablePointer<Float>) {
        let g = 3 * hiddenSize
        biasIH.withUnsafeBufferPointer { bias in
            for r in 0..<rows { (gates + r * g).update(from: bias.baseAddress!, count: g) }
        }
        weightIH.values.withUnsafeBufferPointer { w in
            Float.product(false, true, m: rows, n: g, k: inputSize, inputs, lda: inputSize, w.baseAddress!, ldb: inputSize,
                          beta: 1, gates, ldc: g)
        }
    }
}

extension GRUWeights: Codable {}
