/// The weights of an attribution network as flat blocks (see `AttributionArchitecture` for the
/// layout): embeddings, then per subset and layer a row-major weight matrix and a bias.
/// Generic over the scalar so that gradients can be checked in `Double`.
public struct AttributionNetParameters<T: GRUScalar>: Sendable, Equatable {
    public let architecture: AttributionArchitecture
    public var blocks: [[T]]

    /// Zeros (a gradient accumulator).
    public init(architecture: AttributionArchitecture) {
        self.architecture = architecture
        blocks = architecture.blockSizes.map { [T](repeating: 0, count: $0) }
    }

    /// Random initialisation: embeddings N(0, `embeddingScale`²), weights Glorot-uniform
    /// (Keras' default), biases 0.
    public init(architecture a: AttributionArchitecture, embeddingScale: Double, rng: inout SplitMix64) {
        self.init(architecture: a)
        for b in [AttributionArchitecture.userEmbedding, AttributionArchitecture.itemEmbedding] {
            for k in blocks[b].indices { blocks[b][k] = T(rng.nextGaussian() * embeddingScale) }
        }
        for s in a.subsets.indices {
            for l in 0..<a.layerCount {
                let fanIn = a.inputWidth(subset: s, layer: l), fanOut = a.outputWidth(layer: l)
                let limit = (6 / Double(max(1, fanIn + fanOut))).squareRoot()
                let w = a.weightBlock(subset: s, layer: l)
                for k in blocks[w].indices { blocks[w][k] = T((2 * rng.nextDouble() - 1) * limit) }
            }
        }
    }

    /// The same weights in another scalar type.
    public func converted<U: GRUScalar>(to _: U.Type) -> AttributionNetParameters<U> {
        var p = AttributionNetParameters<U>(architecture: architecture)
        p.blocks = blocks.map { $0.map { U(Double($0)) } }
        return p
    }
}
