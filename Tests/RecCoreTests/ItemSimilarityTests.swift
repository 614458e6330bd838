import RecCore
import Testing

@Suite struct ItemSimilarityTests {
    /// Naive double-precision cosine top-M with the same tie rule.
    static func naive(_ m: Matrix, count: Int) -> [[ItemNeighbour]] {
        let norms = (0..<m.rows).map { r in (0..<m.columns).reduce(0.0) { $0 + Double(m[r, $1]) * Double(m[r, $1]) }.squareRoot() }
        return (0..<m.rows).map { i in
            guard norms[i] > 0 else { return [] }
            var all: [ItemNeighbour] = []
            for j in 0..<m.rows where j != i && norms[j] > 0 {
                var dot = 0.0
                for c in 0..<m.columns { dot += Double(m[i, c]) * Double(m[j, c]) }
                all.append(ItemNeighbour(item: j, similarity: Float(dot / (norms[i] * norms[j]))))
            }
            all.sort { $0.similarity != $1.similarity ? $0.similarity > $1.similarity : $0.item < $1.item }
            return Array(all.prefix(count))
        }
    }

    @Test func matchesNaiveCosineOnRandomVectors() {
        var rng = SplitMix64(seed: 7)
        let vectors = Matrix(rows: 301, columns: 12, gaussianScale: 1, rng: &rng)
        let fast = ItemSimilarity.topNeighbours(of: vectors, count: 6, blockSize: 64)
        let slow = Self.naive(vectors, count: 6)
        #expect(fast.count == 301)
        for i in 0..<301 {
            #expect(fast[i].count == 6)
            for (a, b) in zip(fast[i], slow[i]) {
                #expect(abs(a.similarity - b.similarity) < 1e-5)
                // Items may swap only when their similarities are within rounding.
                if a.item != b.item { #expect(abs(a.similarity - b.similarity) < 1e-5) }
            }
            #expect(Set(fast[i].map(\.item)).count == 6 && !fast[i].contains { $0.item == i })
        }
        #expect(fast == ItemSimilarity.topNeighbours(of: vectors, count: 6, blockSize: 64))
        // Another block size changes sgemm's M, and OpenBLAS's kernels for it (chosen per CPU: on
        // AVX-512 machines they differ in the last bit), so lists agree only up to rounding.
        let other = ItemSimilarity.topNeighbours(of: vectors, count: 6, blockSize: 17)
        #expect(other == ItemSimilarity.topNeighbours(of: vectors, count: 6, blockSize: 17))
        for i in 0..<301 {
            for (a, b) in zip(fast[i], other[i]) {
                #expect(abs(a.similarity - b.similarity) < 1e-6)
                if a.item != b.item { #expect(abs(a.similarity - b.similarity) < 1e-6) }
            }
        }
    }

    @Test func tiesGoToLowerIndexAndZeroRowsAreSkipped() {
        // Items 1, 2, 3 point the same way; item 4 is zero; item 0 is orthogonal to them.
        let vectors = Matrix(rows: 5, columns: 2, values: [0, 1, 1, 0, 2, 0, 3, 0, 0, 0])
        let lists = ItemSimilarity.topNeighbours(of: vectors, count: 2)
        #expect(lists[1].map(\.item) == [2, 3])
        #expect(lists[3].map(\.item) == [1, 2])
        #expect(lists[4].isEmpty)
        #expect(lists[0].map(\.item) == [1, 2] && lists[0].allSatisfy { $0.similarity == 0 })
        #expect(lists.allSatisfy { !$0.contains { $0.item == 4 } })
    }

    @Test func degenerateInputs() {
        #expect(ItemSimilarity.topNeighbours(of: Matrix(rows: 0, columns: 4), count: 3).isEmpty)
        #expect(ItemSimilarity.topNeighbours(of: Matrix(rows: 1, columns: 4, repeating: 1), count: 3) == [[]])
        #expect(ItemSimilarity.topNeighbours(of: Matrix(rows: 3, columns: 2, repeating: 1), count: 0) == [[], [], []])
    }
}
