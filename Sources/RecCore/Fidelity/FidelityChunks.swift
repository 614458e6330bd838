/// How a ranked history is cut into chunks for the fidelity curves: as `numpy.array_split`
/// does, so figures match the LXR papers' code.
///
/// `n` events into `c` chunks: with `q = n / c` and `r = n % c`, the first `r` chunks hold
/// `q + 1` events and the other `c − r` hold `q` (chunks are empty when `n < c`).
public enum FidelityChunks {
    /// Sizes of the `chunks` chunks of `n` events, first (most important) chunk first.
    /// n = 3, c = 10 → [1, 1, 1, 0, 0, 0, 0, 0, 0, 0]; n = 23 → [3, 3, 3, 2, 2, 2, 2, 2, 2, 2].
    public static func sizes(of n: Int, chunks: Int) -> [Int] {
        precondition(n >= 0 && chunks >= 1)
        let q = n / chunks, r = n % chunks
        return (0..<chunks).map { $0 < r ? q + 1 : q }
    }

    /// Number of events in the first `t` chunks, for t = 0 … `chunks` (count `chunks + 1`,
    /// from 0 to `n`).
    public static func leadingCounts(of n: Int, chunks: Int) -> [Int] {
        var counts = [0]
        for size in sizes(of: n, chunks: chunks) { counts.append(counts.last! + size) }
        return counts
    }

    /// Number of events in the last `t` chunks, for t = 0 … `chunks`: `n − leading[chunks − t]`
    /// (the last chunks are the smaller ones when `n % chunks ≠ 0`).
    public static func trailingCounts(of n: Int, chunks: Int) -> [Int] {
        let leading = leadingCounts(of: n, chunks: chunks)
        return (0...chunks).map { n - leading[chunks - $0] }
    }
}
