/// The neighbourhood of one item in an item-item similarity graph, as a pure value.
///
/// Built by breadth-first search from `center`, following each reached item's first
/// `neighboursPerNode` (M) neighbours, up to `radius` hops. The edges are those of the induced
/// subgraph: every pair of reached items where one lists the other among its top M, undirected.
///
/// Edge weight comes from the similarity **rank**, not the raw value (as in seed 002's ego
/// graphs): if `b` is the k-th neighbour of `a` (k = 1 … M), the directed weight is
/// (M − k + 1) / M, so the nearest neighbour weighs 1 and the M-th weighs 1/M. When both
/// directions exist the edge keeps the larger weight and the larger similarity. Ranks make
/// widths comparable between models whose similarity scales differ.
public struct EgoGraph: Sendable, Equatable {
    /// A reached item.
    public struct Node: Sendable, Equatable {
        /// Dense item index.
        public var item: Int
        /// Hops from the center (0 for the center itself).
        public var hop: Int
        /// Position in ``EgoGraph/nodes`` of the node through which BFS reached this one
        /// (nil for the center).
        public var parent: Int?
        /// Similarity of this item in the parent's neighbour list (0 for the center).
        public var similarityToParent: Float
    }

    /// An undirected edge between two nodes, `from < to` (positions in ``EgoGraph/nodes``).
    public struct Edge: Sendable, Equatable {
        public var from: Int
        public var to: Int
        /// (M − rank + 1) / M for the better of the two directions, in (0, 1].
        public var weight: Double
        /// The best rank (1 = nearest) among the two directions.
        public var rank: Int
        /// Cosine similarity (the larger of the two directions' values).
        public var similarity: Float
    }

    /// Dense index of the query item.
    public let center: Int
    /// Maximum hop distance followed.
    public let radius: Int
    /// Neighbours followed per node (M).
    public let neighboursPerNode: Int
    /// Reached items in BFS order: the center first, then by hop, then by discovery order
    /// (parent's position, then rank in the parent's list).
    public let nodes: [Node]
    /// Deduplicated edges sorted by (from, to).
    public let edges: [Edge]

    /// Builds the ego graph of `center`.
    ///
    /// - Parameters:
    ///   - center: dense index of the query item; an index outside `neighbours` gives a graph
    ///     with the center alone.
    ///   - radius: hops to follow (default 2); 0 = the center alone.
    ///   - neighboursPerNode: M, neighbours followed and linked per node (default 5).
    ///   - maxNodes: cap on the node count (default 60), applied in BFS order so the nearest
    ///     items are kept; at least 1.
    ///   - neighbours: each item's neighbour list, best first (e.g. from
    ///     ``ItemSimilarity/topNeighbours(of:count:blockSize:)``); self-references are ignored.
    /// - Complexity: O(nodes · M) with hashing.
    public init(center: Int, radius: Int = 2, neighboursPerNode: Int = 5, maxNodes: Int = 60,
                neighbours: [[ItemNeighbour]]) {
        self.center = center
        self.radius = max(0, radius)
        let m = max(1, neighboursPerNode)
        self.neighboursPerNode = m
        let cap = max(1, maxNodes)
        func top(_ item: Int) -> ArraySlice<ItemNeighbour> {
            guard item >= 0 && item < neighbours.count else { return [] }
            return neighbours[item].filter { $0.item != item }.prefix(m)
        }
        var nodes = [Node(item: center, hop: 0, parent: nil, similarityToParent: 0)]
        var position = [center: 0]
        var cursor = 0
        while cursor < nodes.count && nodes.count < cap {
            let node = nodes[cursor]
            if node.hop < self.radius {
                for neighbour in top(node.item) where position[neighbour.item] == nil && nodes.count < cap {
                    position[neighbour.item] = nodes.count
                    nodes.append(Node(item: neighbour.item, hop: node.hop + 1, parent: cursor,
                                      similarityToParent: neighbour.similarity))
                }
            }
            cursor += 1
        }
        var edgeIndex: [Int: Int] = [:]  // key from * nodes.count + to
        var edges: [Edge] = []
        for (a, node) in nodes.enumerated() {
            for (k, neighbour) in top(node.item).enumerated() {
                guard let b = position[neighbour.item] else { continue }
                let from = min(a, b), to = max(a, b)
                let weight = Double(m - k) / Double(m)
                let key = from * nodes.count + to
                if let existing = edgeIndex[key] {
                    edges[existing].weight = max(edges[existing].weight, weight)
                    edges[existing].rank = min(edges[existing].rank, k + 1)
                    edges[existing].similarity = max(edges[existing].similarity, neighbour.similarity)
                } else {
                    edgeIndex[key] = edges.count
                    edges.append(Edge(from: from, to: to, weight: weight, rank: k + 1, similarity: neighbour.similarity))
                }
            }
        }
        edges.sort { ($0.from, $0.to) < ($1.from, $1.to) }
        self.nodes = nodes
        self.edges = edges
    }
}
