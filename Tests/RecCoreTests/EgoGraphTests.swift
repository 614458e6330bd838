import RecCore
import Testing

@Suite struct EgoGraphTests {
    static func list(_ items: [Int]) -> [ItemNeighbour] {
        items.enumerated().map { ItemNeighbour(item: $1, similarity: 0.9 - 0.1 * Float($0)) }
    }

    /// 0 → 1, 2, 3; 1 → 0, 4, 5; 2 → 6, 0, 7; 3 → 8; 4 → 9 (hop 3, beyond radius 2).
    static let table: [[ItemNeighbour]] = [
        list([1, 2, 3]), list([0, 4, 5]), list([6, 0, 7]), list([8]), list([9]),
        list([]), list([]), list([]), list([]), list([]),
    ]

    @Test func breadthFirstWithinRadius() {
        let graph = EgoGraph(center: 0, radius: 2, neighboursPerNode: 3, neighbours: Self.table)
        #expect(graph.nodes.map(\.item) == [0, 1, 2, 3, 4, 5, 6, 7, 8])
        #expect(graph.nodes.map(\.hop) == [0, 1, 1, 1, 2, 2, 2, 2, 2])
        #expect(graph.nodes[4].parent == 1 && graph.nodes[6].parent == 2)
        #expect(abs(graph.nodes[5].similarityToParent - 0.7) < 1e-6)
        #expect(!graph.nodes.contains { $0.item == 9 })
        #expect(EgoGraph(center: 0, radius: 1, neighboursPerNode: 3, neighbours: Self.table).nodes.map(\.item) == [0, 1, 2, 3])
        #expect(EgoGraph(center: 0, radius: 0, neighbours: Self.table).nodes.map(\.item) == [0])
    }

    @Test func edgeWeightsFromRankAndDeduplicated() {
        let graph = EgoGraph(center: 0, radius: 2, neighboursPerNode: 3, neighbours: Self.table)
        func edge(_ a: Int, _ b: Int) -> EgoGraph.Edge? {
            graph.edges.first { $0.from == min(a, b) && $0.to == max(a, b) }
        }
        // 0→1 is rank 1 (weight 1), 1→0 rank 1: one edge.
        #expect(edge(0, 1)?.weight == 1 && edge(0, 1)?.rank == 1)
        // 0→2 rank 2 (2/3), 2→0 rank 2 too.
        #expect(edge(0, 2)?.weight == 2.0 / 3.0)
        // 0→3 rank 3 (1/3); 3 does not list 0.
        #expect(edge(0, 3)?.weight == 1.0 / 3.0 && edge(0, 3)?.rank == 3)
        #expect(edge(2, 6)?.weight == 1 && edge(2, 7)?.weight == 1.0 / 3.0)
        #expect(graph.edges.count == 8)
        #expect(graph.edges.allSatisfy { $0.from < $0.to })
        #expect(graph.edges == graph.edges.sorted { ($0.from, $0.to) < ($1.from, $1.to) })
    }

    @Test func keepsTheBetterDirection() {
        // 0 lists 1 third; 1 lists 0 first → weight 1, similarity the larger.
        let table = [
            [ItemNeighbour(item: 2, similarity: 0.9), ItemNeighbour(item: 3, similarity: 0.8), ItemNeighbour(item: 1, similarity: 0.5)],
            [ItemNeighbour(item: 0, similarity: 0.6)], [], [],
        ]
        let graph = EgoGraph(center: 0, neighboursPerNode: 3, neighbours: table)
        let edge = graph.edges.first { $0.from == 0 && $0.to == graph.nodes.firstIndex { $0.item == 1 }! }
        #expect(edge?.weight == 1 && edge?.rank == 1 && edge?.similarity == 0.6)
    }

    @Test func capKeepsNearestInBreadthFirstOrder() {
        let graph = EgoGraph(center: 0, radius: 2, neighboursPerNode: 3, maxNodes: 5, neighbours: Self.table)
        #expect(graph.nodes.map(\.item) == [0, 1, 2, 3, 4])
        #expect(graph.edges.allSatisfy { $0.to < 5 })
    }

    @Test func onlyFirstMNeighboursAreFollowedAndSelfIgnored() {
        let table = [Self.list([0, 1, 2, 3]), Self.list([]), Self.list([]), Self.list([])]
        let graph = EgoGraph(center: 0, neighboursPerNode: 2, neighbours: table)
        #expect(graph.nodes.map(\.item) == [0, 1, 2])
        #expect(graph.edges.map(\.weight) == [1, 0.5])
    }

    @Test func centerOutsideTheTable() {
        let graph = EgoGraph(center: 42, neighbours: Self.table)
        #expect(graph.nodes.map(\.item) == [42] && graph.edges.isEmpty)
    }
}
