/// A trained recommender: given a user (dense index), a score for every item.
///
/// Models are fitted by their own `init(train:configuration:)`; this protocol only names what the
/// rest of RecLens needs after training, so matrix-factorisation and sequential models drop in
/// by conforming. Implementations must be deterministic for a given training input and seed.
public protocol Recommender: Sendable {
    /// Stable lower-case name used in file names, configs and `--model` ("popularity", "itemknn").
    var name: String { get }
    /// Human-readable name ("Popularity", "ItemKNN (cosine)").
    var displayName: String { get }
    /// One-paragraph description of what the model does, shown on its page.
    var summary: String { get }
    /// Hyperparameters as display strings, shown on the model page and stored in artifacts.
    var hyperparameters: [String: String] { get }
    /// Number of items scored.
    var itemCount: Int { get }
    /// What the scores of `scores(forUser:into:)` are (their unit), for the pages.
    var scoreUnit: ScoreUnit { get }
    /// Writes the score of every item for `user` into `scores` (count `itemCount`).
    /// Higher is better; `-infinity` means "never recommend" (no evidence); already-seen items
    /// are excluded later by `topK`, so lists can be shorter than K.
    func scores(forUser user: Int, into scores: inout [Float])
}

extension Recommender {
    /// The `k` best items for `user` excluding `seen` (ascending item indices of the user's
    /// training history), best first; ties broken by lower item index.
    /// - Complexity: O(items · log k).
    public func topK(forUser user: Int, k: Int, excluding seen: some Sequence<Int32>, buffer: inout [Float]) -> [ScoredItem] {
        if buffer.count != itemCount { buffer = [Float](repeating: 0, count: itemCount) }
        scores(forUser: user, into: &buffer)
        for item in seen { buffer[Int(item)] = -.infinity }
        return TopK.select(buffer, k: k)
    }
}

/// An item index with its score.
public struct ScoredItem: Sendable, Equatable, Codable {
    public var item: Int
    public var score: Float
    public init(item: Int, score: Float) {
        self.item = item
        self.score = score
    }
}
