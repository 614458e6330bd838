/// `dataset.json`: the dataset card, the item catalogue and the split.
public struct DatasetArtifact: Sendable, Codable, Equatable {
    public var name: String
    public var format: String
    public var userCount: Int
    public var itemCount: Int
    public var interactionCount: Int
    /// interactions / (users · items).
    public var density: Double
    public var ratingMin: Float
    public var ratingMax: Float
    /// Count of each distinct rating value, ascending by rating.
    public var ratingHistogram: [RatingCount]
    public var genreNames: [String]
    /// Names of the user features the data has (e.g. age, gender, occupation, zip).
    public var userFeatureNames: [String]
    /// First and last interaction time (Unix seconds).
    public var firstTimestamp: Int64
    public var lastTimestamp: Int64
    /// Filters applied before splitting, as a sentence.
    public var filterSummary: String
    public var split: SplitArtifact
    /// Every item, in dense-index order.
    public var items: [ItemRecord]

    public init(name: String, format: String, userCount: Int, itemCount: Int, interactionCount: Int, density: Double, ratingMin: Float, ratingMax: Float, ratingHistogram: [RatingCount], genreNames: [String], userFeatureNames: [String], firstTimestamp: Int64, lastTimestamp: Int64, filterSummary: String, split: SplitArtifact, items: [ItemRecord]) {
        self.name = name
        self.format = format
        self.userCount = userCount
        self.itemCount = itemCount
        self.interactionCount = interactionCount
        self.density = density
        self.ratingMin = ratingMin
        self.ratingMax = ratingMax
        self.ratingHistogram = ratingHistogram
        self.genreNames = genreNames
        self.userFeatureNames = userFeatureNames
        self.firstTimestamp = firstTimestamp
        self.lastTimestamp = lastTimestamp
        self.filterSummary = filterSummary
        self.split = split
        self.items = items
    }
}

/// Number of interactions with one rating value.
public struct RatingCount: Sendable, Codable, Equatable {
    public var rating: Float
    public var count: Int
    public init(rating: Float, count: Int) {
        self.rating = rating
        self.count = count
    }
}

/// One catalogue item.
public struct ItemRecord: Sendable, Codable, Equatable {
    /// Raw id from the source data.
    public var id: String
    public var title: String
    public var genres: [String]
    public var year: Int?
    /// Interactions in the whole (filtered) dataset.
    public var interactions: Int
    /// Interactions in the training part.
    public var trainInteractions: Int
    /// Mean rating over all interactions.
    public var meanRating: Float

    public init(id: String, title: String, genres: [String], year: Int?, interactions: Int, trainInteractions: Int, meanRating: Float) {
        self.id = id
        self.title = title
        self.genres = genres
        self.year = year
        self.interactions = interactions
        self.trainInteractions = trainInteractions
        self.meanRating = meanRating
    }
}

/// The split used for evaluation.
public struct SplitArtifact: Sendable, Codable, Equatable {
    /// "time", "leave-last-out" or "random".
    public var strategy: String
    /// One sentence describing it.
    public var summary: String
    public var testFraction: Double?
    /// Test ratings at or above this are relevant; nil = every test interaction is relevant.
    public var minRelevantRating: Float?
    public var trainInteractions: Int
    public var testInteractions: Int
    public var relevantInteractions: Int
    /// Users with at least one relevant test item (the users metrics average over).
    public var evaluatedUsers: Int
    /// Users with at least one training interaction (the users that can be explained).
    public var trainUsers: Int

    public init(strategy: String, summary: String, testFraction: Double?, minRelevantRating: Float?, trainInteractions: Int, testInteractions: Int, relevantInteractions: Int, evaluatedUsers: Int, trainUsers: Int) {
        self.strategy = strategy
        self.summary = summary
        self.testFraction = testFraction
        self.minRelevantRating = minRelevantRating
        self.trainInteractions = trainInteractions
        self.testInteractions = testInteractions
        self.relevantInteractions = relevantInteractions
        self.evaluatedUsers = evaluatedUsers
        self.trainUsers = trainUsers
    }
}
