/// The coalitions KernelSHAP evaluates and their regression weights, chosen as shap's
/// `KernelExplainer.explain` does (sizes enumerated while the budget allows, then paired sampling).
///
/// Rows 0 and 1 of `batch` are ∅ and the full set; rows 2… are the regression samples, with
/// `weights[r − 2]` for row r. Weights sum to 1 over the samples.
struct KernelSamplingPlan {
    /// ∅, the full set, then the samples.
    private(set) var batch: CoalitionBatch
    /// Kernel weight of each sample (row r ↦ `weights[r − 2]`).
    private(set) var weights: [Double] = []
    /// True when every size was enumerated, i.e. all 2ⁿ − 2 proper coalitions are samples.
    private(set) var enumeratedAll = false

    /// A plan over n ≥ 2 players spending at most `budget` evaluations, ∅ and the full set included.
    ///
    /// Mirrors shap: `num_subset_sizes` = ⌈(n − 1)/2⌉, `num_paired_subset_sizes` = ⌊(n − 1)/2⌋,
    /// `weight_vector[s]` ∝ (n − 1)/(s(n − s)), doubled for paired sizes (s and n − s); size s is
    /// enumerated when budget-left × renormalised weight / #subsets ≥ 1 − 1e-8; sampled sizes are
    /// drawn ∝ weight (halved for paired sizes, since each draw adds a mask and its complement),
    /// at most 4 × samples-left draws; sampled weights are counts rescaled to the weight left.
    init(playerCount n: Int, budget: Int, seed: UInt64) {
        precondition(n >= 2, "KernelSHAP sampling needs at least two players")
        batch = CoalitionBatch(playerCount: n)
        batch.append(repeatElement(false, count: n))
        batch.append(repeatElement(true, count: n))

        let maxSamples = n < 62 ? (1 << n) - 2 : Int.max
        let sampleCount = min(max(budget - 2, 0), maxSamples)
        let sizeCount = n / 2, pairedSizeCount = (n - 1) / 2
        var weightVector = (1...sizeCount).map { s in
            Double(n - 1) / Double(s * (n - s)) * (s <= pairedSizeCount ? 2 : 1)
        }
        let weightSum = weightVector.reduce(0, +)
        weightVector = weightVector.map { $0 / weightSum }

        let fullSizes = enumerateSizes(n: n, sampleCount: sampleCount, weightVector: weightVector, pairedSizeCount: pairedSizeCount)
        enumeratedAll = fullSizes == sizeCount
        let samplesLeft = sampleCount - weights.count
        if !enumeratedAll && samplesLeft > 0 {
            var rng = SplitMix64(seed: seed)
            sample(
                n: n, count: samplesLeft, fromSize: fullSizes + 1, weightVector: weightVector,
                pairedSizeCount: pairedSizeCount, rng: &rng)
        }
    }

    /// Adds every coalition of sizes 1, 2, … (and their complements) while the budget allows;
    /// returns how many sizes were enumerated.
    private mutating func enumerateSizes(n: Int, sampleCount: Int, weightVector: [Double], pairedSizeCount: Int) -> Int {
        var left = Double(sampleCount)
        var remaining = weightVector
        var fullSizes = 0
        for s in 1...weightVector.count {
            let paired = s <= pairedSizeCount
            let subsets = Self.binomial(n, s)
            let needed = paired ? 2 * subsets : subsets
            // shap's test; `needed <= left` only matters past 10⁸ subsets and keeps the budget a bound.
            guard left * remaining[s - 1] / needed >= 1 - 1e-8 && needed <= left else { break }
            fullSizes += 1
            left -= needed
            let share = remaining[s - 1]
            if share < 1 { remaining = remaining.map { $0 / (1 - share) } }
            let w = weightVector[s - 1] / subsets / (paired ? 2 : 1)
            var members = Array(0..<s)
            repeat {
                batch.append(players: members)
                weights.append(w)
                if paired {
                    batch.append(Self.complement(of: members, n: n))
                    weights.append(w)
                }
            } while Self.advance(&members, n: n)
        }
        return fullSizes
    }

    /// Paired sampling over sizes ≥ `fromSize`; duplicates add 1 to the first copy's weight.
    private mutating func sample(
        n: Int, count: Int, fromSize: Int, weightVector: [Double], pairedSizeCount: Int, rng: inout SplitMix64
    ) {
        var probabilities = weightVector.enumerated().map { $0.offset < pairedSizeCount ? $0.element / 2 : $0.element }
        probabilities = Array(probabilities[(fromSize - 1)...])
        let total = probabilities.reduce(0, +)
        var cumulative: [Double] = []
        var running = 0.0
        for p in probabilities {
            running += p / total
            cumulative.append(running)
        }

        let fixed = weights.count
        if n <= 64 {
            // Each coalition a bit mask: no array per draw for its members, its key and its
            // complement (planning was 6 % of explaining ML-100k's users with arrays).
            let all: UInt64 = n == 64 ? ~0 : (1 << UInt64(n)) - 1
            draw(count: count, fromSize: fromSize, pairedSizeCount: pairedSizeCount, cumulative: cumulative, rng: &rng,
                 members: { (size: Int, rng: inout SplitMix64) -> UInt64 in rng.sampleMask(size, from: n) },
                 append: { (batch: inout CoalitionBatch, bits: UInt64, complement: Bool) in batch.append(bits: complement ? ~bits & all : bits) })
        } else {
            draw(count: count, fromSize: fromSize, pairedSizeCount: pairedSizeCount, cumulative: cumulative, rng: &rng,
                 members: { (size: Int, rng: inout SplitMix64) -> [UInt64] in Self.key(of: rng.sample(size, from: n), n: n) },
                 append: { (batch: inout CoalitionBatch, words: [UInt64], complement: Bool) in
                     let mask: [Bool] = (0..<n).map { p in ((words[p / 64] >> UInt64(p % 64)) & 1 == 1) != complement }
                     batch.append(mask)
                 })
        }
        let weightLeft = weightVector[(fromSize - 1)...].reduce(0, +)
        let drawn = weights[fixed...].reduce(0, +)
        for r in fixed..<weights.count { weights[r] *= weightLeft / drawn }
    }

    /// The draws of `sample`: a size ∝ its probability (`cumulative`), then that many members;
    /// a coalition drawn again adds 1 to its first copy's weight (and its complement's).
    private mutating func draw<Members: Hashable>(
        count: Int, fromSize: Int, pairedSizeCount: Int, cumulative: [Double], rng: inout SplitMix64,
        members draw: (Int, inout SplitMix64) -> Members, append: (inout CoalitionBatch, Members, _ complement: Bool) -> Void
    ) {
        var left = count
        var seen: [Members: Int] = [:]
        seen.reserveCapacity(count)
        var draws = 0
        while left > 0 && draws < 4 * count {
            draws += 1
            let u = rng.nextDouble()
            let index = cumulative.firstIndex { u < $0 } ?? (cumulative.count - 1)
            let size = fromSize + index
            let members = draw(size, &rng)
            let paired = size <= pairedSizeCount
            if let first = seen[members] {
                weights[first] += 1
                if paired { weights[first + 1] += 1 }
                continue
            }
            seen[members] = weights.count
            append(&batch, members, false)
            weights.append(1)
            left -= 1
            if left > 0 && paired {
                append(&batch, members, true)
                weights.append(1)
                left -= 1
            }
        }
    }

    /// Steps `members` (a sorted subset of `0 ..< n`) to the next subset of the same size in
    /// lexicographic order, as `itertools.combinations`; false after the last one.
    private static func advance(_ members: inout [Int], n: Int) -> Bool {
        let size = members.count
        var i = size - 1
        while i >= 0 && members[i] == n - size + i { i -= 1 }
        guard i >= 0 else { return false }
        members[i] += 1
        for j in (i + 1)..<size { members[j] = members[j - 1] + 1 }
        return true
    }

    private static func complement(of members: [Int], n: Int) -> [Bool] {
        var mask = [Bool](repeating: true, count: n)
        for p in members { mask[p] = false }
        return mask
    }

    private static func key(of members: [Int], n: Int) -> [UInt64] {
        var words = [UInt64](repeating: 0, count: (n + 63) / 64)
        for p in members { words[p / 64] |= 1 << UInt64(p % 64) }
        return words
    }

    /// C(n, k) as a Double (multiplicative formula; rounded once it exceeds 2⁵³).
    static func binomial(_ n: Int, _ k: Int) -> Double {
        var result = 1.0
        for i in 0..<min(k, n - k) { result = result * Double(n - i) / Double(i + 1) }
        return result
    }
}
