import Foundation
/// Mult-VAE (Liang, Krishnan, Hoffman & Jebara, WWW 2018): a variational autoencoder of each
/// user's multi-hot history with a multinomial likelihood over the items.
///
/// The input is the user's distinct training items as a binary vector x, L2-normalised
/// (x̃ = x / ‖x‖), with dropout (rate `dropout`) on x̃ while training. Encoder I → H (tanh) → 2L
/// (μ and log σ², linear); z = μ + ε ⊙ σ with ε ~ N(0, I) while training; decoder L → H (tanh) →
/// I logits. Loss: the negative ELBO of `MultVAEObjective` with the KL weight β annealed
/// linearly to `klCap`; Adam on every weight (dense, as the reference implementations), users
/// shuffled each epoch. Seeded and deterministic: BLAS runs single-threaded and the large
/// products are split in two fixed halves (`MultVAENetwork.gemm`), so the same seed gives the same
/// parameters whatever the machine's thread settings or the caller's concurrency.
///
/// Scoring uses the encoder mean (z = μ) and returns log-probabilities: the score of item i is
/// log πᵢ = logitᵢ − log Σⱼ exp(logitⱼ), the log of its share of the multinomial (ranking as the
/// logits do). Scores come from the history itself, so any history — in particular any subset of
/// the user's training history — is scored natively (`MultVAEHistoryScorer`).
public struct MultVAE: TrainingCurveReporting, LogProbabilityScoring, Sendable {
    public var name: String { "vae" }
    public var displayName: String { "Mult-VAE" }
    public var summary: String {
        "A variational autoencoder of the user's whole history (Liang et al. 2018): the set of items the user interacted with, as a normalised multi-hot vector, is encoded through a \(configuration.hiddenSize)-unit tanh layer into a \(configuration.latentSize)-dimensional Gaussian, and decoded through another \(configuration.hiddenSize)-unit layer into a probability for every item (multinomial likelihood, KL term annealed to β = \(configuration.klCap)). Scores are the log-probabilities of the decoded distribution at the encoder's mean."
    }
    public var hyperparameters: [String: String] {
        let c = configuration
        return ["hidden units": "\(c.hiddenSize)", "latent dimension": "\(c.latentSize)", "dropout": "\(c.dropout)", "epochs": "\(c.epochs)",
                "batch size": "\(c.batchSize)", "learning rate": "\(c.learningRate)", "KL cap β": "\(c.klCap)",
                "KL annealing epochs": c.annealEpochs == c.annealEpochs.rounded() ? "\(Int(c.annealEpochs))" : "\(c.annealEpochs)", "seed": "\(c.seed)"]
    }
    public let configuration: Configuration
    public let parameters: MultVAEParameters<Float>
    /// Per epoch (means over its minibatches): "training loss (−ELBO)", "multinomial NLL",
    /// "KL divergence" and "KL weight β" (at the epoch's last update).
    public let curves: [TrainingCurve]
    /// The training histories (the input of every user's scores).
    public let train: InteractionMatrix
    public var itemCount: Int { parameters.items }

    /// Trains the model. O(epochs · (nnz · H + U · H · (I + L))) time; O(I · H) memory for the
    /// weights and O(B · I) per minibatch.
    public init(train: InteractionMatrix, configuration: Configuration = .init()) {
        self = BLAS.withSingleThread { MultVAE(training: train, configuration: configuration) }
    }

    /// The training itself (BLAS single-threaded; the large products run on two threads of our own).
    private init(training train: InteractionMatrix, configuration: Configuration) {
        let c = configuration
        let histories = MultVAE.distinctItems(train)
        let users = (0..<train.userCount).filter { histories.start[$0 + 1] > histories.start[$0] }
        let batchSize = max(1, c.batchSize), updatesPerEpoch = max(1, (users.count + batchSize - 1) / batchSize)
        let root = SplitMix64(seed: c.seed)
        var initRNG = root.derived(1), orderRNG = root.derived(2), dropoutRNG = root.derived(3), noiseRNG = root.derived(4)
        var p = MultVAEParameters<Float>(items: train.itemCount, hiddenSize: c.hiddenSize, latentSize: c.latentSize, rng: &initRNG)
        var gradient = MultVAEParameters<Float>(items: train.itemCount, hiddenSize: c.hiddenSize, latentSize: c.latentSize)
        let blocks = MultVAEParameters<Float>.blocks
        var adam = DenseAdam(blockSizes: blocks.map { p[keyPath: $0].count })
        let keep = 1 - c.dropout
        var order = users
        var step = 0
        var losses: [Double] = [], likelihoods: [Double] = [], divergences: [Double] = [], weights: [Double] = []
        for _ in 0..<c.epochs {
            orderRNG.shuffle(&order)
            var total = 0.0, nll = 0.0, kl = 0.0, beta = 0.0
            for first in stride(from: 0, to: order.count, by: batchSize) {
                var input = MultVAEInput<Float>(), targets = MultVAEInput<Float>()
                for u in order[first..<min(order.count, first + batchSize)] {
                    let items = histories.items[histories.start[u]..<histories.start[u + 1]]
                    let value = Float(1 / (Double(items.count).squareRoot() * keep))
                    var kept: [Int32] = []
                    for item in items where c.dropout == 0 || dropoutRNG.nextDouble() >= c.dropout { kept.append(item) }
                    input.append(items: kept, values: repeatElement(value, count: kept.count))
                    targets.append(items: items, values: repeatElement(Float(1), count: items.count))
                }
                let noise = (0..<(input.rows * c.latentSize)).map { _ in Float(noiseRNG.nextGaussian()) }
                beta = c.klWeight(afterSteps: step, updatesPerEpoch: updatesPerEpoch)
                let loss = MultVAEObjective.minibatch(p, batch: .init(input: input, targets: targets, noise: noise), beta: Float(beta), gradient: &gradient)
                step += 1
                let eta = DenseAdam.stepSize(learningRate: c.learningRate, step: step)
                for (k, path) in blocks.enumerated() { adam.update(block: k, parameters: &p[keyPath: path], gradient: &gradient[keyPath: path], stepSize: eta) }
                total += Double(loss.total)
                nll += Double(loss.negativeLogLikelihood)
                kl += Double(loss.kl)
            }
            let batches = Double(updatesPerEpoch)
            losses.append(total / batches)
            likelihoods.append(nll / batches)
            divergences.append(kl / batches)
            weights.append(beta)
        }
        self.configuration = c
        self.parameters = p
        self.train = train
        self.curves = [
            TrainingCurve(name: "training loss (−ELBO)", values: losses), TrainingCurve(name: "multinomial NLL", values: likelihoods),
            TrainingCurve(name: "KL divergence", values: divergences), TrainingCurve(name: "KL weight β", values: weights),
        ]
    }

    /// A model over given parameters (imports, tests); `train` holds the users' histories.
    public init(parameters: MultVAEParameters<Float>, train: InteractionMatrix, configuration: Configuration = .init(), curves: [TrainingCurve] = []) {
        self.parameters = parameters
        self.train = train
        self.configuration = configuration
        self.curves = curves
    }

    /// log πᵢ of every item for `user`'s training history at the encoder mean (an empty history
    /// for users without one). O(n·H + H·L + H·I).
    public func scores(forUser user: Int, into scores: inout [Float]) {
        MultVAEHistoryScorer(model: self, user: user).scores(mask: nil, into: &scores)
    }

    /// Each user's distinct training items, ascending, as CSR (`start` U + 1, `items`).
    static func distinctItems(_ train: InteractionMatrix) -> (start: [Int], items: [Int32]) {
        var start = [0], items: [Int32] = []
        items.reserveCapacity(train.count)
        for u in 0..<train.userCount {
            let row = Set(train.items[train.range(ofUser: u)]).sorted()
            items.append(contentsOf: row)
            start.append(items.count)
        }
        return (start, items)
    }
}

extension MultVAE {
    public var scoreUnit: ScoreUnit {
        ScoreUnit(short: "log-probability", meaning: "the log-probability of the item under the user's multinomial over all items (exp(score) sums to 1 over the catalogue).")
    }
}

extension MultVAE: TrainedStatePersistable {
    public init(configuration: Configuration, parameters: MultVAEParameters<Float>, curves: [TrainingCurve], train: InteractionMatrix) {
        self.init(parameters: parameters, train: train, configuration: configuration, curves: curves)
    }
}
