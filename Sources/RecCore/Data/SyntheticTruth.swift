/// The structure planted in a synthetic dataset, which explanations should recover.
public struct SyntheticTruth: Sendable, Equatable {
    /// A sequential rule: right after `trigger`, a user's next event is often `follower`.
    public struct Rule: Sendable, Equatable, Codable {
        /// Dense item index of the trigger.
        public var trigger: Int
        /// Dense item index of the follower.
        public var follower: Int
    }

    /// Each user's taste over `Dataset.genreNames`: `users × genres`, sparse (1–3 non-zero
    /// entries), each row summing to 1.
    public var tastes: [[Float]]
    /// The trigger → follower rules; triggers and followers are all distinct items.
    public var rules: [Rule]
    /// Probability that a trigger's next event is its follower (when not yet seen).
    public var followProbability: Double
    /// Probability that an event ignores taste and follows item popularity alone.
    public var explorationRate: Double
    /// Each item's popularity weight (Zipf-like, normalized to sum 1).
    public var popularity: [Double]

    /// The genre with the largest taste weight of user `u`.
    public func topGenre(ofUser u: Int) -> Int {
        tastes[u].indices.max { tastes[u][$0] < tastes[u][$1] }!
    }
}
