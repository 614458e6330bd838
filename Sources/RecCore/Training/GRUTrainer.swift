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
    /// Halves per minibatch (fixed: part of the arithmetic, not a thread count; `GRUAdam` sums two).
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
        var windows: [GRUWindows.Window] = []
        var batch: GRUBatch
        let workspace = GRUWorkspace<Float>()
        var gradient: GRUParameters<Float>
        var touched: TouchedRows
        var loss: Float = 0
        init(featureSize: Int, gradient: GRUParameters<Float>) {
            batch = GRUBatch(lengths: [], featureSize: featureSize)
            self.gradient = gradient
            touched = TouchedRows(count: gradient.items)
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
        let adam = GRUAdam(learningRate: c.learningRate, shapeOf: p)
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
                shards[0].windows = chosen.prefix(half).map { plan.windows[$0] }
                shards[1].windows = chosen.dropFirst(half).map { plan.windows[$0] }
                let scored = shards.reduce(0) { $0 + $1.windows.reduce(0) { $0 + $1.length } }
                do {  // scoped, so the captured copy of p is released before Adam mutates p (no copy-on-write)
                    let scale = 1 / Float(scored), parameters = p, loss = c.loss, negativeList = negativeItems
                    DispatchQueue.concurrentPerform(iterations: shards.count) { s in
                        let shard = shards[s]
                        fill(&shard.batch, windows: shard.windows, train: train, gapLogs: gapLogs, encoder: encoder, touched: &shard.touched)
                        shard.batch.negatives = negativeList
                        shard.loss = GRUObjective.minibatch(parameters, batch: shard.batch, loss: loss, scale: scale,
                                                            workspace: shard.workspace, gradient: &shard.gradient)
                    }
                }
                for shard in shards {
                    for r in shard.touched.rows { touched.insert(r) }
                    shard.touched.removeAll()
                }
                lossSum += Double(shards.reduce(Float(0)) { $0 + $1.loss }) * Double(scored)
                positions += scored
                step += 1
                adam.step(&p, gradients: (shards[0], shards[1]), rows: touched.rows, step: step)
                touched.removeAll()
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

}
