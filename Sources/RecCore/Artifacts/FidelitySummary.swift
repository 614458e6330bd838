/// One (model, explainer)'s fidelity over the benchmark users.
public struct FidelitySummary: Sendable, Codable, Equatable {
    /// One metric's aggregate.
    public struct Metric: Sendable, Codable, Equatable {
        /// "DEL", "INS", "CNDCG", "POS@10", …
        public var name: String
        public var lowerIsBetter: Bool
        /// Users for whom the metric is defined (DEL/INS leave out users whose full and empty
        /// histories score the target equally).
        public var users: Int
        /// Mean over users of the per-user AUC (mean over steps); nil when no user.
        public var mean: Double?
        /// Percentile bootstrap interval of `mean`.
        public var low: Double?
        public var high: Double?
        /// Mean value at each step t = 0 … chunks (empty when no user).
        public var curve: [Double]
        /// Mean value at each fixed length K_e (empty when no user).
        public var fixed: [Double]

        public init(name: String, lowerIsBetter: Bool, users: Int, mean: Double?, low: Double?, high: Double?, curve: [Double], fixed: [Double]) {
            self.name = name
            self.lowerIsBetter = lowerIsBetter
            self.users = users
            self.mean = mean
            self.low = low
            self.high = high
            self.curve = curve
            self.fixed = fixed
        }
    }

    /// Users explained.
    public var users: Int
    /// In ``FidelityMetric/all(ks:)`` order.
    public var metrics: [Metric]

    public init(users: Int, metrics: [Metric]) {
        self.users = users
        self.metrics = metrics
    }

    /// The metric named `name`.
    public func metric(_ name: String) -> Metric? { metrics.first { $0.name == name } }
}
