import Dispatch

/// An LXR explainer network trained for one model.
public struct TrainedLXR: Sendable, Codable {
    public let network: LXRNetwork<Float>
    public let configuration: LXRConfiguration
    /// Per epoch, means over the training users: "LXR loss", "LXR −log p(y | kept items)",
    /// "LXR log p(y | dropped items)", "LXR mean mask".
    public let curves: [TrainingCurve]
    /// Users trained on (users with a history and a top-1 item).
    public let users: Int

    /// The mask values of `history` (distinct items) explaining `target`. O(n·h + h²).
    public func mask(history: [Int], target: Int) -> [Float] { network.forward(history: history, target: target).mask }
}

/// Trains an LXR explainer network on a recommender's own outputs (Barkan et al. 2024): each
/// training user's target is the model's top-1 item (its own `scores(forUser:)`, training items
/// excluded), the loss is `LXRObjective`'s with p from `LXRTargetProbability`, minibatches of
/// users in a seeded order each epoch, dense Adam with the learning rate × `decayFactor` every
/// `decayEvery` epochs.
///
/// Per minibatch: the network's forward passes (two fixed halves), then the model's answers at m
/// and 1 − m for every user, dynamically scheduled over both cores (costs differ with the history
/// length; Mult-VAE batches each half in one pass instead), then the backward passes in two fixed
/// halves, each summed in order on its own thread (BLAS single-threaded), the halves added in
/// order. Each user's answers depend only on the network and that user's own state, so the result
/// is deterministic whatever the scheduling. That state: iterative fold-ins (BPR, logistic MF,
/// two-tower, the hybrid's implicit part) start each epoch's optimisations from the user's
/// previous optimum and Hessian factor (`MaskWarmStart`, one per user and mask sign), which meet
/// the same stationarity tolerance as cold starts (tested against them) at a fraction of the
/// steps. Cost per epoch: two masked scorings and two pullbacks of the model per user (for
/// Mult-VAE one forward and one backward pass each), plus O(n·h + h²) in the network.
public enum LXRTrainer {
    /// One user's training example.
    struct Example: Sendable {
        let probability: LXRTargetProbability
        var items: [Int] { probability.items }
        var target: Int { probability.target }
    }

    /// Trains on `users` (default: every user of `train` with a history) of `model`, which must
    /// be differentiable in a history mask.
    public static func train(model: any HistoryConditionedRecommender, train: InteractionMatrix, users: [Int]? = nil,
                             configuration c: LXRConfiguration) -> TrainedLXR {
        Self.train(model: model, train: train, users: users, configuration: c, warmStarts: true)
    }

    /// `warmStarts` false: every fold-in starts cold (the tests' reference).
    static func train(model: any HistoryConditionedRecommender, train: InteractionMatrix, users: [Int]? = nil,
                      configuration c: LXRConfiguration, warmStarts: Bool) -> TrainedLXR {
        BLAS.withSingleThread {
            let examples = Self.examples(model: model, train: train, users: users ?? (0..<train.userCount).filter { train.rowCount(ofUser: $0) > 0 })
            return fit(examples: examples, itemCount: model.itemCount, configuration: c, warmStarts: warmStarts)
        }
    }

    /// Each user's scorer and top-1 target (users without events or without a target are left out).
    static func examples(model: any HistoryConditionedRecommender, train: InteractionMatrix, users: [Int]) -> [Example] {
        var slots = [Example?](repeating: nil, count: users.count)
        let logProbabilities = model is any LogProbabilityScoring
        slots.withUnsafeMutableBufferPointer { buffer in
            let output = UnsafeSendable(buffer)
            let chunk = 16
            DispatchQueue.concurrentPerform(iterations: (users.count + chunk - 1) / chunk) { c in
                var scores: [Float] = []
                for index in (c * chunk)..<min(users.count, (c + 1) * chunk) {
                    let u = users[index]
                    guard let scorer = model.historyScorer(forUser: u) as? any MaskDifferentiableScorer, !scorer.events.isEmpty else { continue }
                    let seen = u < train.userCount ? Array(train.items[train.range(ofUser: u)]) : []
                    guard let top = model.topK(forUser: u, k: 1, excluding: seen, buffer: &scores).first, top.score.isFinite else { continue }
                    output.buffer[index] = Example(probability: LXRTargetProbability(scorer: scorer, target: top.item, logProbabilities: logProbabilities))
                }
            }
        }
        return slots.compactMap { $0 }
    }

    static func fit(examples: [Example], itemCount: Int, configuration c: LXRConfiguration, warmStarts keep: Bool = true) -> TrainedLXR {
        let root = SplitMix64(seed: c.seed)
        var initRNG = root.derived(1), orderRNG = root.derived(2)
        var network = LXRNetwork<Float>(items: itemCount, hiddenSize: c.hiddenSize, rng: &initRNG)
        let blocks = LXRNetwork<Float>.blocks
        var adam = DenseAdam(blockSizes: blocks.map { network[keyPath: $0].count })
        var order = Array(examples.indices)
        let batchSize = max(1, c.batchSize)
        var step = 0
        var warmStarts = [WarmStarts](repeating: WarmStarts(), count: examples.count)
        // The two halves' gradient accumulators, reused by every minibatch (zero between them).
        var halves = [LXRNetwork<Float>](repeating: LXRNetwork<Float>(items: itemCount, hiddenSize: c.hiddenSize), count: 2)
        var curves = [[Double]](repeating: [], count: 4)
        for epoch in 0..<c.epochs {
            let rate = c.learningRate(epoch: epoch)
            orderRNG.shuffle(&order)
            var sums = [Double](repeating: 0, count: 4)
            for start in stride(from: 0, to: order.count, by: batchSize) {
                let members = Array(order[start..<min(order.count, start + batchSize)])
                if !keep { warmStarts = [WarmStarts](repeating: WarmStarts(), count: examples.count) }
                let parts = minibatch(network, examples: examples, members: members, warmStarts: &warmStarts, configuration: c, halves: &halves)
                step += 1
                let eta = DenseAdam.stepSize(learningRate: rate, step: step)
                // Adam zeroes the summed gradient (half 0) as it reads it.
                for (k, path) in blocks.enumerated() { adam.update(block: k, parameters: &network[keyPath: path], gradient: &halves[0][keyPath: path], stepSize: eta) }
                for k in 0..<4 { sums[k] += parts[k] }
            }
            for k in 0..<4 { curves[k].append(examples.isEmpty ? 0 : sums[k] / Double(examples.count)) }
        }
        let names = ["LXR loss", "LXR −log p(y | kept items)", "LXR log p(y | dropped items)", "LXR mean mask"]
        return TrainedLXR(network: network, configuration: c, curves: zip(names, curves).map { TrainingCurve(name: $0, values: $1) }, users: examples.count)
    }

    /// log p(y | mask) and its gradient for each example's item mask: Mult-VAE's users in one
    /// batched pass, the others one by one (same values either way, up to rounding).
    static func oracle(_ examples: [Example], masks: [[Float]]) -> [(logProbability: Float, gradient: [Float])] {
        let batch = examples.map(\.probability.batchable)
        guard let first = batch.first, let parameters = first?.parameters, batch.allSatisfy({ $0 != nil }) else {
            return zip(examples, masks).map { $0.probability.evaluate($1) }
        }
        let rows = zip(examples, masks).enumerated().map { k, pair in
            (items: batch[k]!.items, mask: pair.0.probability.eventMask(pair.1), target: pair.0.target)
        }
        let results = MultVAEHistoryScorer.targetLogProbabilities(parameters, rows: rows)
        return zip(examples, results).map { $0.probability.itemResult($1.logProbability, eventGradient: $1.gradient) }
    }

    /// The scorers' states of one example between epochs: its positive (m) and negative (1 − m)
    /// masks' warm starts (`MaskWarmStart`).
    struct WarmStarts: Sendable {
        var positive = MaskWarmStart()
        var negative = MaskWarmStart()
    }

    /// One example's network pass and the oracle's answers at m and at 1 − m.
    struct Evaluation: Sendable {
        let pass: LXRNetwork<Float>.Pass
        let positive: (logProbability: Float, gradient: [Float])
        let negative: (logProbability: Float, gradient: [Float])
    }

    /// The network passes and oracle answers of `members` (indices into `examples`). Mult-VAE's
    /// users in two fixed halves, each one batched pass (`oracle`); every other model's users one
    /// by one over both cores, dynamically scheduled (their costs differ by the history length),
    /// each example starting its fold-ins from its own previous optimum (`warmStarts[index]`,
    /// read and written only by the thread that evaluates that example: deterministic).
    static func evaluate(_ network: LXRNetwork<Float>, examples: [Example], members: [Int], warmStarts: inout [WarmStarts]) -> [Evaluation] {
        var results = [Evaluation?](repeating: nil, count: members.count)
        let batchable = members.allSatisfy { examples[$0].probability.batchable != nil }
        results.withUnsafeMutableBufferPointer { buffer in
            let output = UnsafeSendable(buffer)
            if batchable {
                let half = (members.count + 1) / 2
                let ranges = [0..<half, half..<members.count]
                DispatchQueue.concurrentPerform(iterations: 2) { part in
                    let slice = ranges[part].map { examples[members[$0]] }
                    let passes = slice.map { network.forward(history: $0.items, target: $0.target) }
                    let positive = oracle(slice, masks: passes.map(\.mask))
                    let negative = oracle(slice, masks: passes.map { $0.mask.map { 1 - $0 } })
                    for (k, index) in ranges[part].enumerated() {
                        output.buffer[index] = Evaluation(pass: passes[k], positive: positive[k], negative: negative[k])
                    }
                }
            } else {
                // The network passes first, together (its weights stay in cache), in two halves.
                var passes = [LXRNetwork<Float>.Pass?](repeating: nil, count: members.count)
                passes.withUnsafeMutableBufferPointer { buffer in
                    let slots = UnsafeSendable(buffer)
                    let half = (members.count + 1) / 2
                    DispatchQueue.concurrentPerform(iterations: 2) { part in
                        for k in (part == 0 ? 0..<half : half..<members.count) {
                            let example = examples[members[k]]
                            slots.buffer[k] = network.forward(history: example.items, target: example.target)
                        }
                    }
                }
                let forward = passes.map { $0! }
                warmStarts.withUnsafeMutableBufferPointer { states in
                    let starts = UnsafeSendable(states)
                    DispatchQueue.concurrentPerform(iterations: members.count) { k in
                        let example = examples[members[k]]
                        let pass = forward[k]
                        let positive = example.probability.evaluate(pass.mask, warmStart: &starts.buffer[members[k]].positive)
                        let negative = example.probability.evaluate(pass.mask.map { 1 - $0 }, warmStart: &starts.buffer[members[k]].negative)
                        output.buffer[k] = Evaluation(pass: pass, positive: positive, negative: negative)
                    }
                }
            }
        }
        return results.map { $0! }
    }

    /// The sums (over its users) of the loss, −log p(kept), log p(dropped) and the mean mask of a
    /// minibatch, its mean gradient left in `halves[0]` (both halves must come in zero; half 1 is
    /// zero again on return). The model is evaluated by `evaluate`; the network's backward passes
    /// run in two fixed halves on two threads, each into its own accumulator, added in order.
    static func minibatch(_ network: LXRNetwork<Float>, examples: [Example], members: [Int], warmStarts: inout [WarmStarts],
                          configuration c: LXRConfiguration, halves: inout [LXRNetwork<Float>]) -> [Double] {
        let evaluations = evaluate(network, examples: examples, members: members, warmStarts: &warmStarts)
        let half = (members.count + 1) / 2
        let ranges = [0..<half, half..<members.count]
        var sums = [[Double]](repeating: [Double](repeating: 0, count: 4), count: 2)
        let scale = 1 / Float(members.count)
        precondition(halves.count == 2)
        halves.withUnsafeMutableBufferPointer { accumulators in
            sums.withUnsafeMutableBufferPointer { totals in
                let (output, partSums) = (UnsafeSendable(accumulators), UnsafeSendable(totals))
                DispatchQueue.concurrentPerform(iterations: 2) { part in
                    for k in ranges[part] {
                        let example = examples[members[k]], evaluation = evaluations[k]
                        let (loss, dMask) = LXRObjective.combine(mask: evaluation.pass.mask, positive: evaluation.positive, negative: evaluation.negative,
                                                                 configuration: c, scale: scale)
                        network.backward(history: example.items, target: example.target, pass: evaluation.pass, dMask: dMask,
                                         gradient: &output.buffer[part])
                        partSums.buffer[part][0] += Double(loss.total)
                        partSums.buffer[part][1] += Double(loss.positive)
                        partSums.buffer[part][2] += Double(loss.negative)
                        partSums.buffer[part][3] += Double(loss.maskMean)
                    }
                }
            }
        }
        for path in LXRNetwork<Float>.blocks {
            var other = halves[1][keyPath: path]
            halves[1][keyPath: path] = []
            halves[0][keyPath: path].withUnsafeMutableBufferPointer { t in
                other.withUnsafeMutableBufferPointer { o in
                    for k in 0..<t.count {
                        t[k] += o[k]
                        o[k] = 0
                    }
                }
            }
            halves[1][keyPath: path] = other
        }
        return (0..<4).map { sums[0][$0] + sums[1][$0] }
    }
}
