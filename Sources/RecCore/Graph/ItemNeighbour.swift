/// One entry of an item's neighbour list: another item's dense index and its similarity.
public struct ItemNeighbour: Sendable, Equatable, Hashable, Codable {
    /// Dense index of the neighbour item.
    public var item: Int
    /// Cosine similarity to the list's owner, in [-1, 1].
    public var similarity: Float

    public init(item: Int, similarity: Float) {
        self.item = item
        self.similarity = similarity
    }
}
