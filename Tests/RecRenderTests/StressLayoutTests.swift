import RecRender
import Testing

@Suite struct StressLayoutTests {
    /// A 12-node graph: a ring of 8 with a 4-node tail.
    static let edges: [(from: Int, to: Int, length: Double)] =
        (0..<8).map { (from: $0, to: ($0 + 1) % 8, length: 1.0) } + [(7, 8, 1), (8, 9, 1.3), (9, 10, 1), (10, 11, 1.5)]

    static func allFinite(_ points: [LayoutPoint]) -> Bool { points.allSatisfy { $0.x.isFinite && $0.y.isFinite } }

    @Test func deterministic() {
        let d = StressLayout.shortestPaths(nodeCount: 12, edges: Self.edges)
        let a = StressLayout().positions(distances: d), b = StressLayout().positions(distances: d)
        #expect(a == b && a.count == 12 && Self.allFinite(a))
        #expect(StressLayout().positions(distances: d, focus: 3) == StressLayout().positions(distances: d, focus: 3))
    }

    @Test func stressDecreasesFromTheInitialLayout() {
        let d = StressLayout.shortestPaths(nodeCount: 12, edges: Self.edges)
        let initial = StressLayout.stress(StressLayout.initialPositions(targets: d), targets: d)
        let final = StressLayout.stress(StressLayout().positions(distances: d), targets: d)
        #expect(final < initial)
        #expect(final < 1, "a ring with a tail embeds with low stress, got \(final)")
        // A few sweeps already help; more never hurt.
        let early = StressLayout.stress(StressLayout(iterations: 3).positions(distances: d), targets: d)
        #expect(final <= early + 1e-9 && early < initial)
    }

    @Test func shortestPaths() {
        let d = StressLayout.shortestPaths(nodeCount: 4, edges: [(0, 1, 1), (1, 2, 2), (0, 2, 5)])
        #expect(d[0][2] == 3 && d[2][0] == 3 && d[0][3] == .infinity && d[3][3] == 0)
    }

    @Test(arguments: [0, 1, 2, 3])
    func edgeCasesAreFinite(nodeCount: Int) {
        // No edges at all: every pair is "disconnected".
        let d = StressLayout.shortestPaths(nodeCount: nodeCount, edges: [])
        let p = StressLayout().positions(distances: d)
        #expect(p.count == nodeCount && Self.allFinite(p))
        if nodeCount >= 2 { #expect(p[0].distance(to: p[1]) > 0.1) }
    }

    @Test func twoNodesSitAtTheirDistance() {
        let p = StressLayout().positions(distances: StressLayout.shortestPaths(nodeCount: 2, edges: [(0, 1, 2)]))
        #expect(abs(p[0].distance(to: p[1]) - 2) < 1e-6)
    }

    @Test func disconnectedPartsAndDuplicatesStayFiniteAndApart() {
        // Two triangles with no link between them; nodes 6 and 7 are isolated.
        let edges: [(from: Int, to: Int, length: Double)] = [(0, 1, 1), (1, 2, 1), (0, 2, 1), (3, 4, 1), (4, 5, 1), (3, 5, 1)]
        let p = StressLayout().positions(distances: StressLayout.shortestPaths(nodeCount: 8, edges: edges))
        #expect(Self.allFinite(p))
        for i in 0..<8 { for j in (i + 1)..<8 { #expect(p[i].distance(to: p[j]) > 0.3) } }
        // Target distance 0 between distinct nodes (duplicates) is treated as "far", not divided by.
        let zeros = [[Double]](repeating: [0, 0, 0], count: 3)
        #expect(Self.allFinite(StressLayout().positions(distances: zeros)))
    }

    @Test func fittingStaysInsideTheBoxAndHandlesOnePoint() {
        let box = LabelBox(x: 10, y: 20, width: 300, height: 100)
        let d = StressLayout.shortestPaths(nodeCount: 12, edges: Self.edges)
        let fitted = StressLayout.fitted(StressLayout().positions(distances: d), into: box)
        #expect(fitted.allSatisfy { $0.x >= 10 - 1e-9 && $0.x <= 310 + 1e-9 && $0.y >= 20 - 1e-9 && $0.y <= 120 + 1e-9 })
        #expect(StressLayout.fitted([LayoutPoint(x: 5, y: 5)], into: box) == [LayoutPoint(x: 160, y: 70)])
        #expect(StressLayout.fitted([], into: box).isEmpty)
    }
}
