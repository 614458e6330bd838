/// An implicit-feedback model that gives P(y = 1 | u, i), the probability that user u interacts
/// with item i (logistic MF, two-tower with σ of its score). The hybrid ranker multiplies it by
/// an expected rating.
public protocol ProbabilisticRecommender: Recommender {
    /// P(y = 1 | user, item) in [0, 1].
    func probability(user: Int, item: Int) -> Float
    /// P(y = 1 | user, i) for every item i into `probabilities` (count `itemCount`).
    func probabilities(forUser user: Int, into probabilities: inout [Float])
}

extension ProbabilisticRecommender {
    /// Default: one `probability(user:item:)` call per item.
    public func probabilities(forUser user: Int, into probabilities: inout [Float]) {
        for i in 0..<itemCount { probabilities[i] = probability(user: user, item: i) }
    }
}
