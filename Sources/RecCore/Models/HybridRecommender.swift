/// Implicit × explicit ranking (seed 002, after Hofmann's latent-class model): score(u, i) =
/// P(y = 1 | u, i) · E[v | u, i], the probability that u interacts with i times the rating u is
/// expected to give it, so items that are both likely to be chosen and likely to be liked rank
/// first. Both factors come from already trained models over the same item index space.
public struct HybridRecommender: Recommender {
    public let name: String
    public let displayName: String
    /// The implicit model giving P(y = 1 | u, i).
    public let implicit: any ProbabilisticRecommender
    /// The explicit model giving E[v | u, i].
    public let explicit: any RatingPredictor
    public var itemCount: Int { implicit.itemCount }
    public var summary: String {
        "A hybrid ranking: the probability that the user interacts with an item (from \(implicit.displayName)) times the rating they are expected to give it (from \(explicit.displayName)). An item needs both to rank high."
    }
    public var hyperparameters: [String: String] {
        ["implicit model": implicit.name, "explicit model": explicit.name, "score": "P(y=1|u,i) × E[rating|u,i]"]
    }

    /// Combines two trained models; they must score the same items.
    public init(implicit: any ProbabilisticRecommender, explicit: any RatingPredictor, name: String = "hybrid",
                displayName: String? = nil) {
        precondition(implicit.itemCount == explicit.itemCount, "HybridRecommender: models score different item counts")
        self.implicit = implicit
        self.explicit = explicit
        self.name = name
        self.displayName = displayName ?? "Hybrid (\(implicit.displayName) × \(explicit.displayName))"
    }

    /// P(y = 1 | u, i) · E[v | u, i].
    public func score(user: Int, item: Int) -> Float {
        implicit.probability(user: user, item: item) * explicit.predictedRating(user: user, item: item)
    }

    /// O(cost of both models' all-item scoring); E[v] comes from `predictedRating` per item.
    public func scores(forUser user: Int, into scores: inout [Float]) {
        implicit.probabilities(forUser: user, into: &scores)
        for i in 0..<itemCount { scores[i] *= explicit.predictedRating(user: user, item: i) }
    }
}

extension HybridRecommender {
    public var scoreUnit: ScoreUnit {
        ScoreUnit(short: "expected stars", meaning: "P(interaction) × predicted rating: the rating the user is expected to give, discounted by how likely they are to choose the item at all.")
    }
}
