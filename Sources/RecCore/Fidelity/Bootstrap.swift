/// Percentile bootstrap confidence intervals of a mean, on the repo's seeded generator.
public enum Bootstrap {
    /// The `level` (e.g. 0.95) percentile interval of the mean of `values`: `resamples` means of
    /// `values.count` draws with replacement (indices from `generator.nextInt(below:)`), sorted;
    /// the bounds are their (1 − level)/2 and (1 + level)/2 quantiles with linear interpolation
    /// between order statistics (numpy.percentile's default). Same generator ⇒ same interval.
    /// nil for no value. O(resamples · (values.count + log resamples)).
    public static func percentileInterval(_ values: [Double], resamples: Int = 1000, level: Double = 0.95,
                                          generator: SplitMix64) -> (low: Double, high: Double)? {
        guard !values.isEmpty, resamples >= 1 else { return nil }
        var rng = generator
        let n = values.count
        var means: [Double] = []
        means.reserveCapacity(resamples)
        for _ in 0..<resamples {
            var sum = 0.0
            for _ in 0..<n { sum += values[rng.nextInt(below: n)] }
            means.append(sum / Double(n))
        }
        means.sort()
        return (quantile(means, (1 - level) / 2), quantile(means, (1 + level) / 2))
    }

    /// Quantile `p` of ascending `sorted` values, linear between order statistics.
    static func quantile(_ sorted: [Double], _ p: Double) -> Double {
        let position = p * Double(sorted.count - 1)
        let lower = Int(position.rounded(.down))
        let upper = min(lower + 1, sorted.count - 1)
        let fraction = position - Double(lower)
        return sorted[lower] + (sorted[upper] - sorted[lower]) * fraction
    }
}
