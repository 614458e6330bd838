/// `users/<slug>.json`: everything a user page shows.
public struct UserArtifact: Sendable, Codable, Equatable {
    /// Raw user id.
    public var id: String
    public var features: [UserInfo.Feature]
    /// Training events in time order (what the models saw).
    public var history: [HistoryEvent]
    /// Held-out test events in time order.
    public var heldOut: [HistoryEvent]
    /// One entry per model, in leaderboard order.
    public var recommendations: [ModelRecommendations]

    public init(id: String, features: [UserInfo.Feature], history: [HistoryEvent], heldOut: [HistoryEvent], recommendations: [ModelRecommendations]) {
        self.id = id
        self.features = features
        self.history = history
        self.heldOut = heldOut
        self.recommendations = recommendations
    }
}

/// One interaction of a user.
public struct HistoryEvent: Sendable, Codable, Equatable {
    /// Raw item id.
    public var item: String
    public var rating: Float
    /// Unix seconds.
    public var timestamp: Int64
    /// For held-out events: whether the test rating filter counts it as relevant.
    public var relevant: Bool?

    public init(item: String, rating: Float, timestamp: Int64, relevant: Bool? = nil) {
        self.item = item
        self.rating = rating
        self.timestamp = timestamp
        self.relevant = relevant
    }
}

/// A model's top-K list for one user and, when the model is explainable, its attributions.
public struct ModelRecommendations: Sendable, Codable, Equatable {
    public var model: String
    public var items: [Recommendation]
    public var attribution: Attribution?
    /// Feature/cell levels, pruning and deletion check of a sequential model's explanation.
    public var sequence: SequenceExplanation?

    public init(model: String, items: [Recommendation], attribution: Attribution? = nil, sequence: SequenceExplanation? = nil) {
        self.model = model
        self.items = items
        self.attribution = attribution
        self.sequence = sequence
    }
}

/// One recommended item.
public struct Recommendation: Sendable, Codable, Equatable {
    /// Raw item id.
    public var item: String
    public var score: Float
    /// 1-based rank.
    public var rank: Int
    /// Whether the item is among the user's relevant held-out items (a hit).
    public var relevant: Bool

    public init(item: String, score: Float, rank: Int, relevant: Bool) {
        self.item = item
        self.score = score
        self.rank = rank
        self.relevant = relevant
    }
}
