import RecCore

extension ModelRegistry {
    static let attributionNet = ModelRegistration(
        name: "attribution-net", displayName: "attribution network",
        help: "interpretable attribution network (Afchar & Hennequin 2020): input-restricted sub-networks mixed so each score splits over content, user and item (not built by default: ~3 min of training on ML-100k)",
        inDefaultBuild: false,
        fields: attributionFields(.interpretable)
    ) { context in
        var c = context.settings.attributionNet
        c.seed = context.settings.seed
        return AttributionNet(kind: .interpretable, train: context.split.train, inputs: AttributionInputs(dataset: context.dataset), configuration: c)
    }

    static let attributionMLP = ModelRegistration(
        name: "attribution-mlp", displayName: "attribution MLP baseline",
        help: "plain-MLP baseline of attribution-net: the same inputs in one network, 4× wider (not built by default)",
        inDefaultBuild: false,
        fields: attributionFields(.plainMLP)
    ) { context in
        var c = context.settings.attributionMLP
        c.seed = context.settings.seed
        return AttributionNet(kind: .plainMLP, train: context.split.train, inputs: AttributionInputs(dataset: context.dataset), configuration: c)
    }

    /// The shared keys of both networks' sections.
    private static func attributionFields(_ kind: AttributionNet.Kind) -> [SettingsField] {
        var fields: [SettingsField] = [
            .int("embedding", \.[attribution: kind].embeddingSize, min: 1, "size E of the user and item identity embeddings"),
            SettingsField("hidden", "widths of the hidden ReLU layers, first to last", read: { settings, value, context in
                guard case .sequence(let items, _) = value, !items.isEmpty else {
                    throw context.fail(value, "expected a non-empty list of layer widths like [64, 32, 16, 8]")
                }
                settings[attribution: kind].hiddenSizes = try items.map { try $0.int(min: 1, context) }
            }, example: { "[\($0[attribution: kind].hiddenSizes.map(String.init).joined(separator: ", "))]" }),
            .int("width_multiplier", \.[attribution: kind].widthMultiplier, min: 1, "multiplies every hidden width (the baseline's 4× wider)"),
            .int("epochs", \.[attribution: kind].epochs, min: 1, "passes over the training interactions, fresh negatives each"),
            .int("negatives", \.[attribution: kind].negatives, min: 1, "sampled unseen items per interaction"),
            .int("batch_size", \.[attribution: kind].batchSize, min: 1, "samples per minibatch"),
            .float("learning_rate", \.[attribution: kind].learningRate, min: 0, exclusive: true, "Adam step size"),
            .double("init_scale", \.[attribution: kind].initScale, min: 0, "standard deviation of the initial embeddings"),
        ]
        if kind == .interpretable {
            fields.append(SettingsField("confidence", "a head's confidence g from its output: centred (on the prior 0.3, power 4: the reference's MovieLens rule) | centred-N (power N, 2…16) | abs (|F|) | square (F²)", read: { settings, value, context in
                let text = try value.string(context)
                guard let rule = AttributionNet.ConfidenceRule(name: text.lowercased()) else {
                    throw context.fail(value, "unknown value '\(text)'; expected one of centred, centred-N (N = 2…16), abs, square")
                }
                settings[attribution: kind].confidence = rule
            }, example: { $0[attribution: kind].confidence.name }))
            fields.append(.choice("normalisation", \.[attribution: kind].normalisation, [("head", .head), ("sample", .sample)], "E-step masks normalised per head over the batch (reference MovieLens) | per sample over the heads"))
            fields.append(.choice("root_confidence", \.[attribution: kind].rootConfidence, [("full", .full), ("head", .head)], "the root sub-network in the mixture: full (g = 1, it answers whatever the others leave) | head (its own confidence, as the reference code)"))
            fields.append(.choice("embedding_training", \.[attribution: kind].embeddingTraining, [("root", .root), ("all", .all)], "which heads' losses train the identity embeddings: root (the others read them, gradient stopped) | all (every head that reads them, as the reference code)"))
        }
        return fields
    }
}

extension BuildSettings {
    /// The configuration of the attribution network (`interpretable`) or of its baseline.
    subscript(attribution kind: AttributionNet.Kind) -> AttributionNet.Configuration {
        get { kind == .interpretable ? attributionNet : attributionMLP }
        set { if kind == .interpretable { attributionNet = newValue } else { attributionMLP = newValue } }
    }
}
