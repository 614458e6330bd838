import RecCore
import Testing

@Suite struct SplitMix64Tests {
    @Test func knownFirstOutputs() {
        // Reference values of SplitMix64 with seed 0 (Vigna's splitmix64.c).
        var rng = SplitMix64(seed: 0)
        #expect(rng.next() == 0xE220_A839_7B1D_CDAF)
        #expect(rng.next() == 0x6E78_9E6A_A1B9_65F4)
    }

    @Test func boundedDrawsStayInRangeAndCoverIt() {
        var rng = SplitMix64(seed: 7)
        var seen = Set<Int>()
        for _ in 0..<1000 {
            let x = rng.nextInt(below: 10)
            #expect((0..<10).contains(x))
            seen.insert(x)
        }
        #expect(seen.count == 10)
    }

    @Test func sampleIsDistinctSortedAndDeterministic() {
        var a = SplitMix64(seed: 3), b = SplitMix64(seed: 3)
        let s = a.sample(50, from: 100)
        #expect(s == b.sample(50, from: 100))
        #expect(Set(s).count == 50 && s == s.sorted() && s.allSatisfy { $0 < 100 })
    }

    /// Up to 64 indices, the chosen set is one word's bits: the same draws as Floyd's algorithm
    /// over a `Set` (written out here), the same sample, and the generator left in the same state.
    @Test func smallSamplesAreFloydsOverABitMask() {
        func floyd(_ k: Int, from n: Int, _ rng: inout SplitMix64) -> [Int] {
            var chosen = Set<Int>()
            for j in (n - k)..<n {
                let t = rng.nextInt(below: j + 1)
                if !chosen.insert(t).inserted { chosen.insert(j) }
            }
            return chosen.sorted()
        }
        for seed in UInt64(0)..<40 {
            for n in [1, 2, 5, 13, 31, 63, 64] {
                for k in Set([0, 1, n / 2, n - 1, n].filter { $0 >= 0 }) {
                    var a = SplitMix64(seed: seed), b = SplitMix64(seed: seed), c = SplitMix64(seed: seed)
                    let expected = floyd(k, from: n, &a)
                    #expect(b.sample(k, from: n) == expected)
                    let mask = c.sampleMask(k, from: n)
                    #expect((0..<n).filter { mask & (1 << UInt64($0)) != 0 } == expected && mask.nonzeroBitCount == k)
                    let (x, y, z) = (a.next(), b.next(), c.next())
                    #expect(x == y && y == z)
                }
            }
        }
    }
}
