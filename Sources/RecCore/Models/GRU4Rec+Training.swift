extension GRU4Rec {
    /// Trains on `train` (`dataset` supplies genres; same item indices) with `GRUTrainer`.
    /// O(epochs · interactions · (D + H + K) · H) time; deterministic for a seed.
    public init(train: InteractionMatrix, dataset: Dataset, configuration c: Configuration = .init()) {
        precondition(c.outputLayer || c.embeddingSize == c.hiddenSize, "GRU4Rec: without an output layer E must equal H")
        let encoder = GRUEventEncoder(train: train, dataset: dataset, embeddingSize: c.embeddingSize, rating: c.useRating,
                                      timeGap: c.useTimeGap, genres: c.useGenres)
        let result = GRUTrainer.train(train, encoder: encoder, configuration: c)
        let p = result.parameters
        let features = encoder.groups.dropFirst().map(\.name)
        let featureText = features.isEmpty ? "" : " plus its \(Self.list(features))"
        let lossText = c.loss == .sampledSoftmax
            ? "a softmax over the true next item and \(c.negatives) randomly drawn items"
            : "the BPR-max loss against \(c.negatives) randomly drawn items"
        let stopText = result.validationUsers > 0
            ? " Training kept epoch \(result.selectedEpoch) of \(result.epochsRun), the best at ranking the held-out last event of \(result.validationUsers) users."
            : ""
        let summary = "A recurrent network (GRU4Rec) that reads a user's last \(c.maxLength) events in order, each as a \(c.embeddingSize)-dimensional item embedding\(featureText). Its \(c.hiddenSize)-dimensional state after the last event is mapped to a query vector, and an item's score is the dot product of the query with the item's embedding (the same embeddings as the input). It learns to predict each next event with \(lossText).\(stopText)"
        var hyperparameters = [
            "embedding size": "\(c.embeddingSize)", "hidden size": "\(c.hiddenSize)", "max length": "\(c.maxLength)",
            "batch size": "\(c.batchSize)", "negatives": "\(c.negatives)", "learning rate": "\(c.learningRate)",
            "epochs": "\(result.epochsRun) of at most \(c.epochs)", "loss": c.loss.rawValue,
            "event features": features.isEmpty ? "none" : features.joined(separator: ", "),
            "output layer": c.outputLayer ? "yes" : "no (q = h)", "optimizer": "adam", "seed": "\(c.seed)",
        ]
        if result.validationUsers > 0 {
            hyperparameters["early stopping"] = "HR@10 of \(result.validationUsers) held-out last events, patience \(c.patience), kept epoch \(result.selectedEpoch)"
        }
        self.init(name: c.name, displayName: "GRU4Rec", summary: summary, hyperparameters: hyperparameters, weights: p.weights,
                  itemEmbeddings: Matrix(rows: p.items, columns: p.embeddingSize, values: p.embedding),
                  outWeight: p.hasOutputLayer ? Matrix(rows: p.embeddingSize, columns: p.hiddenSize, values: p.outWeight) : nil,
                  outBias: p.outBias, encoder: encoder, train: train, maxLength: c.maxLength, curves: result.curves.map { $0.kept(result.epochsRun > 0 ? result.selectedEpoch : nil) }, configuration: c,
                  selectedEpoch: result.epochsRun > 0 ? result.selectedEpoch : nil, ignoredItems: 0,
                  recommendable: [Bool](repeating: true, count: p.items), zeroEmbedding: [Float](repeating: 0, count: p.embeddingSize))
    }

    /// "a", "a and b", "a, b and c".
    static func list(_ names: [String]) -> String {
        names.count <= 1 ? names.joined() : names.dropLast().joined(separator: ", ") + " and " + names.last!
    }
}
