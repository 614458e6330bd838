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
