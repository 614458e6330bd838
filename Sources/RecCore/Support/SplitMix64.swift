import Foundation

/// The one seeded random number generator of RecLens (Steele, Lea & Flood 2014).
///
/// Same seed ⇒ same stream on every platform. Sampling helpers below are our own, because the
/// standard library's `shuffled()` and `random(in:)` algorithms are unspecified.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A derived generator for a named sub-stream, so adding draws in one step does not shift
    /// the draws of another.
    public func derived(_ stream: UInt64) -> SplitMix64 {
        var copy = SplitMix64(seed: state ^ (stream &* 0xD6E8_FEB8_6659_FD93))
        _ = copy.next()
        return copy
    }

    /// Uniform integer in `0 ..< n` (Lemire's multiply-shift with rejection), `n > 0`.
    public mutating func nextInt(below n: Int) -> Int {
        precondition(n > 0)
        let bound = UInt64(n)
        var m = next().multipliedFullWidth(by: bound)
        if m.low < bound {
            let threshold = (0 &- bound) % bound
            while m.low < threshold { m = next().multipliedFullWidth(by: bound) }
        }
        return Int(m.high)
    }

    /// Uniform double in [0, 1) with 53 random bits.
    public mutating func nextDouble() -> Double { Double(next() >> 11) * 0x1.0p-53 }

    /// Standard normal draw (Box–Muller).
    public mutating func nextGaussian() -> Double {
        var u = nextDouble()
        while u <= 0 { u = nextDouble() }
        let v = nextDouble()
        return (-2 * log(u)).squareRoot() * cos(2 * Double.pi * v)
    }

    /// Fisher–Yates shuffle.
    public mutating func shuffle<T>(_ array: inout [T]) {
        guard array.count > 1 else { return }
        for i in stride(from: array.count - 1, to: 0, by: -1) {
            array.swapAt(i, nextInt(below: i + 1))
        }
    }

    /// `k` distinct indices from `0 ..< n`, sorted ascending (Floyd's algorithm).
    public mutating func sample(_ k: Int, from n: Int) -> [Int] {
        precondition(k <= n)
        if n <= 64 {
            // The same draws, with the chosen set as the bits of one word (KernelSHAP draws
            // thousands of coalitions per explanation; a `Set` per draw was most of planning them).
            let mask = sampleMask(k, from: n)
            var indices: [Int] = []
            indices.reserveCapacity(k)
            var bits = mask
            while bits != 0 {
                indices.append(bits.trailingZeroBitCount)
                bits &= bits - 1
            }
            return indices
        }
        var chosen = Set<Int>()
        for j in (n - k)..<n {
            let t = nextInt(below: j + 1)
            if !chosen.insert(t).inserted { chosen.insert(j) }
        }
        return chosen.sorted()
    }

    /// ``sample(_:from:)`` for n ≤ 64 as a bit mask (bit i set = index i chosen), drawing the
    /// same numbers.
    public mutating func sampleMask(_ k: Int, from n: Int) -> UInt64 {
        precondition(k <= n && n <= 64)
        var chosen: UInt64 = 0
        for j in (n - k)..<n {
            let t = nextInt(below: j + 1)
            chosen |= chosen & (1 << UInt64(t)) == 0 ? 1 << UInt64(t) : 1 << UInt64(j)
        }
        return chosen
    }
}
