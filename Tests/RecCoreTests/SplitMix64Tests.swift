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
}
