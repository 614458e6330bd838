/// One fidelity metric of the LXR papers (Barkan et al. 2023, 2024), read over the steps of the
/// removal of a user's ranked history.
public struct FidelityMetric: Sendable, Codable, Hashable {
    /// The family of the metric.
    public enum Kind: String, Sendable, Codable, Hashable, CaseIterable {
        /// DEL: the target's normalised score after removing the top-ranked events (lower is better).
        case deletion = "DEL"
        /// INS: the target's normalised score keeping only the top-ranked events (higher is better).
        case insertion = "INS"
        /// CNDCG: 1/log₂(rank + 1) of the target after removing the top-ranked events (lower is better).
        case cndcg = "CNDCG"
        /// POS@K: 1 while the target stays in the top-K after removing the top-ranked events (lower is better).
        case positive = "POS"
        /// NEG@K: the same removing the lowest-ranked events (higher is better).
        case negative = "NEG"
    }

    public var kind: Kind
    /// Cut-off of POS and NEG, nil otherwise.
    public var k: Int?

    public init(kind: Kind, k: Int? = nil) {
        self.kind = kind
        self.k = k
    }

    /// "DEL", "POS@10".
    public var name: String { k.map { "\(kind.rawValue)@\($0)" } ?? kind.rawValue }

    /// Whether a lower value means a more faithful explainer (DEL, CNDCG, POS).
    public var lowerIsBetter: Bool { kind != .insertion && kind != .negative }

    /// Every metric in report order: DEL, INS, CNDCG, POS@k for each k, NEG@k for each k.
    public static func all(ks: [Int]) -> [FidelityMetric] {
        [FidelityMetric(kind: .deletion), FidelityMetric(kind: .insertion), FidelityMetric(kind: .cndcg)]
            + ks.map { FidelityMetric(kind: .positive, k: $0) } + ks.map { FidelityMetric(kind: .negative, k: $0) }
    }
}
