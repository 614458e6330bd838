/// The shape of an attribution network: its attribution subsets, layer widths and input sizes,
/// and where each weight lives in `AttributionNetParameters.blocks`.
///
/// Subset s has one sub-network: layer 0 reads the input groups of s (content, user embedding,
/// item embedding, in that order); layer l ≥ 1 and the head read the previous layer's outputs of
/// every subset t ⊆ s (s itself first, then its strict subsets in subset order), children's
/// outputs with their gradient stopped. Written as one dense layer over all subsets this is a
/// block-masked weight matrix (the masked dense layers of the reference `multilayered_nn.py`);
/// stored per subset, the zero blocks are simply absent.
public struct AttributionArchitecture: Sendable, Equatable, Codable {
    /// Subsets as bit masks over `AttributionInputs.Group.rawValue`, in mixture order
    /// (every subset after its strict subsets).
    public let subsets: [Int]
    /// Hidden widths (ReLU), first to last; the head (width 1, tanh) follows.
    public let widths: [Int]
    public let contentWidth: Int
    public let embeddingSize: Int
    public let users: Int
    public let items: Int

    public init(subsets: [Int], widths: [Int], contentWidth: Int, embeddingSize: Int, users: Int, items: Int) {
        precondition(!subsets.isEmpty && !widths.isEmpty)
        self.subsets = subsets
        self.widths = widths
        self.contentWidth = contentWidth
        self.embeddingSize = embeddingSize
        self.users = users
        self.items = items
    }

    /// The paper's MovieLens subsets over the groups present: {content}, {content, user},
    /// {content, item}, {content, user, item}; without content, {user}, {item}, {user, item}.
    public static func attributionSubsets(groups: [AttributionInputs.Group]) -> [Int] {
        let c = groups.contains(.content) ? 1 : 0, u = 2, i = 4
        var result: [Int] = []
        for s in [c, c | u, c | i, c | u | i] where s != 0 && !result.contains(s) { result.append(s) }
        return result
    }

    /// The single subset of every present group (the plain-MLP baseline).
    public static func fullSubset(groups: [AttributionInputs.Group]) -> [Int] {
        [groups.reduce(0) { $0 | (1 << $1.rawValue) }]
    }

    /// Number of layers with weights: the hidden layers and the head.
    public var layerCount: Int { widths.count + 1 }

    /// Output width of layer l (1 for the head).
    public func outputWidth(layer l: Int) -> Int { l < widths.count ? widths[l] : 1 }

    /// Whether subset t ⊆ subset s.
    public func includes(_ s: Int, _ t: Int) -> Bool { subsets[t] & ~subsets[s] == 0 }

    /// The subsets whose outputs subset s reads after layer 0: s first, then its strict subsets.
    public func members(of s: Int) -> [Int] { [s] + subsets.indices.filter { $0 != s && includes(s, $0) } }

    /// The strict subsets t ⊊ s (the t of α_s = g_s Π_t (1 − g_t)).
    public func strictSubsets(of s: Int) -> [Int] { subsets.indices.filter { $0 != s && includes(s, $0) } }

    /// The subset that includes every other one (the paper's full set), if any.
    public var rootSubset: Int? { subsets.indices.first { s in subsets.indices.allSatisfy { includes(s, $0) } } }

    /// Whether subset s reads group g.
    public func reads(_ s: Int, _ g: AttributionInputs.Group) -> Bool { subsets[s] & (1 << g.rawValue) != 0 }

    /// Input width of layer l of subset s.
    public func inputWidth(subset s: Int, layer l: Int) -> Int {
        guard l > 0 else {
            return (reads(s, .content) ? contentWidth : 0) + (reads(s, .user) ? embeddingSize : 0) + (reads(s, .item) ? embeddingSize : 0)
        }
        return members(of: s).count * widths[l - 1]
    }

    /// Block index of the user embedding (users × E) and of the item embedding (items × E).
    public static let userEmbedding = 0, itemEmbedding = 1

    /// Block index of the weights (in × out, row-major) of layer l of subset s; the bias follows.
    public func weightBlock(subset s: Int, layer l: Int) -> Int { 2 + 2 * (s * layerCount + l) }

    /// Sizes of every block, in block order.
    public var blockSizes: [Int] {
        var sizes = [users * embeddingSize, items * embeddingSize]
        for s in subsets.indices {
            for l in 0..<layerCount { sizes += [inputWidth(subset: s, layer: l) * outputWidth(layer: l), outputWidth(layer: l)] }
        }
        return sizes
    }

    /// Multiply–adds of one forward pass of one (user, item) pair.
    public var multiplyAdds: Int {
        subsets.indices.reduce(0) { total, s in total + (0..<layerCount).reduce(0) { $0 + inputWidth(subset: s, layer: $1) * outputWidth(layer: $1) } }
    }
}
