import RecCore

/// GRU4Rec's keys predate the registry and keep their short names (`embedding`, `hidden`,
/// `length`, `batch`) so that existing experiment files still read.
extension ModelRegistry {
    static let gru4rec = ModelRegistration(
        name: "gru4rec", displayName: "GRU4Rec", help: "GRU4Rec (Hidasi et al.) over the user's last L events, explained by TimeSHAP",
        fields: [
            .int("embedding", \.gru4rec.embeddingSize, min: 1, "item embedding size E"),
            .int("hidden", \.gru4rec.hiddenSize, min: 1, "GRU hidden size H"),
            .int("length", \.gru4rec.maxLength, min: 1, "events L the GRU reads (the user's most recent)"),
            .int("epochs", \.gru4rec.epochs, min: 1, "at most; early stopping on held-out last events"),
            .int("batch", \.gru4rec.batchSize, min: 1, "windows per minibatch"),
            .int("negatives", \.gru4rec.negatives, min: 1, "sampled negatives shared by a minibatch"),
            .float("learning_rate", \.gru4rec.learningRate, min: 0, exclusive: true, "Adam"),
            .choice("loss", \.gru4rec.loss, [
                ("softmax", .sampledSoftmax), ("bpr-max", .bprMax),
                ("sampled-softmax", .sampledSoftmax), ("sampled_softmax", .sampledSoftmax), ("bpr_max", .bprMax), ("bprmax", .bprMax),
            ], "softmax (sampled) | bpr-max"),
            .int("patience", \.gru4rec.patience, min: 1, "epochs without a better validation HR@10 before stopping"),
            .double("validation_users", \.gru4rec.validationUsers, min: 0, "share of users whose last event is held out; 0 = none"),
            .bool("output_layer", \.gru4rec.outputLayer, "q = W h + b; false: q = h (needs embedding == hidden)"),
            SettingsField("features", "event features beside the item; [] = item only", read: { settings, value, context in
                settings.gru4rec.features = try value.names(allowed: GRU4Rec.Configuration.featureNames, context)
            }, example: { "[\($0.gru4rec.features.joined(separator: ", "))]" }),
        ],
        persisted: GRU4Rec.self
    ) { context in
        var c = context.settings.gru4rec
        c.seed = context.settings.seed
        return GRU4Rec(train: context.split.train, dataset: context.dataset, configuration: c)
    }
}

extension GRU4Rec.Configuration {
    /// Names of the event feature groups, in example order.
    static let featureNames = ["rating", "time-gap", "genres"]

    /// The switched-on feature groups by name.
    var features: [String] {
        get { zip(Self.featureNames, [useRating, useTimeGap, useGenres]).filter(\.1).map(\.0) }
        set {
            useRating = newValue.contains("rating")
            useTimeGap = newValue.contains("time-gap")
            useGenres = newValue.contains("genres")
        }
    }
}
