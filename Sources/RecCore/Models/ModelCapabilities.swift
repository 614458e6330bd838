/// Capabilities that some recommenders have beyond `Recommender`; pages and the pipeline look
/// for them with `as?`.

/// A model with one latent vector per item (matrix factorisation, two-tower, …). The item
/// vectors define an item-item cosine similarity (ego graphs, neighbours).
public protocol ItemEmbeddingModel: Recommender {
    /// itemCount × factors item vectors.
    var itemVectors: Matrix { get }
}

/// A model trained epoch by epoch that recorded curves (losses, RMSE, learned λ…).
public protocol TrainingCurveReporting: Recommender {
    /// Per-epoch curves, epoch 1 first; all curves of one model have the same length.
    var curves: [TrainingCurve] { get }
}

/// A model of explicit ratings: an expected rating for any (user, item).
public protocol RatingPredictor: Recommender {
    /// Predicted rating of `item` by `user`, on the dataset's rating scale (not clipped).
    func predictedRating(user: Int, item: Int) -> Float
}

/// A model that explains its top-K by attributing each recommended item's score to the user's
/// history events (an exact decomposition or an explainer's estimate).
public protocol EventAttributing: Recommender {
    /// Name of the explainer, e.g. "itemknn-exact", stored in artifacts and shown on pages.
    var explainerName: String { get }
    /// One sentence on what the attributions mean, for the model page.
    var explainerSummary: String { get }
    /// Event-level attribution of `targets`' scores to `user`'s training events.
    func attribution(ofUser user: Int, targets: [Int], itemIDs: [String], titles: [String]) -> Attribution
}
