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

/// A model's top-K list for one user and every explainer's explanation of it.
public struct ModelRecommendations: Sendable, Codable, Equatable {
    public var model: String
    public var items: [Recommendation]
    /// One explanation per explainer that applies, in the order of the build's explainer list.
    public var explanations: [Explanation]

    public init(model: String, items: [Recommendation], explanations: [Explanation] = []) {
        self.model = model
        self.items = items
        self.explanations = explanations
    }

    /// The explanation of `explainer`, if computed.
    public func explanation(_ explainer: String) -> Explanation? { explanations.first { $0.explainer == explainer } }
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
