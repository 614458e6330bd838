extension GRU4Rec {
    /// Imports a GRU4Rec trained in PyTorch from its `state_dict` saved as `.npz`.
    ///
    /// Arrays (R rows, E embedding size, H hidden size): `item_emb.weight` [R × E],
    /// `gru.weight_ih_l0` [3H × E], `gru.weight_hh_l0` [3H × H], `gru.bias_ih_l0` [3H],
    /// `gru.bias_hh_l0` [3H], optional `out.weight` [E × H] with `out.bias` [E] (absent ⇒ q = h,
    /// then E must equal H), and `item_ids` [R] (integer or string raw ids). Rows whose id is not
    /// in the dataset (e.g. a padding row with id −1) are counted in `ignoredItems`; the first of
    /// them is the `.zero` baseline's embedding. Dataset items without a row are never
    /// recommended. No event features; `train` supplies the users' sequences.
    /// - Throws: `DataError` naming the file and the array for a missing array, a wrong shape or
    ///   element type, or duplicate ids.
    public init(archive: NumPyArchive, dataset: Dataset, train: InteractionMatrix, maxLength: Int = 20) throws {
        precondition(maxLength > 0 && train.itemCount == dataset.itemCount, "GRU4Rec import: maxLength > 0 and train must match the dataset")
        let file = archive.name
        let source = String(file.split(separator: "/").last ?? Substring(file))
        func array(_ key: String) throws -> NumPyArray {
            guard let a = archive[key] else {
                throw DataError(file: file, "missing array '\(key)' (have: \(archive.keys.joined(separator: ", ")))")
            }
            return a
        }
        func matrix(_ key: String, rows: Int?, columns: Int?, expected: String) throws -> Matrix {
            let m = try ImportedFactorModel.factors(try array(key), key, file: file)
            guard rows.map({ $0 == m.rows }) ?? true, columns.map({ $0 == m.columns }) ?? true else {
                throw DataError(file: file, "'\(key)' must have shape \(expected), got [\(m.rows), \(m.columns)]")
            }
            return m
        }
        let table = try matrix("item_emb.weight", rows: nil, columns: nil, expected: "")
        let e = table.columns
        let hh = try matrix("gru.weight_hh_l0", rows: nil, columns: nil, expected: "")
        let h = hh.columns
        guard hh.rows == 3 * h else {
            throw DataError(file: file, "'gru.weight_hh_l0' must have shape [3H, H], got [\(hh.rows), \(h)]")
        }
        let ih = try matrix("gru.weight_ih_l0", rows: 3 * h, columns: e, expected: "[3H, E] = [\(3 * h), \(e)] (H from 'gru.weight_hh_l0', E from 'item_emb.weight')")
        let biasIH = try ImportedFactorModel.vector(try array("gru.bias_ih_l0"), "gru.bias_ih_l0", count: 3 * h, file: file)
        let biasHH = try ImportedFactorModel.vector(try array("gru.bias_hh_l0"), "gru.bias_hh_l0", count: 3 * h, file: file)
        var outWeight: Matrix?
        var outBias: [Float] = []
        switch (archive["out.weight"], archive["out.bias"]) {
        case (nil, nil):
            guard e == h else {
                throw DataError(file: file, "without 'out.weight' the query is the hidden state, so E = \(e) ('item_emb.weight') must equal H = \(h) ('gru.weight_hh_l0')")
            }
        case (.some, .some(let bias)):
            outWeight = try matrix("out.weight", rows: e, columns: h, expected: "[E, H] = [\(e), \(h)]")
            outBias = try ImportedFactorModel.vector(bias, "out.bias", count: e, file: file)
        case (.some, nil): throw DataError(file: file, "missing array 'out.bias' ('out.weight' is present)")
        case (nil, .some): throw DataError(file: file, "missing array 'out.weight' ('out.bias' is present)")
        }
        let rows = try ImportedFactorModel.rows(try array("item_ids"), "item_ids", expected: table.rows, factorsName: "item_emb.weight",
                                                dataset: dataset.itemIDs, file: file)
        let (embeddings, _, present) = ImportedFactorModel.gather(table, nil, rows: rows.datasetRow, count: dataset.itemCount)
        let padding = rows.datasetRow.firstIndex { $0 == nil }
        let missing = present.count { !$0 }
        let summary = "A recurrent network (GRU4Rec) trained in PyTorch and imported from \(source): it reads a user's last \(maxLength) events in order as \(e)-dimensional item embeddings; its \(h)-dimensional state after the last event\(outWeight == nil ? " is" : " is mapped by a linear layer to") the query vector, and an item's score is the dot product of the query with the item's embedding."
            + (missing > 0 ? " \(missing) items have no embedding in the file and are never recommended." : "")
        self.init(name: "gru4rec-imported", displayName: "GRU4Rec (imported)", summary: summary,
                  hyperparameters: ["embedding size": "\(e)", "hidden size": "\(h)", "max length": "\(maxLength)",
                                    "output layer": outWeight == nil ? "no (q = h)" : "yes", "source": source,
                                    "rows not in the dataset": "\(rows.ignored)"],
                  weights: GRUWeights(inputSize: e, hiddenSize: h, weightIH: ih, weightHH: hh, biasIH: biasIH, biasHH: biasHH),
                  itemEmbeddings: embeddings, outWeight: outWeight, outBias: outBias, encoder: GRUEventEncoder(embeddingSize: e),
                  train: train, maxLength: maxLength, curves: [], configuration: nil, selectedEpoch: nil, ignoredItems: rows.ignored,
                  recommendable: present, zeroEmbedding: padding.map { table.row($0) } ?? [Float](repeating: 0, count: e))
    }
}
