import RecTestSupport
import Testing

@testable import RecCore

/// GRU4Rec as a history-conditioned, mask-differentiable recommender (`GRU4RecHistoryScorer`):
/// the events, the full mask against the model's own scores, absent events as baseline events,
/// interpolated inputs, the mask gradient against finite differences (Double) and the Float path
/// against the Double one, binary batches through the prefix-sharing evaluator, determinism.
@Suite struct GRU4RecHistoryTests {
    static let dataset: Dataset = {
        var c = SyntheticGenerator.Configuration()
        (c.users, c.items, c.interactions, c.rules, c.seed) = (40, 40, 1_200, 8, 5)
        return SyntheticGenerator.generate(c)
    }()
    static let split = Split(dataset.interactions, strategy: .leaveLastOut, seed: 5)

    /// E = 4, H = 5 with an output layer, or E = H = 5 with q = h; all event features; L = 7.
    static func model(outputLayer: Bool) -> GRU4Rec {
        var c = GRU4Rec.Configuration()
        (c.embeddingSize, c.hiddenSize, c.maxLength, c.epochs, c.batchSize, c.negatives, c.seed) = (outputLayer ? 4 : 5, 5, 7, 2, 16, 8, 3)
        c.outputLayer = outputLayer
        return GRU4Rec(train: split.train, dataset: dataset, configuration: c)
    }
    static let models = [model(outputLayer: true), model(outputLayer: false)]
    /// A user with more than L training events (the scorer reads only the last L).
    static let user = (0..<split.train.userCount).first { split.train.rowCount(ofUser: $0) > 9 }!

    /// Equal, or within `tolerance` relative to max(1, |b|) element by element.
    static func relativeClose(_ a: [Float], _ b: [Float], _ tolerance: Float = 1e-5) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { x, y in x == y || abs(x - y) <= tolerance * max(1, abs(y)) }
    }

    /// Mask weights in [0.1, 0.9], not 0 or 1 (the direct, interpolating path).
    static func fractionalMask(_ n: Int, seed: UInt64) -> [Float] {
        var rng = SplitMix64(seed: seed)
        return (0..<n).map { _ in Float(0.1 + 0.8 * rng.nextDouble()) }
    }

    @Test func eventsAreTheLastLTrainingEventsOldestFirst() throws {
        let model = Self.models[0], train = Self.split.train
        #expect(model.historyScoring == .native && model.historyScoringSummary.contains("replaced by a baseline event"))
        let scorer = try #require(model.historyScorer(forUser: Self.user) as? GRU4RecHistoryScorer)
        let range = train.range(ofUser: Self.user)
        #expect(scorer.events.map { Int32($0.item) } == model.inputSequence(ofUser: Self.user).items)
        #expect(scorer.events.map(\.item) == train.items[(range.upperBound - 7)..<range.upperBound].map { Int($0) })
        #expect(scorer.events.map(\.rating) == Array(train.ratings[(range.upperBound - 7)..<range.upperBound]))
        #expect(scorer.events.map(\.position) == Array(-7..<0) && scorer.itemCount == model.itemCount)
        #expect(scorer.inputs == model.inputSequence(ofUser: Self.user).inputs && scorer.baselineInput == model.baselineInput(.zero))
        // Without training events: no events, every item −∞, like `scores(forUser:)`.
        let empty = model.historyScorer(forUser: train.userCount)
        #expect(empty.events.isEmpty && empty.fullScores().allSatisfy { $0 == -.infinity })
    }

    @Test func fullMaskGivesTheModelsScoresAndTheDirectPathAgrees() {
        for model in Self.models {
            for user in [Self.user, 0, 7, 23] {
                let scorer = model.historyScorer(forUser: user) as! GRU4RecHistoryScorer
                var expected = [Float](repeating: 0, count: model.itemCount)
                model.scores(forUser: user, into: &expected)
                #expect(scorer.fullScores() == expected, "bit for bit")
                // The interpolating forward at m = 1 (what every other mask uses) agrees to 1e-5.
                let q = scorer.sequence.query(mask: scorer.fullMask)
                let direct = (0..<model.itemCount).map { i in zip(q, model.itemEmbeddings.row(i)).reduce(Float(0)) { $0 + $1.0 * $1.1 } }
                #expect(Self.relativeClose(direct, expected))
                #expect(scorer.scoreAndGradient(mask: scorer.fullMask, target: 3).score == expected[3])
            }
        }
    }

    @Test(arguments: [EventBaseline.zero, .meanItem, .item(3)])
    func absentEventsAreBaselineEventsAndWeightsInterpolateTheWholeInput(baseline: EventBaseline) {
        var model = Self.models[0]
        model.historyBaseline = baseline
        let scorer = model.historyScorer(forUser: Self.user) as! GRU4RecHistoryScorer
        let x = scorer.inputs, b = model.baselineInput(baseline), n = x.rows, d = x.columns
        #expect(scorer.baselineInput == b && b.contains { $0 != 0 } == (baseline != .zero))
        func scores(_ mask: [Float]) -> [Float] {
            var s = [Float](repeating: 0, count: scorer.itemCount)
            scorer.scores(mask: mask, into: &s)
            return s
        }
        func interpolated(_ mask: [Float]) -> Matrix {
            var m = x
            for e in 0..<n { for c in 0..<d { m[e, c] = mask[e] * x[e, c] + (1 - mask[e]) * b[c] } }
            return m
        }
        // Zero mask: n baseline events (not an empty sequence).
        let baselines = Matrix(rows: n, columns: d, values: (0..<n).flatMap { _ in b })
        #expect(Self.relativeClose(scores([Float](repeating: 0, count: n)), model.scores(forInputs: baselines)))
        #expect(!Self.relativeClose(scores([Float](repeating: 0, count: n)), model.scores(forInputs: Matrix(rows: 0, columns: d))))
        let binary: [Float] = [1, 0, 0, 1, 1, 0, 1]
        #expect(Self.relativeClose(scores(binary), model.scores(forInputs: interpolated(binary))))
        let fractional = Self.fractionalMask(n, seed: 11)
        #expect(Self.relativeClose(scores(fractional), model.scores(forInputs: interpolated(fractional))))
    }

    /// ∂s/∂m by backpropagation against central differences, both in Double (h = 1e-6; the
    /// truncation error is O(h²) and rounding O(ε/h) ≈ 1e-10, so 1e-7 leaves margin); then the
    /// Float gradient against the Double one (Float rounding through n = 7 steps: 1e-4 of the
    /// largest entry). A gradient with one wrong entry fails the same check.
    @Test func maskGradientMatchesFiniteDifferences() throws {
        for model in Self.models + [try Self.importedModel()] {
            let user = model.name == "gru4rec-imported" ? Self.importedUser : Self.user
            let scorer = model.historyScorer(forUser: user) as! GRU4RecHistoryScorer
            let n = scorer.events.count, mask = Self.fractionalMask(n, seed: 17)
            let sequence = InterpolatedGRUSequence<Double>(scorer.sequence)
            for target in [0, 5, 9] {
                let embedding = model.itemEmbeddings.row(target).map(Double.init)
                let (score, gradient) = sequence.scoreAndGradient(mask: mask.map(Double.init), target: embedding)
                #expect(gradient.map(abs).max()! > 1e-3, "the check must have something to check")
                func error(_ analytic: [Double]) -> Double {
                    var worst = 0.0
                    for e in 0..<n {
                        var plus = mask.map(Double.init), minus = plus
                        plus[e] += 1e-6
                        minus[e] -= 1e-6
                        let numeric = (sequence.scoreAndGradient(mask: plus, target: embedding).score
                            - sequence.scoreAndGradient(mask: minus, target: embedding).score) / 2e-6
                        worst = max(worst, abs(analytic[e] - numeric) / max(1, abs(analytic[e]), abs(numeric)))
                    }
                    return worst
                }
                #expect(error(gradient) < 1e-7, "\(model.name) target \(target)")
                var wrong = gradient
                wrong[n / 2] += 1e-4
                #expect(error(wrong) > 1e-5)
                let single = scorer.scoreAndGradient(mask: mask, target: target)
                let largest = gradient.map(abs).max()!
                #expect(abs(Double(single.score) - score) <= 1e-5 * max(1, abs(score)))
                for e in 0..<n { #expect(abs(Double(single.gradient[e]) - gradient[e]) <= 1e-4 * max(1, largest)) }
                var all = [Float](repeating: 0, count: scorer.itemCount)
                scorer.scores(mask: mask, into: &all)
                #expect(single.score == all[target], "scoreAndGradient's score is scores(mask:)'s")
            }
        }
    }

    /// Completeness along the straight path m = α·1 (what integrated gradients relies on):
    /// Σₑ ∫₀¹ ∂s/∂mₑ(α·1) dα = s(full) − s(all baseline), by Simpson's rule over 64 intervals in
    /// Double (error ~1e-9 for a smooth path), against the scorer's Float scores (1e-5).
    @Test func gradientsAlongThePathAddUpToFullMinusBaselineScore() {
        for model in Self.models {
            let scorer = model.historyScorer(forUser: Self.user) as! GRU4RecHistoryScorer
            let sequence = InterpolatedGRUSequence<Double>(scorer.sequence)
            let n = scorer.events.count, target = 6, steps = 64
            let embedding = model.itemEmbeddings.row(target).map(Double.init)
            var integral = 0.0
            for k in 0...steps {
                let alpha = Double(k) / Double(steps)
                let weight = k == 0 || k == steps ? 1.0 : (k % 2 == 1 ? 4.0 : 2.0)
                let gradient = sequence.scoreAndGradient(mask: [Double](repeating: alpha, count: n), target: embedding).gradient
                integral += weight * gradient.reduce(0, +) / (3 * Double(steps))
            }
            let masks = scorer.fullMask + [Float](repeating: 0, count: n)
            let ends = scorer.scores(masks: masks, count: 2, targets: [target])
            let difference = Double(ends[0]) - Double(ends[1])
            #expect(abs(integral - difference) <= 1e-5 * max(1, abs(difference)), "\(integral) vs \(difference)")
        }
    }

    @Test func batchedMasksEqualPerMaskScores() throws {
        for model in Self.models + [try Self.importedModel()] {
            let user = model.name == "gru4rec-imported" ? Self.importedUser : Self.user
            let scorer = model.historyScorer(forUser: user)
            let n = scorer.events.count
            var rng = SplitMix64(seed: 21)
            var masks = scorer.fullMask + [Float](repeating: 0, count: n)
            for _ in 0..<30 { masks += (0..<n).map { _ in Float(rng.nextInt(below: 2)) } }
            masks += Self.fractionalMask(n, seed: 23)
            let count = masks.count / n
            let targets = Array(0..<scorer.itemCount)
            let batch = scorer.scores(masks: masks, count: count, targets: targets)
            var one = [Float](repeating: 0, count: scorer.itemCount)
            for c in 0..<count {
                let mask = Array(masks[(c * n)..<((c + 1) * n)])
                scorer.scores(mask: mask, into: &one)
                let row = Array(batch[(c * targets.count)..<((c + 1) * targets.count)])
                let binary = mask.allSatisfy { $0 == 0 || $0 == 1 } && mask.contains(0)
                // Binary masks go through the prefix-sharing evaluator (other rounding); the full
                // and fractional masks take the same path as `scores(mask:into:)`.
                #expect(binary ? Self.relativeClose(row, one) : row == one, "\(model.name) mask \(c)")
            }
        }
    }

    /// An imported model (same type, same scorer): an item the file lacks is never recommended,
    /// so its score is −∞ under every mask and its gradient zero.
    @Test func importedModelNeverRecommendsItemsTheFileLacks() throws {
        let model = try Self.importedModel()
        let scorer = model.historyScorer(forUser: Self.importedUser) as! GRU4RecHistoryScorer
        let missing = try #require(model.recommendable.firstIndex(of: false))
        #expect(scorer.baselineInput == model.baselineInput(.zero) && model.featureGroups.map(\.name) == ["item"])
        let n = scorer.events.count
        #expect(n == 5)
        let (score, gradient) = scorer.scoreAndGradient(mask: Self.fractionalMask(n, seed: 3), target: missing)
        #expect(score == -.infinity && gradient == [Float](repeating: 0, count: n))
        let masks = scorer.fullMask + [Float](repeating: 0, count: n) + [1, 0, 1, 0, 1] + Self.fractionalMask(n, seed: 4)
        let scores = scorer.scores(masks: masks, count: 4, targets: [missing, 0])
        #expect(scores.enumerated().allSatisfy { ($0.offset % 2 == 0) == ($0.element == -.infinity) })
    }

    @Test func sameMaskGivesIdenticalScoresAndGradients() {
        let model = Self.models[0]
        let a = model.historyScorer(forUser: Self.user) as! GRU4RecHistoryScorer
        let b = model.historyScorer(forUser: Self.user) as! GRU4RecHistoryScorer
        let n = a.events.count
        let masks = Self.fractionalMask(n, seed: 5) + [1, 0, 1, 1, 0, 0, 1] + a.fullMask
        #expect(a.scores(masks: masks, count: 3, targets: [1, 2, 3]) == b.scores(masks: masks, count: 3, targets: [1, 2, 3]))
        #expect(a.scores(masks: masks, count: 3, targets: [1, 2, 3]) == a.scores(masks: masks, count: 3, targets: [1, 2, 3]))
        for c in 0..<3 {
            let mask = Array(masks[(c * n)..<((c + 1) * n)])
            let x = a.scoreAndGradient(mask: mask, target: 4), y = b.scoreAndGradient(mask: mask, target: 4)
            #expect(x.score == y.score && x.gradient == y.gradient)
        }
    }

    // MARK: - Imported model

    /// The PyTorch fixture with an output layer, over a dataset with items "1"…"12" ("12" has no
    /// row in the file) and user "u" with history 3, 1, 4, 1, 5.
    static func importedModel() throws -> GRU4Rec {
        try GRU4Rec(archive: NumPyArchive(SharedData.fixture("import/gru4rec-out.npz")), dataset: importedData,
                    train: importedData.interactions, maxLength: 20)
    }
    static let importedData: Dataset = {
        var builder = DatasetBuilder()
        for item in 1...12 { builder.add(user: "all", item: "\(item)", rating: 1, timestamp: 0) }
        for (k, item) in ["3", "1", "4", "1", "5"].enumerated() {
            builder.add(user: "u", item: item, rating: 1, timestamp: 1_000 + Int64(k) * 60)
        }
        return builder.build(name: "fixture", format: .csv)
    }()
    static let importedUser = importedData.userIDs.firstIndex(of: "u")!
}
