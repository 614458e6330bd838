import Foundation

/// The interpretable attribution network of Afchar & Hennequin (RecSys 2020,
/// deezer/interpretable_nn_attribution), and its plain-MLP baseline over the same inputs.
///
/// Inputs (`AttributionInputs`): content (user and item side information), a user identity
/// embedding and an item identity embedding. `interpretable`: one ReLU sub-network per attribution
/// subset {content}, {content, user}, {content, item}, {content, user, item}, each reading only its
/// own inputs and its strict subsets' hidden outputs (gradients stopped,
/// `AttributionArchitecture`), each with a tanh head F_s; the heads are mixed by
/// α_s = g_s Π_{t⊊s}(1 − g_t) (`AttributionMixture`), so every prediction comes with its split over
/// the subsets. `plainMLP`: one network over all the inputs with a single head (NeuMF-MLP style).
///
/// Training: implicit feedback, every distinct training (user, item) pair a positive with
/// `negatives` unseen items drawn per epoch as negatives (label 0); minibatches in a seeded
/// shuffled order; the boosted generalised EM of the paper: E-step masks from the current heads'
/// confidences (no gradient), M-step Adam on the mask-weighted binary cross-entropy of every head
/// (the identity embeddings learn from the root's loss alone by default, `EmbeddingTraining`).
/// BLAS runs single-threaded, so the same seed gives the same parameters on any machine setting.
public struct AttributionNet: TrainingCurveReporting, Sendable {
    /// Which network.
    public enum Kind: String, Sendable, Codable, Equatable {
        case interpretable = "attribution-net"
        case plainMLP = "attribution-mlp"
    }

    public let kind: Kind
    public let configuration: Configuration
    public let inputs: AttributionInputs
    public let parameters: AttributionNetParameters<Float>
    /// Per epoch: the M-step loss and, for the interpretable network, the mean mixture weight of
    /// each subset over the epoch's samples.
    public let curves: [TrainingCurve]
    /// Seconds spent training (not part of any artifact: timings are not deterministic).
    public private(set) var trainingSeconds: Double

    public var name: String { kind.rawValue }
    public var architecture: AttributionArchitecture { parameters.architecture }
    public var itemCount: Int { architecture.items }

    /// Trains the network on the distinct (user, item) pairs of `train`.
    /// O(epochs · nnz · (1 + negatives) · `multiplyAdds` · 3) time.
    public init(kind: Kind, train: InteractionMatrix, inputs: AttributionInputs, configuration: Configuration = .init()) {
        let started = Date()
        self = BLAS.withSingleThread { AttributionNet(training: train, kind: kind, inputs: inputs, configuration: configuration) }
        trainingSeconds = Date().timeIntervalSince(started)
    }

    /// A network over given parameters (tests).
    public init(kind: Kind, parameters: AttributionNetParameters<Float>, inputs: AttributionInputs, configuration: Configuration = .init()) {
        self.kind = kind
        self.parameters = parameters
        self.inputs = inputs
        self.configuration = configuration
        curves = []
        trainingSeconds = 0
    }

    /// The architecture of `kind` for these inputs and sizes.
    public static func architecture(kind: Kind, inputs: AttributionInputs, configuration c: Configuration, users: Int, items: Int) -> AttributionArchitecture {
        AttributionArchitecture(
            subsets: kind == .interpretable ? AttributionArchitecture.attributionSubsets(groups: inputs.groups) : AttributionArchitecture.fullSubset(groups: inputs.groups),
            widths: c.widths, contentWidth: inputs.contentWidth, embeddingSize: c.embeddingSize, users: users, items: items)
    }

    private init(training train: InteractionMatrix, kind: Kind, inputs: AttributionInputs, configuration c: Configuration) {
        let a = Self.architecture(kind: kind, inputs: inputs, configuration: c, users: train.userCount, items: train.itemCount)
        let root = SplitMix64(seed: c.seed)
        var initRNG = root.derived(1), negativeRNG = root.derived(2), orderRNG = root.derived(3)
        var p = AttributionNetParameters<Float>(architecture: a, embeddingScale: c.initScale, rng: &initRNG)
        var gradient = AttributionNetParameters<Float>(architecture: a)
        var adam = DenseAdam(blockSizes: a.blockSizes)
        let sampler = NegativeSampler(train)
        var positives: [(user: Int32, item: Int32)] = []
        for u in 0..<train.userCount { for item in sampler.seen[u] { positives.append((Int32(u), item)) } }
        let perPositive = 1 + max(0, c.negatives), batchSize = max(1, c.batchSize)
        var losses: [Double] = [], weightCurves = [[Double]](repeating: [], count: a.subsets.count)
        var step = 0
        let embeddingSubsets: Set<Int>? = c.embeddingTraining == .root ? a.rootSubset.map { [$0] } : nil
        var users: [Int32] = [], items: [Int32] = [], labels: [Float] = [], order: [Int] = []
        for _ in 0..<c.epochs {
            users.removeAll(keepingCapacity: true); items.removeAll(keepingCapacity: true); labels.removeAll(keepingCapacity: true)
            for (u, i) in positives {
                users.append(u); items.append(i); labels.append(1)
                for _ in 1..<perPositive {
                    guard let j = sampler.sample(user: Int(u), rng: &negativeRNG) else { break }
                    users.append(u); items.append(j); labels.append(0)
                }
            }
            order = Array(0..<users.count)
            orderRNG.shuffle(&order)
            var total = 0.0, batches = 0
            var weightSums = [Double](repeating: 0, count: a.subsets.count)
            for first in stride(from: 0, to: order.count, by: batchSize) {
                let rows = order[first..<min(order.count, first + batchSize)]
                let bu = rows.map { Int(users[$0]) }, bi = rows.map { Int(items[$0]) }, by = rows.map { labels[$0] }
                let f = AttributionNetwork.forward(p, inputs: inputs, users: bu, items: bi)
                let (loss, dHeads) = AttributionMixture.mStep(f, labels: by, architecture: a, rule: c.confidence, normalisation: c.normalisation)
                AttributionNetwork.backward(p, users: bu, items: bi, activations: f, dHeads: dHeads, gradient: &gradient, embeddingSubsets: embeddingSubsets)
                step += 1
                let eta = DenseAdam.stepSize(learningRate: c.learningRate, step: step)
                for k in gradient.blocks.indices { adam.update(block: k, parameters: &p.blocks[k], gradient: &gradient.blocks[k], stepSize: eta) }
                total += Double(loss)
                batches += 1
                if a.subsets.count > 1 {
                    for r in 0..<f.rows {
                        let w = AttributionMixture.decompose(f.heads(row: r), architecture: a, rule: c.confidence, fullRoot: c.rootConfidence == .full).weights
                        for s in w.indices { weightSums[s] += Double(w[s]) }
                    }
                }
            }
            losses.append(total / Double(max(1, batches)))
            for s in weightSums.indices { weightCurves[s].append(weightSums[s] / Double(max(1, order.count))) }
        }
        self.kind = kind
        self.configuration = c
        self.inputs = inputs
        self.parameters = p
        trainingSeconds = 0
        var curves = [TrainingCurve(name: kind == .interpretable ? "training loss (mask-weighted BCE, M-step)" : "training loss (BCE)", values: losses)]
        if a.subsets.count > 1 {
            curves += a.subsets.indices.map { TrainingCurve(name: "mean mixture weight of \(Self.subsetName(a.subsets[$0]))", values: weightCurves[$0]) }
        }
        self.curves = curves
    }

    /// "content + user" for a subset mask.
    public static func subsetName(_ mask: Int) -> String {
        AttributionInputs.Group.allCases.filter { mask & (1 << $0.rawValue) != 0 }.map { $0 == .content ? "content" : ($0 == .user ? "user" : "item") }
            .joined(separator: " + ")
    }

    /// The head outputs F_s (subset-major: `heads[s][r]`) of (user, items[r]).
    public func heads(user: Int, items: [Int]) -> [[Float]] {
        let f = AttributionNetwork.forward(parameters, inputs: inputs, users: [Int](repeating: user, count: items.count), items: items)
        let last = architecture.layerCount - 1
        return f.outputs.map { $0[last] }
    }

    /// y of every item for `user`, in chunks of 512 items. O(items · `multiplyAdds`).
    public func scores(forUser user: Int, into scores: inout [Float]) {
        let a = architecture, chunk = 512
        for first in stride(from: 0, to: a.items, by: chunk) {
            let items = Array(first..<min(a.items, first + chunk))
            let heads = heads(user: user, items: items)
            for (r, item) in items.enumerated() {
                scores[item] = AttributionMixture.decompose(heads.map { $0[r] }, architecture: a, rule: configuration.confidence, fullRoot: configuration.rootConfidence == .full).prediction
            }
        }
    }
}
