/// An item's ego graph: the query item, its nearest neighbours and theirs, as a node-link
/// drawing with a deterministic stress layout (``StressLayout``) and non-overlapping labels
/// (``LabelPlacement``).
///
/// Edge width grows with `weight` (e.g. the similarity rank weight of ``RecCore/EgoGraph``);
/// the query node is larger and coloured apart (`rl-node-query`), other nodes are coloured by
/// hop distance (`rl-node-hop-1`, `-2`, `-3` for 3 and more). Each node links to `href` and has
/// a tooltip "title — hop 1 — similarity 0.83 to …"; each edge has a tooltip with its values.
/// Labels show at most ``labelCharacters`` characters (full title in the tooltip). Designed for
/// 1 to ~60 nodes at 720 px width.
public struct EgoGraphChart: Sendable {
    /// One item in the graph.
    public struct Node: Sendable, Equatable {
        /// Item title (full; truncated on the drawing).
        public var label: String
        /// Link to the item's page; nil = no link.
        public var href: String?
        /// Hops from the query item (0 for the query).
        public var hop: Int
        /// Whether this is the query item.
        public var isQuery: Bool

        public init(label: String, href: String? = nil, hop: Int, isQuery: Bool = false) {
            self.label = label
            self.href = href
            self.hop = hop
            self.isQuery = isQuery
        }
    }

    /// An undirected edge between `nodes[from]` and `nodes[to]`.
    public struct Edge: Sendable, Equatable {
        public var from: Int
        public var to: Int
        /// Width weight in [0, 1] (1 = nearest neighbour).
        public var weight: Double
        /// Similarity value shown in tooltips and the CSV.
        public var similarity: Double

        public init(from: Int, to: Int, weight: Double, similarity: Double) {
            self.from = from
            self.to = to
            self.weight = weight
            self.similarity = similarity
        }
    }

    /// Chart title.
    public var title: String
    public var nodes: [Node]
    /// Edges; ones with an endpoint out of range or a self-loop are ignored.
    public var edges: [Edge]
    /// Accessible description; nil = generated.
    public var description: String?
    /// Maximum characters of a node label before it is cut with "…" (default 24).
    public var labelCharacters: Int

    public init(title: String, nodes: [Node], edges: [Edge], description: String? = nil, labelCharacters: Int = 24) {
        self.title = title
        self.nodes = nodes
        self.edges = edges
        self.description = description
        self.labelCharacters = labelCharacters
    }

    /// The edges that are drawn: valid endpoints, no self-loops, finite weights clamped to [0, 1].
    var validEdges: [Edge] {
        edges.compactMap { e in
            guard e.from != e.to, nodes.indices.contains(e.from), nodes.indices.contains(e.to) else { return nil }
            var e = e
            e.weight = e.weight.isFinite ? min(1, max(0, e.weight)) : 0
            return e
        }
    }

    /// The edge list as CSV: `source,target,weight,similarity` (node labels, full titles).
    public func csv() -> String {
        CSVTable(header: ["source", "target", "weight", "similarity"], rows: validEdges.map {
            [nodes[$0.from].label, nodes[$0.to].label, CSVTable.number($0.weight), CSVTable.number($0.similarity)]
        }).csvString
    }

    /// `text` cut to at most `limit` characters, ending in "…" when cut.
    static func shortened(_ text: String, to limit: Int) -> String {
        guard text.count > limit, limit > 1 else { return text }
        var cut = String(text.prefix(limit - 1))
        while cut.last == " " { cut.removeLast() }
        return cut + "…"
    }

    /// Tooltip of node `i`: "title — query item" or "title — hop h — similarity s to parent",
    /// where the parent is the most similar neighbour one hop closer to the query.
    func tooltip(ofNode i: Int, edges: [Edge]) -> String {
        let node = nodes[i]
        if node.isQuery || node.hop == 0 { return "\(node.label) — query item" }
        var best: (similarity: Double, other: Int)?
        for e in edges where e.from == i || e.to == i {
            let other = e.from == i ? e.to : e.from
            guard nodes[other].hop == node.hop - 1 else { continue }
            if best == nil || e.similarity > best!.similarity { best = (e.similarity, other) }
        }
        var text = "\(node.label) — hop \(node.hop)"
        if let best { text += " — similarity \(formatFixed(best.similarity, digits: 2)) to \(nodes[best.other].label)" }
        return text
    }
}
