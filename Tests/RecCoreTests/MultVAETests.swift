import RecCore
import RecTestSupport
import Testing

/// Mult-VAE: the hand-written backward passes against finite differences (training loss and
/// history mask), native history scoring, determinism and the planted tastes of the synthetic data.
@Suite struct MultVAETests {
    static let items = 7, hidden = 4, latent = 3

    static func parameters(seed: UInt64 = 1) -> MultVAEParameters<Double> {
        var p = MultVAEParameters<Double>(items: items, hiddenSize: hidden, latentSize: latent)
        for (k, path) in MultVAEParameters<Double>.blocks.enumerated() {
            p[keyPath: path] = GradientCheck.values(p[keyPath: path].count, seed: seed + UInt64(k), scale: 0.7)
        }
        return p
    }

    /// Three rows: histories {0, 2, 5}, {1, 6}, {3}; inputs normalised with some entries dropped.
    static let batch: MultVAEObjective.Batch<Double> = {
        var input = MultVAEInput<Double>(), targets = MultVAEInput<Double>()
        for (history, kept) in [([0, 2, 5], [0, 5]), ([1, 6], [1, 6]), ([3], [Int32]())] as [([Int32], [Int32])] {
            let value = 2 / Double(history.count).squareRoot()
            input.append(items: kept, values: kept.map { _ in value })
            targets.append(items: history, values: history.map { _ in 1 })
        }
        return .init(input: input, targets: targets, noise: GradientCheck.values(3 * latent, seed: 9, scale: 1.2))
    }()

    @Test func trainingLossGradientMatchesFiniteDifferences() {
        let p = Self.parameters()
        let zero = MultVAEParameters<Double>(items: Self.items, hiddenSize: Self.hidden, latentSize: Self.latent)
        var gradient = zero
        MultVAEObjective.minibatch(p, batch: Self.batch, beta: 0.3, gradient: &gradient)
        for path in MultVAEParameters<Double>.blocks {
            #expect(gradient[keyPath: path].map(abs).max()! > 1e-4, "every block must receive gradient")
        }
        let error = GradientCheck.maxRelativeError(at: p, fields: MultVAEParameters<Double>.blocks, analytic: gradient) { q in
            var scratch = zero
            return MultVAEObjective.minibatch(q, batch: Self.batch, beta: 0.3, gradient: &scratch).total
        }
        #expect(error < 1e-7)
        // A wrong entry fails the check.
        var wrong = gradient
        wrong.w3[2] += 1e-3
        #expect(GradientCheck.maxRelativeError(at: p, fields: [\.w3], analytic: wrong) { q in
            var scratch = zero
            return MultVAEObjective.minibatch(q, batch: Self.batch, beta: 0.3, gradient: &scratch).total
        } > 1e-4)
    }

    @Test func lossPartsAreTheMultinomialLikelihoodAndTheGaussianKL() {
        let p = Self.parameters()
        var gradient = MultVAEParameters<Double>(items: Self.items, hiddenSize: Self.hidden, latentSize: Self.latent)
        let loss = MultVAEObjective.minibatch(p, batch: Self.batch, beta: 0.5, gradient: &gradient)
        let f = MultVAENetwork.forward(p, input: Self.batch.input, noise: Self.batch.noise)
        var nll = 0.0, kl = 0.0
        for r in 0..<3 {
            for e in Self.batch.targets.start[r]..<Self.batch.targets.start[r + 1] {
                nll -= f.logits[r * Self.items + Int(Self.batch.targets.items[e])] - f.logNormaliser[r]
            }
            for k in 0..<Self.latent {
                let mu = f.o[r * 2 * Self.latent + k], logVariance = f.o[r * 2 * Self.latent + Self.latent + k]
                kl += 0.5 * (-logVariance + Double.exponential(logVariance) + mu * mu - 1)
            }
        }
        #expect(abs(loss.negativeLogLikelihood - nll / 3) < 1e-12)
        #expect(abs(loss.kl - kl / 3) < 1e-12)
        #expect(abs(loss.total - (nll + 0.5 * kl) / 3) < 1e-12)
    }

    /// ∂(Σᵢ wᵢ sᵢ)/∂m against central differences of s(m), on both sides of ‖x‖ = 1.
    @Test(arguments: [[0.9, 0.3, 1.0, 0.6], [0.2, 0.5, 0.1, 0.4]])
    func maskGradientMatchesFiniteDifferences(mask: [Double]) {
        let p = Self.parameters(seed: 21)
        let history: [Int32] = [1, 2, 4, 6]
        let weights = GradientCheck.values(Self.items, seed: 5, scale: 1)
        let oneHot = (0..<Self.items).map { $0 == 3 ? 1.0 : 0 }
        for w in [weights, oneHot] {
            let analytic = MultVAEHistoryScorer.scoresAndPullback(p, items: history, mask: mask, weights: w).gradient
            func value(_ m: [Double]) -> Double {
                let s = MultVAEHistoryScorer.scoresAndPullback(p, items: history, mask: m, weights: w).scores
                return zip(s, w).reduce(0) { $0 + $1.0 * $1.1 }
            }
            for j in mask.indices {
                var plus = mask, minus = mask
                plus[j] += 1e-6
                minus[j] -= 1e-6
                let numeric = (value(plus) - value(minus)) / 2e-6
                #expect(abs(analytic[j] - numeric) < 1e-7 * max(1, abs(numeric)), "event \(j): \(analytic[j]) vs \(numeric)")
            }
        }
    }

    /// A small trained model on synthetic data (shared by the tests below).
    static let world = {
        var c = SyntheticGenerator.Configuration()
        c.users = 300
        c.items = 240
        c.interactions = 12_000
        c.seed = 5
        return SyntheticGenerator.generateWithTruth(c)
    }()
    static let split = Split(world.dataset.interactions, strategy: .random(testFraction: 0.2), minRelevantRating: nil, seed: 5)
    static let configuration = MultVAE.Configuration(hiddenSize: 48, latentSize: 12, epochs: 25, batchSize: 50, learningRate: 0.003, annealEpochs: 20)
    static let model = MultVAE(train: split.train, configuration: configuration)

    @Test func trainingIsDeterministicAndLowersTheLikelihoodLoss() throws {
        let again = MultVAE(train: Self.split.train, configuration: Self.configuration)
        let same = again.parameters == Self.model.parameters
        #expect(same, "same seed, same data: same parameters")
        let nll = try #require(Self.model.curves.first { $0.name == "multinomial NLL" }).values
        #expect(nll.count == 25)
        #expect(nll.last! < 0.95 * nll.first!)
        let beta = try #require(Self.model.curves.first { $0.name == "KL weight β" }).values
        #expect(beta.last! == 0.2 && beta.first! < 0.02)
        var other = Self.configuration
        other.seed = 6
        let different = MultVAE(train: Self.split.train, configuration: other).parameters != Self.model.parameters
        #expect(different)
    }

    @Test func scoresAreLogProbabilitiesAndMatchTheFullHistoryScorer() {
        var scores = [Float](repeating: 0, count: Self.model.itemCount)
        Self.model.scores(forUser: 3, into: &scores)
        let total = scores.reduce(0.0) { $0 + Double(Float.exponential($1)) }
        #expect(abs(total - 1) < 1e-4)
        #expect(Self.model.historyScorer(forUser: 3).fullScores() == scores)
    }

    /// A binary mask scores exactly as the model whose training row for the user is the kept items.
    @Test func aBinaryMaskIsTheModelOnTheShorterHistory() throws {
        let user = 7
        let scorer = try #require(Self.model.historyScorer(forUser: user) as? MultVAEHistoryScorer)
        let n = scorer.events.count
        let mask = (0..<n).map { Float($0 % 3 == 0 ? 0 : 1) }
        var masked = [Float](repeating: 0, count: Self.model.itemCount)
        scorer.scores(mask: mask, into: &masked)
        let keptItems = Set(scorer.events.indices.filter { mask[$0] == 1 }.map { scorer.events[$0].item })
        let train = Self.split.train.filter { $0.user != user || keptItems.contains($0.item) }
        let shorter = MultVAE(parameters: Self.model.parameters, train: train)
        var direct = [Float](repeating: 0, count: Self.model.itemCount)
        shorter.scores(forUser: user, into: &direct)
        #expect(zip(masked, direct).allSatisfy { abs($0 - $1) < 1e-5 })
        // The batch path gives the same values as one mask at a time.
        let batched = scorer.scores(masks: mask + scorer.fullMask, count: 2, targets: [0, 5, 9])
        #expect(abs(batched[0] - masked[0]) < 1e-5 && abs(batched[2] - masked[9]) < 1e-5)
        // The empty history is the zero input, and scoring is continuous towards it.
        let tiny = scorer.scores(masks: [Float](repeating: 1e-4, count: n) + [Float](repeating: 0, count: n), count: 2, targets: [0, 5])
        #expect(abs(tiny[0] - tiny[2]) < 1e-3 && abs(tiny[1] - tiny[3]) < 1e-3)
    }

    /// The Float scorer's gradient is the Double path's at Float precision.
    @Test func floatMaskGradientAgreesWithFiniteDifferencesOfTheTrainedModel() throws {
        let scorer = try #require(Self.model.historyScorer(forUser: 11) as? MultVAEHistoryScorer)
        let full = scorer.fullScores()
        let target = full.indices.max { full[$0] < full[$1] }!
        let mask = scorer.events.indices.map { Float(0.5 + 0.5 * Double($0 % 4) / 4) }
        let (_, gradient) = scorer.scoreAndGradient(mask: mask, target: target)
        for j in [0, scorer.events.count / 2, scorer.events.count - 1] {
            var plus = mask, minus = mask
            plus[j] += 1e-2
            minus[j] -= 1e-2
            let s = scorer.scores(masks: plus + minus, count: 2, targets: [target])
            let numeric = (s[0] - s[1]) / 2e-2
            #expect(abs(gradient[j] - numeric) < 2e-2 * max(0.05, abs(numeric)), "event \(j): \(gradient[j]) vs \(numeric)")
        }
    }

    /// The batched targets (one pass, a row per target) give each target's own score and
    /// gradient, at the full history and at a fractional mask (‖x‖ < 1 and > 1 paths).
    @Test func batchedTargetGradientsEqualOneTargetAtATime() throws {
        let scorer = try #require(Self.model.historyScorer(forUser: 11) as? MultVAEHistoryScorer)
        let full = scorer.fullScores()
        let targets = Array(full.indices.sorted { full[$0] > full[$1] }.prefix(5)) + [0]
        for mask in [scorer.fullMask, scorer.events.indices.map { Float(0.1 + 0.05 * Double($0 % 3)) }] {
            let batched = scorer.scoresAndGradients(mask: mask, targets: targets)
            #expect(batched.count == targets.count)
            for (t, target) in targets.enumerated() {
                let (score, gradient) = scorer.scoreAndGradient(mask: mask, target: target)
                #expect(abs(batched[t].score - score) <= 1e-5 * max(1, abs(score)), "target \(target)")
                let scale = gradient.map(abs).max() ?? 0
                for j in gradient.indices {
                    #expect(abs(batched[t].gradient[j] - gradient[j]) <= 1e-4 * max(scale, 1e-6), "target \(target), event \(j)")
                }
            }
        }
    }

    /// Batched all-item scores (one forward pass per chunk of masks) are the single-mask scores,
    /// and the fidelity curves, which take them for a batching scorer, are the curves of the
    /// same model scored one mask at a time.
    @Test func batchedMaskScoresGiveTheSameFidelityCurves() throws {
        struct OneAtATime: HistoryScorer {
            let base: MultVAEHistoryScorer
            var events: [ScoredHistoryEvent] { base.events }
            var itemCount: Int { base.itemCount }
            func scores(mask: [Float], into scores: inout [Float]) { base.scores(mask: mask, into: &scores) }
        }
        let scorer = try #require(Self.model.historyScorer(forUser: 11) as? MultVAEHistoryScorer)
        let n = scorer.events.count
        let masks = (0..<5).flatMap { c in (0..<n).map { Float(($0 + c) % 3 == 0 ? 0 : 1) } }
        let batched = scorer.allScores(masks: masks, count: 5)
        var single = [Float](repeating: 0, count: scorer.itemCount)
        for c in 0..<5 {
            scorer.scores(mask: Array(masks[(c * n)..<((c + 1) * n)]), into: &single)
            for i in single.indices { #expect(abs(batched[c * scorer.itemCount + i] - single[i]) <= 1e-5 * max(1, abs(single[i]))) }
        }
        let full = scorer.fullScores()
        let target = full.indices.max { full[$0] < full[$1] }!
        let ranking = Array((0..<n).reversed())
        let excluded = Set(scorer.events.map(\.item))
        let memo = MemoizedHistoryScorer(scorer)
        #expect(memo.batchesMasks && !OneAtATime(base: scorer).batchesMasks)
        let fast = FidelityCurves.evaluate(scorer: memo, target: target, ranking: ranking, excluded: excluded)
        let slow = FidelityCurves.evaluate(scorer: OneAtATime(base: scorer), target: target, ranking: ranking, excluded: excluded)
        #expect(fast.fullHistoryRank == slow.fullHistoryRank)
        for (a, b) in zip(fast.steps, slow.steps) {
            #expect((a == nil) == (b == nil))
            for (x, y) in zip(a ?? [], b ?? []) { #expect(abs(x - y) <= 1e-4, "\(x) vs \(y)") }
        }
    }

    /// The synthetic users' favourite genres come back in their top-10 far above the catalogue share.
    @Test func recommendationsRecoverThePlantedGenreTastes() {
        let d = Self.world.dataset, train = Self.split.train
        var catalogue = [Double](repeating: 0, count: d.genreNames.count)
        for item in d.items { for g in item.genres { catalogue[g] += 1 / Double(d.itemCount) } }
        var share = 0.0, expected = 0.0, lists = 0
        var buffer: [Float] = []
        for u in 0..<train.userCount where train.rowCount(ofUser: u) > 0 {
            let g = Self.world.truth.topGenre(ofUser: u)
            let top = Self.model.topK(forUser: u, k: 10, excluding: train.items[train.range(ofUser: u)], buffer: &buffer)
            share += Double(top.count { d.items[$0.item].genres.contains(g) }) / Double(max(top.count, 1))
            expected += catalogue[g]
            lists += 1
        }
        #expect(share / Double(lists) > 2 * expected / Double(lists), "top-genre share \(share / Double(lists)) vs catalogue \(expected / Double(lists))")
    }
}
