extension AttributionNet {
    public var displayName: String { kind == .interpretable ? "Attribution network" : "Attribution MLP (baseline)" }

    public var summary: String {
        let a = architecture, c = configuration
        let groups = inputs.groups.map(\.displayName).joined(separator: ", ")
        let layers = c.widths.map(String.init).joined(separator: " → ")
        switch kind {
        case .interpretable:
            return "An interpretable-by-design neural recommender (Afchar & Hennequin, RecSys 2020). Inputs: \(groups). One ReLU sub-network (\(layers) units) per subset of the inputs — \(a.subsets.map { "{\(Self.subsetName($0))}" }.joined(separator: ", ")) — each seeing only its own inputs and its smaller subsets' hidden units; each ends in a head that predicts whether the user will watch the item and how sure it is. The prediction mixes the heads, a larger subset speaking only where the smaller ones are unsure, so every score comes with its split over the subsets. Trained on implicit feedback (\(c.negatives) sampled negatives per interaction) by the paper's boosted EM."
        case .plainMLP:
            return "The non-interpretable counterpart of the attribution network: the same inputs (\(groups)) in one plain ReLU network (\(layers) units, \(c.widthMultiplier)× wider), trained on the same data with the same budget. Its scores carry no decomposition; it is here to show what the interpretable structure costs."
        }
    }

    public var scoreUnit: ScoreUnit {
        switch kind {
        case .interpretable:
            ScoreUnit(short: "probability", meaning: "the predicted probability that the user interacts with the item (against 4 random unseen items per interaction in training): the mixture of the sub-networks' predictions.")
        case .plainMLP:
            ScoreUnit(short: "probability", meaning: "the predicted probability that the user interacts with the item (against 4 random unseen items per interaction in training).")
        }
    }

    public var hyperparameters: [String: String] {
        let c = configuration
        var h = ["embedding size": "\(c.embeddingSize)", "hidden units": c.widths.map(String.init).joined(separator: ", "), "epochs": "\(c.epochs)",
                 "negatives per positive": "\(c.negatives)", "batch size": "\(c.batchSize)", "learning rate": "\(c.learningRate)",
                 "embedding init σ": "\(c.initScale)", "seed": "\(c.seed)", "content features": "\(inputs.contentWidth)"]
        if kind == .interpretable {
            switch c.confidence {
            case .absolute: h["confidence rule"] = "g = |F|"
            case .square: h["confidence rule"] = "g = F²"
            case .centred(let n): h["confidence rule"] = "centred on the prior 0.3, power \(n)\(n == 4 ? " (the reference's MovieLens rule)" : "")"
            }
            h["mask normalisation"] = c.normalisation == .head ? "per head over the batch" : "per sample over the heads"
            h["identity embeddings trained by"] = c.embeddingTraining == .root ? "the root's loss" : "every head that reads them"
            h["root confidence"] = c.rootConfidence == .full ? "1 (answers what its subsets leave)" : "its head's"
            h["attribution subsets"] = architecture.subsets.map { "{\(Self.subsetName($0))}" }.joined(separator: ", ")
        }
        return h
    }
}
