import Dispatch

/// Fits `GRUParameters` for `GRU4Rec`: minibatches of `batchSize` BPTT windows (`GRUWindows`) in
/// a seeded shuffled order, K uniform negatives per minibatch, Adam (dense for the GRU and
/// output layer, lazy rows for the embeddings), early stopping on the validation HR@10 with
/// the best epoch's parameters kept.
///
/// Each minibatch is split into two fixed halves whose gradients are computed concurrently
/// (single-threaded BLAS inside) and summed in a fixed order, so results are bit-identical for a
/// seed whatever the core count or scheduling.
struct GRUTrainer {
    /// Halves per minibatch (fixed: part of the arithmetic, not a thread count).
    static let shards = 2

    /// The trained parameters and what the model page shows.
    struct Result {
        var parameters: GRUParameters<Float>
        /// "training loss" and, with validation, "validation HR@10", one value per epoch run.
        var curves: [TrainingCurve]
        /// 1-based epoch whose parameters were kept (the last without validation).
        var selectedEpoch: Int
        var epochsRun: Int
        var validationUsers: Int
    }

    /// Per-thread state of one half of a minibatch.
    final class Shard: @unchecked Sendable {
        var batch: GRUBatch
        let workspace = GRUWorkspace<Float>()
        var gradient: GRUParameters<Float>
        var loss: Float = 0
        init(featureSize: Int, gradient: GRUParameters<Float>) {
            batch = GRUBatch(lengths: [], featureSize: featureSize)
            self.gradient = gradient
        }
    }

    /// O(epochs · windows · L · (D + H + K) · H) time; see `GRUObjective`.
    static func train(_ train: InteractionMatrix, encoder: GRUEventEncoder, configuration c: GRU4Rec.Configuration) -> Result {
        BLAS.withSingleThread { fit(train, encoder: encoder, configuration: c) }
    }

    private static func fit(_ train: InteractionMatrix, encoder: GRUEventEncoder, configuration c: GRU4Rec.Configuration) -> Result {
        let items = train.itemCount, e = c.embeddingSize, f = encoder.featureSize
        let root = SplitMix64(seed: c.seed)
        var initRNG = root.derived(1), validationRNG = root.derived(2), orderRNG = root.derived(3), negativeRNG = root.derived(4)
        let plan = GRUWindows(train: train, maxLength: c.maxLength, validationShare: c.validationUsers, rng: &validationRNG)
        var p = GRUParameters<Float>(items: items, embeddingSize: e, featureSize: f, hiddenSize: c.hiddenSize, outputLayer: c.outputLayer)
        p.initialise(embeddingScale: 0.1, rng: &initRNG)
        let zero = GRUParameters<Float>(items: items, embeddingSize: e, featureSize: f, hiddenSize: c.hiddenSize, outputLayer: c.outputLayer)
        let shards = (0..<shards).map { _ in Shard(featureSize: f, gradient: zero) }
        var adam = [p.embedding, p.weightIH, p.weightHH, p.biasIH, p.biasHH, p.outWeight, p.outBias].map {
            OptimizerState(.adam, learningRate: c.learningRate, count: $0.count)
        }
        let gapLogs = GRUEventEncoder.gapLogs(train)
        var order = Array(plan.windows.indices)
        var touched = TouchedRows(count: items)
        var lossCurve: [Double] = [], hitCurve: [Double] = []
        var best = p, bestHits = -1.0, bestEpoch = 0, sinceBest = 0, step = 0
        let batchSize = max(1, c.batchSize), negatives = max(1, c.negatives)
        var negativeItems = [Int32](repeating: 0, count: negatives)
        for epoch in stride(from: 1, through: c.epochs, by: 1) {
            orderRNG.shuffle(&order)
            var lossSum = 0.0, positions = 0
            for start in stride(from: 0, to: order.count, by: batchSize) {
                let chosen = order[start..<min(order.count, start + batchSize)]
                for j in 0..<negatives {
                    negativeItems[j] = Int32(negativeRNG.nextInt(below: items))
                    touched.insert(negativeItems[j])
                }
                let half = (chosen.count + 1) / 2
                var scored = 0
                for (s, shard) in shards.enumerated() {
                    let part = s == 0 ? chosen.prefix(half) : chosen.dropFirst(half)
                    fill(&shard.batch, windows: part.map { plan.windows[$0] }, train: train, gapLogs: gapLogs, encoder: encoder, touched: &touched)
                    shard.batch.negatives = negativeItems
                    scored += part.reduce(0) { $0 + plan.windows[$1].length }
                }
                let scale = 1 / Float(scored), parameters = p, loss = c.loss
                DispatchQueue.concurrentPerform(iterations: shards.count) { s in
                    let shard = shards[s]
                    shard.loss = GRUObjective.minibatch(parameters, batch: shard.batch, loss: loss, scale: scale,
                                                        workspace: shard.workspace, gradient: &shard.gradient)
                }
                lossSum += Double(shards.reduce(Float(0)) { $0 + $1.loss }) * Double(scored)
                positions += scored
                step += 1
                update(&p, shards: shards, touched: &touched, adam: &adam, step: step)
            }
            lossCurve.append(positions == 0 ? 0 : lossSum / Double(positions))
            guard !plan.holdouts.isEmpty else { best = p; bestEpoch = epoch; continue }
            let hits = GRUValidation.hitRate(p, holdouts: plan.holdouts, train: train, encoder: encoder, maxLength: c.maxLength, k: 10)
            hitCurve.append(hits)
            if hits > bestHits {
                (best, bestHits, bestEpoch, sinceBest) = (p, hits, epoch, 0)
            } else {
                sinceBest += 1
                if sinceBest >= max(1, c.patience) { break }
            }
        }
        var curves = [TrainingCurve(name: "training loss", values: lossCurve)]
        if !plan.holdouts.isEmpty { curves.append(TrainingCurve(name: "validation HR@10", values: hitCurve)) }
        return Result(parameters: c.epochs > 0 ? best : p, curves: lossCurve.isEmpty ? [] : curves, selectedEpoch: bestEpoch,
                      epochsRun: lossCurve.count, validationUsers: plan.holdouts.count)
    }

    /// Lays `windows` out in `batch` (packed, longest first; equal lengths keep their order),
    /// marking their input and target items as touched.
    static func fill(_ batch: inout GRUBatch, windows unsorted: [GRUWindows.Window], train: InteractionMatrix, gapLogs: [Float],
                     encoder: GRUEventEncoder, touched: inout TouchedRows) {
        let windows = unsorted.indices.sorted { (unsorted[$0].length, $1) > (unsorted[$1].length, $0) }.map { unsorted[$0] }
        let f = encoder.featureSize
        batch.reset(lengths: windows.map(\.length))
        batch.features.withUnsafeMutableBufferPointer { features in
            for (b, w) in windows.enumerated() {
                for t in 0..<w.length {
                    let k = w.offset + t, position = batch.stepOffsets[t] + b
                    batch.inputs[position] = train.items[k]
                    batch.targets[position] = train.items[k + 1]
                    touched.insert(train.items[k])
                    touched.insert(train.items[k + 1])
                    if f > 0 {
                        encoder.write(item: Int(train.items[k]), rating: train.ratings[k], gapLog: k > w.userStart ? gapLogs[k] : 0,
                                      into: features.baseAddress! + position * f)
                    }
                }
            }
        }
    }

    /// Sums the shards' gradients (shard order), applies Adam and zeroes every gradient.
    static func update(_ p: inout GRUParameters<Float>, shards: [Shard], touched: inout TouchedRows, adam: inout [OptimizerState], step: Int) {
        let g = shards[0], e = p.embeddingSize
        for other in shards.dropFirst() {
            g.gradient.embedding.withUnsafeMutableBufferPointer { sum in
                other.gradient.embedding.withUnsafeMutableBufferPointer { part in
                    for r in touched.rows {
                        for c in (Int(r) * e)..<((Int(r) + 1) * e) {
                            sum[c] += part[c]
                            part[c] = 0
                        }
                    }
                }
            }
            add(other.gradient.weightIH, to: &g.gradient.weightIH)
            add(other.gradient.weightHH, to: &g.gradient.weightHH)
            add(other.gradient.biasIH, to: &g.gradient.biasIH)
            add(other.gradient.biasHH, to: &g.gradient.biasHH)
            add(other.gradient.outWeight, to: &g.gradient.outWeight)
            add(other.gradient.outBias, to: &g.gradient.outBias)
            other.gradient.zeroDense()
        }
        let eta = adam[0].stepSize(step: step)
        adam[0].applyRows(touched.rows, width: e, to: &p.embedding, gradient: &g.gradient.embedding, stepSize: eta)
        adam[1].apply(to: &p.weightIH, gradient: g.gradient.weightIH, offset: 0, count: p.weightIH.count, stepSize: eta)
        adam[2].apply(to: &p.weightHH, gradient: g.gradient.weightHH, offset: 0, count: p.weightHH.count, stepSize: eta)
        adam[3].apply(to: &p.biasIH, gradient: g.gradient.biasIH, offset: 0, count: p.biasIH.count, stepSize: eta)
        adam[4].apply(to: &p.biasHH, gradient: g.gradient.biasHH, offset: 0, count: p.biasHH.count, stepSize: eta)
        adam[5].apply(to: &p.outWeight, gradient: g.gradient.outWeight, offset: 0, count: p.outWeight.count, stepSize: eta)
        adam[6].apply(to: &p.outBias, gradient: g.gradient.outBias, offset: 0, count: p.outBias.count, stepSize: eta)
        g.gradient.zeroDense()
        touched.removeAll()
    }

    private static func add(_ values: [Float], to sums: inout [Float]) {
        for k in sums.indices { sums[k] += values[k] }
    }
}
