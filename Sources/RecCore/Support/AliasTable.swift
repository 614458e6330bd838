/// Walker's alias method: O(n) setup, O(1) draws from a fixed discrete distribution.
struct AliasTable: Sendable {
    /// Probability of keeping column i (else its alias).
    private(set) var probability: [Double]
    /// The other index of column i.
    private(set) var alias: [Int32]

    /// Non-negative weights with a positive sum.
    init(weights: [Double]) {
        let n = weights.count
        precondition(n > 0)
        let total = weights.reduce(0, +)
        precondition(total > 0, "alias table needs a positive total weight")
        var scaled = weights.map { $0 * Double(n) / total }
        probability = [Double](repeating: 1, count: n)
        alias = Array(0..<Int32(n))
        var small: [Int] = [], large: [Int] = []
        for i in 0..<n { if scaled[i] < 1 { small.append(i) } else { large.append(i) } }
        while let s = small.popLast(), let l = large.last {
            probability[s] = scaled[s]
            alias[s] = Int32(l)
            scaled[l] -= 1 - scaled[s]
            if scaled[l] < 1 { large.removeLast(); small.append(l) }
        }
    }

    /// One index drawn with probability proportional to its weight.
    @inline(__always) func sample(_ rng: inout SplitMix64) -> Int {
        let i = rng.nextInt(below: probability.count)
        return rng.nextDouble() < probability[i] ? i : Int(alias[i])
    }
}
