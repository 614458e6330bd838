/// The early-stopping metric of GRU4Rec training: HR@K of the held-out last training events.
enum GRUValidation {
    /// Share of `holdouts` whose item ranks in the top `k` of all items by the model's score after
    /// reading the user's preceding (at most `maxLength`) events; the user's other training items
    /// are excluded from the ranking, ties go to the lower item index (as `TopK`).
    /// O(V · (L · H · (D + H) + I · E)).
    static func hitRate(_ p: GRUParameters<Float>, holdouts: [GRUWindows.Holdout], train: InteractionMatrix,
                        encoder: GRUEventEncoder, maxLength: Int, k: Int) -> Double {
        guard !holdouts.isEmpty else { return 0 }
        let embeddings = Matrix(rows: p.items, columns: p.embeddingSize, values: p.embedding)
        let out = p.hasOutputLayer ? Matrix(rows: p.embeddingSize, columns: p.hiddenSize, values: p.outWeight) : nil
        let weights = p.weights
        var hits = 0
        var seen = [Int32](repeating: -1, count: p.items)
        var scores = [Float](repeating: 0, count: p.items)
        for chunk in stride(from: 0, to: holdouts.count, by: 256) {
            let part = holdouts[chunk..<min(holdouts.count, chunk + 256)]
            let inputs = part.map { h in
                let first = train.rowStart[h.user]
                return GRU4Rec.inputMatrix(events: max(first, h.event - maxLength)..<h.event, of: train, userStart: first,
                                           embeddings: embeddings, encoder: encoder)
            }
            let hidden = GRUCell.finalHidden(of: inputs, weights: weights)
            let queries = hidden.values.withUnsafeBufferPointer {
                GRU4Rec.queries(hidden: $0.baseAddress!, batch: part.count, hiddenSize: p.hiddenSize, outWeight: out, outBias: p.outBias)
            }
            for (row, h) in part.enumerated() {
                queries.rowTimesTransposed(row, embeddings, into: &scores)
                for e in train.rowStart[h.user]..<h.event { seen[Int(train.items[e])] = Int32(h.user) }
                let target = Int(train.items[h.event]), score = scores[target]
                var better = 0
                for i in 0..<p.items where i != target && seen[i] != Int32(h.user) {
                    if scores[i] > score || (scores[i] == score && i < target) { better += 1 }
                }
                if better < k { hits += 1 }
            }
        }
        return Double(hits) / Double(holdouts.count)
    }
}
