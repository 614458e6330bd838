/// The trainable parameters of `GRU4Rec` (the same type holds a gradient), flat row-major arrays.
///
/// Shapes (I items, E embedding size, F event features, D = E + F, H hidden size):
/// `embedding` I × E (tied: input and output item vectors), `weightIH` 3H × D, `weightHH` 3H × H,
/// `biasIH` and `biasHH` 3H (gate blocks r, z, n as in `GRUWeights`), and with an output layer
/// `outWeight` E × H and `outBias` E (both empty without one, then E must equal H).
public struct GRUParameters<T: GRUScalar>: Sendable, Equatable {
    public var items: Int
    public var embeddingSize: Int
    public var inputSize: Int
    public var hiddenSize: Int
    public var embedding: [T]
    public var weightIH: [T]
    public var weightHH: [T]
    public var biasIH: [T]
    public var biasHH: [T]
    public var outWeight: [T]
    public var outBias: [T]

    /// All-zero parameters (or gradient).
    public init(items: Int, embeddingSize e: Int, featureSize f: Int, hiddenSize h: Int, outputLayer: Bool) {
        precondition(outputLayer || e == h, "GRUParameters: without an output layer E must equal H")
        self.items = items
        embeddingSize = e
        inputSize = e + f
        hiddenSize = h
        embedding = [T](repeating: 0, count: items * e)
        weightIH = [T](repeating: 0, count: 3 * h * (e + f))
        weightHH = [T](repeating: 0, count: 3 * h * h)
        biasIH = [T](repeating: 0, count: 3 * h)
        biasHH = [T](repeating: 0, count: 3 * h)
        outWeight = [T](repeating: 0, count: outputLayer ? e * h : 0)
        outBias = [T](repeating: 0, count: outputLayer ? e : 0)
    }

    /// Whether q = W_out h + b_out (else q = h).
    public var hasOutputLayer: Bool { !outBias.isEmpty }
    /// F = D − E.
    public var featureSize: Int { inputSize - embeddingSize }

    /// PyTorch's default initialisation: embeddings N(0, `embeddingScale`²), every GRU and output
    /// weight and bias uniform in ±1/√H.
    mutating func initialise(embeddingScale: Float, rng: inout SplitMix64) {
        for k in embedding.indices { embedding[k] = T(Float(rng.nextGaussian()) * embeddingScale) }
        let bound = 1 / Double(hiddenSize).squareRoot()
        func uniform(_ values: inout [T]) {
            for k in values.indices { values[k] = T(Float((2 * rng.nextDouble() - 1) * bound)) }
        }
        uniform(&weightIH); uniform(&weightHH); uniform(&biasIH); uniform(&biasHH)
        uniform(&outWeight); uniform(&outBias)
    }
}

extension GRUParameters where T == Float {
    /// The recurrent layer as `GRUWeights`.
    public var weights: GRUWeights {
        GRUWeights(inputSize: inputSize, hiddenSize: hiddenSize,
                   weightIH: Matrix(rows: 3 * hiddenSize, columns: inputSize, values: weightIH),
                   weightHH: Matrix(rows: 3 * hiddenSize, columns: hiddenSize, values: weightHH), biasIH: biasIH, biasHH: biasHH)
    }
}
