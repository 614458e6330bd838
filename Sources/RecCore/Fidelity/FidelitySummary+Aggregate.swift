extension FidelitySummary {
    /// Aggregates per-user curves (all with the same metrics, steps and fixed lengths) in the
    /// given order: means are sums in user order divided by the count, so the result does not
    /// depend on threading. Metric m's interval resamples with `SplitMix64(seed:).derived(m)`,
    /// so every explainer of a model is resampled alike when their users coincide.
    public static func aggregate(_ users: [FidelityCurves], metrics: [FidelityMetric], resamples: Int = 1000,
                                 level: Double = 0.95, seed: UInt64) -> FidelitySummary {
        let root = SplitMix64(seed: seed)
        let summaries = metrics.enumerated().map { m, metric -> Metric in
            let steps = users.compactMap { $0.steps[m] }
            let fixed = users.compactMap { $0.fixed[m] }
            let aucs = steps.map(FidelityCurves.mean)
            let interval = Bootstrap.percentileInterval(aucs, resamples: resamples, level: level, generator: root.derived(UInt64(m)))
            return Metric(
                name: metric.name, lowerIsBetter: metric.lowerIsBetter, users: aucs.count,
                mean: aucs.isEmpty ? nil : FidelityCurves.mean(aucs), low: interval?.low, high: interval?.high,
                curve: columnMeans(steps), fixed: columnMeans(fixed))
        }
        return FidelitySummary(users: users.count, metrics: summaries)
    }

    /// Element-wise mean of equal-length rows, summed in row order.
    static func columnMeans(_ rows: [[Double]]) -> [Double] {
        guard let width = rows.first?.count else { return [] }
        var sums = [Double](repeating: 0, count: width)
        for row in rows { for j in 0..<width { sums[j] += row[j] } }
        return sums.map { $0 / Double(rows.count) }
    }
}
