import RecCore
import RecRender

/// Ego graphs built the way the site builds them: clustered random item vectors →
/// ``ItemSimilarity`` → ``EgoGraph`` → ``EgoGraphChart``.
enum SampleEgoGraphs {
    static let words = ["Silent", "River", "Midnight", "Express", "Golden", "Harbour", "Last", "Summer", "Broken",
                        "Arrow", "Paper", "Moon", "Crimson", "Tide", "Northern", "Lights", "Hidden", "Garden"]

    /// A title per item: the real sample titles first, then made-up ones, some very long.
    static func title(_ i: Int) -> String {
        if i < SampleCharts.titles.count { return SampleCharts.titles[i] }
        let a = words[i % words.count], b = words[(i * 7 + 3) % words.count]
        let base = "The \(a) \(b)" + (i % 5 == 0 ? " and the Return of the \(words[(i * 3) % words.count]) Kingdom" : "")
        return "\(base) (\(1950 + i % 49))"
    }

    /// Vectors for 1,000 items in 8 clusters.
    static let vectors: Matrix = {
        var rng = SplitMix64(seed: 42)
        let centres = Matrix(rows: 8, columns: 16, gaussianScale: 1, rng: &rng)
        var m = Matrix(rows: 1000, columns: 16)
        for i in 0..<1000 { for c in 0..<16 { m[i, c] = centres[i % 8, c] + Float(rng.nextGaussian()) * 0.8 } }
        return m
    }()

    static let neighbours = ItemSimilarity.topNeighbours(of: vectors, count: 10)

    /// An ego graph chart of about `nodeCount` nodes around item `center`.
    static func chart(nodeCount: Int, center: Int = 0, title: ((Int) -> String) = title) -> EgoGraphChart {
        // The smallest M that reaches the requested size within radius 2.
        var m = 3
        var graph = EgoGraph(center: center, radius: 2, neighboursPerNode: m, maxNodes: nodeCount, neighbours: neighbours)
        while graph.nodes.count < nodeCount && m < 10 {
            m += 1
            graph = EgoGraph(center: center, radius: 2, neighboursPerNode: m, maxNodes: nodeCount, neighbours: neighbours)
        }
        return chart(graph, title: title)
    }

    static func chart(_ graph: EgoGraph, title: ((Int) -> String) = title) -> EgoGraphChart {
        EgoGraphChart(
            title: "Items similar to \(title(graph.center))",
            nodes: graph.nodes.map { EgoGraphChart.Node(label: title($0.item), href: "../items/\($0.item).html", hop: $0.hop, isQuery: $0.hop == 0) },
            edges: graph.edges.map { EgoGraphChart.Edge(from: $0.from, to: $0.to, weight: $0.weight, similarity: Double($0.similarity)) })
    }
}
