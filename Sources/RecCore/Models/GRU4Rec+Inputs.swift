extension GRU4Rec {
    /// The model's input for `user`: the last ≤ L training events, oldest first: the dataset item
    /// index of each event and the full D-wide input vector of each (n × D). O(L · D).
    public func inputSequence(ofUser user: Int) -> (items: [Int32], inputs: Matrix) {
        let range = train.range(ofUser: user)
        let events = max(range.lowerBound, range.upperBound - maxLength)..<range.upperBound
        return (Array(train.items[events]),
                Self.inputMatrix(events: events, of: train, userStart: range.lowerBound, embeddings: itemEmbeddings, encoder: encoder))
    }

    /// Input vector (D) of an absent event: `.zero` (zero embedding and zero features = the
    /// training-mean rating and gap, since features are z-scored; for an imported model with a
    /// padding row: that row's embedding), `.meanItem` (mean embedding of the recommendable
    /// items, zero features), `.item(i)` (item i's embedding, its genres, zero rating and gap).
    public func baselineInput(_ baseline: EventBaseline) -> [Float] {
        var x = [Float](repeating: 0, count: inputSize)
        let e = embeddingSize
        switch baseline {
        case .zero:
            for c in 0..<e { x[c] = zeroEmbedding[c] }
        case .meanItem:
            var count = 0
            for i in 0..<itemCount where recommendable[i] {
                for c in 0..<e { x[c] += itemEmbeddings[i, c] }
                count += 1
            }
            for c in 0..<e { x[c] /= Float(max(1, count)) }
        case .item(let i):
            x = input(ofItem: i)
        }
        return x
    }

    /// Input vector (D) of an event of item `i` with the training-mean rating and time gap
    /// (zero rating and gap features) and the item's genres.
    public func input(ofItem i: Int) -> [Float] {
        var x = [Float](repeating: 0, count: inputSize)
        for c in 0..<embeddingSize { x[c] = itemEmbeddings[i, c] }
        x.withUnsafeMutableBufferPointer { encoder.write(item: i, rating: nil, gapLog: nil, into: $0.baseAddress! + embeddingSize) }
        return x
    }

    /// q (B × E) from final hidden states (B × H): W_out h + b_out, or h without an output layer.
    public func queries(hidden: UnsafePointer<Float>, batch: Int) -> Matrix {
        Self.queries(hidden: hidden, batch: batch, hiddenSize: weights.hiddenSize, outWeight: outWeight, outBias: outBias)
    }

    /// Scores of every item after reading `inputs` (n × D, oldest first; n = 0 reads nothing,
    /// h = 0): the GRU forward, q, and q · embedding(i); `-infinity` for items that cannot be
    /// recommended. O(n · H · (D + H) + I · E).
    public func scores(forInputs inputs: Matrix) -> [Float] {
        let hidden = GRUCell.finalHidden(of: [inputs], weights: weights)
        let q = hidden.values.withUnsafeBufferPointer { queries(hidden: $0.baseAddress!, batch: 1) }
        var result = [Float](repeating: 0, count: itemCount)
        q.rowTimesTransposed(0, itemEmbeddings, into: &result)
        for i in 0..<itemCount where !recommendable[i] { result[i] = -.infinity }
        return result
    }

    /// Scores after a sequence of dataset items, oldest first, each with `input(ofItem:)` (mean
    /// rating and gap, the item's genres).
    public func scores(forSequence items: [Int32]) -> [Float] {
        var inputs = Matrix(rows: items.count, columns: inputSize)
        for (t, item) in items.enumerated() {
            let x = input(ofItem: Int(item))
            for c in 0..<inputSize { inputs[t, c] = x[c] }
        }
        return scores(forInputs: inputs)
    }

    /// Input vectors (n × D) of events `events` of `m` (items beyond `embeddings` get zeros).
    static func inputMatrix(events: Range<Int>, of m: InteractionMatrix, userStart: Int, embeddings: Matrix,
                            encoder: GRUEventEncoder) -> Matrix {
        let e = embeddings.columns, d = e + encoder.featureSize
        var result = Matrix(rows: events.count, columns: d)
        result.values.withUnsafeMutableBufferPointer { out in
            embeddings.values.withUnsafeBufferPointer { table in
                for (t, k) in events.enumerated() {
                    let row = out.baseAddress! + t * d, item = Int(m.items[k])
                    if item < embeddings.rows { row.update(from: table.baseAddress! + item * e, count: e) }
                    encoder.write(event: k, of: m, userStart: userStart, into: row + e)
                }
            }
        }
        return result
    }

    /// q = h·W_outᵀ + b_out (B × E) through `cblas_sgemm`, or a copy of h without `outWeight`.
    static func queries(hidden: UnsafePointer<Float>, batch: Int, hiddenSize h: Int, outWeight: Matrix?, outBias: [Float]) -> Matrix {
        guard let outWeight else { return Matrix(rows: batch, columns: h, values: Array(UnsafeBufferPointer(start: hidden, count: batch * h))) }
        let e = outWeight.rows
        var q = Matrix(rows: batch, columns: e)
        q.values.withUnsafeMutableBufferPointer { out in
            GRUObjective.fillRows(out.baseAddress!, rows: batch, with: outBias)
            outWeight.values.withUnsafeBufferPointer {
                Float.product(false, true, m: batch, n: e, k: h, hidden, lda: h, $0.baseAddress!, ldb: h, beta: 1, out.baseAddress!, ldc: e)
            }
        }
        return q
    }

    /// The query of every user from their last ≤ L events (zero rows for users without events),
    /// in batches of 256 users. O(U · L · H · (D + H)).
    static func allUserQueries(train: InteractionMatrix, maxLength: Int, weights: GRUWeights, embeddings: Matrix, outWeight: Matrix?,
                               outBias: [Float], encoder: GRUEventEncoder) -> Matrix {
        let e = embeddings.columns
        var result = Matrix(rows: train.userCount, columns: e)
        BLAS.withSingleThread {
            for chunk in stride(from: 0, to: train.userCount, by: 256) {
                let users = chunk..<min(train.userCount, chunk + 256)
                let inputs = users.map { u in
                    let range = train.range(ofUser: u)
                    return inputMatrix(events: max(range.lowerBound, range.upperBound - maxLength)..<range.upperBound, of: train,
                                       userStart: range.lowerBound, embeddings: embeddings, encoder: encoder)
                }
                let hidden = GRUCell.finalHidden(of: inputs, weights: weights)
                let q = hidden.values.withUnsafeBufferPointer {
                    queries(hidden: $0.baseAddress!, batch: users.count, hiddenSize: weights.hiddenSize, outWeight: outWeight, outBias: outBias)
                }
                for (row, u) in users.enumerated() where train.rowCount(ofUser: u) > 0 {
                    for c in 0..<e { result[u, c] = q[row, c] }
                }
            }
        }
        return result
    }
}
