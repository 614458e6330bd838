/// What a model's score means: the unit of the "Score" column and of score-unit attributions.
/// Scores of different models are on different scales (a count, summed similarities, a logit,
/// stars, a log-probability), so every page that shows one names it.
public struct ScoreUnit: Sendable, Codable, Equatable {
    /// A few words for a table header ("logit", "stars").
    public var short: String
    /// One sentence: what the number is and how to read it.
    public var meaning: String

    public init(short: String, meaning: String) {
        self.short = short
        self.meaning = meaning
    }
}
