/// Recommends the items with the most training interactions to everyone (the usual baseline).
public struct PopularityRecommender: Recommender {
    public let name = "popularity"
    public let displayName = "Popularity"
    public let summary = "Scores every item by its number of training interactions; the same ranking for every user, minus what they have already seen. The baseline every personalised model must beat."
    public var hyperparameters: [String: String] { [:] }
    public var itemCount: Int { counts.count }
    /// Training interactions per item.
    public let counts: [Float]

    public init(train: InteractionMatrix) {
        counts = train.itemCounts().map(Float.init)
    }

    public func scores(forUser user: Int, into scores: inout [Float]) {
        for i in 0..<counts.count { scores[i] = counts[i] }
    }
}

extension PopularityRecommender {
    public var scoreUnit: ScoreUnit {
        ScoreUnit(short: "count", meaning: "the number of training interactions with the item (the same for every user).")
    }
}
