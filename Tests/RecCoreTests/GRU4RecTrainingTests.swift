import RecCore
import RecTestSupport
import Testing

/// GRU4Rec training end to end on planted sequential data (trigger → follower rules).
@Suite struct GRU4RecTrainingTests {
    /// 200 users × 30 events over 200 items with 50 rules (each trigger is followed by its
    /// follower with probability 0.7); leave-last-out.
    static let world: (dataset: Dataset, truth: SyntheticTruth, split: Split) = {
        var c = SyntheticGenerator.Configuration()
        (c.users, c.items, c.interactions, c.rules, c.seed) = (200, 200, 6_000, 50, 7)
        let (dataset, truth) = SyntheticGenerator.generateWithTruth(c)
        return (dataset, truth, Split(dataset.interactions, strategy: .leaveLastOut, minRelevantRating: nil, seed: 1))
    }()

    static let configuration = GRU4Rec.Configuration(
        embeddingSize: 16, hiddenSize: 16, maxLength: 10, batchSize: 32, negatives: 32, learningRate: 0.02, epochs: 12,
        patience: 3, validationUsers: 0.2)

    static let model = GRU4Rec(train: world.split.train, dataset: world.dataset, configuration: configuration)

    @Test func followersOfATriggerRankHighAndHitRateBeatsPopularity() {
        let (dataset, truth, split) = Self.world
        let follower = Dictionary(uniqueKeysWithValues: truth.rules.map { ($0.trigger, $0.follower) })
        var cases = 0, hits = 0, chance = 0.0
        var buffer: [Float] = []
        for u in 0..<split.train.userCount {
            let history = split.train.items[split.train.range(ofUser: u)]
            guard let last = history.last, let next = follower[Int(last)], !history.contains(Int32(next)) else { continue }
            cases += 1
            let top = Self.model.topK(forUser: u, k: 10, excluding: history, buffer: &buffer)
            if top.contains(where: { $0.item == next }) { hits += 1 }
            chance += 10 / Double(dataset.itemCount - history.count)
        }
        #expect(cases >= 20)
        #expect(Double(hits) >= 0.6 * Double(cases), "follower in the top 10 for \(hits) of \(cases) users (chance ≈ \(chance))")
        #expect(Double(hits) >= 5 * chance)
        let gru = Evaluator.evaluate(Self.model, split: split, k: 10)
        let popularity = Evaluator.evaluate(PopularityRecommender(train: split.train), split: split, k: 10)
        #expect(gru.hitRate > popularity.hitRate + 0.1, "GRU4Rec HR@10 \(gru.hitRate), popularity \(popularity.hitRate)")
    }

    @Test func curvesFeaturesAndEarlyStopping() throws {
        let model = Self.model
        #expect(model.curves.map(\.name) == ["training loss", "validation HR@10"])
        let loss = model.curves[0].values, hits = model.curves[1].values
        #expect(loss.count == hits.count && loss.count <= 12 && loss.last! < loss.first!)
        let selected = try #require(model.selectedEpoch)
        #expect(hits[selected - 1] == hits.max()! && hits.firstIndex(of: hits.max()!) == selected - 1)
        #expect(loss.count == 12 || loss.count == selected + 3)
        #expect(model.featureGroups.map(\.name) == ["item", "rating", "time gap", "genres"])
        #expect(model.featureGroups.map(\.range) == [0..<16, 16..<17, 17..<18, 18..<(18 + Self.world.dataset.genreNames.count)])
        #expect(model.weights.inputSize == 18 + Self.world.dataset.genreNames.count && model.outputLayer?.weight.rows == 16)
        let (items, inputs) = model.inputSequence(ofUser: 3)
        #expect(items == Array(Self.world.split.train.items[Self.world.split.train.range(ofUser: 3)].suffix(10)))
        #expect(inputs.rows == 10 && inputs.columns == model.weights.inputSize)
        #expect(inputs.row(9)[0..<16] == model.itemEmbeddings.row(Int(items[9]))[0..<16])
        // The user's scores are the forward pass over exactly these inputs.
        var scores = [Float](repeating: 0, count: model.itemCount)
        model.scores(forUser: 3, into: &scores)
        let again = model.scores(forInputs: inputs)
        for i in scores.indices { #expect(abs(scores[i] - again[i]) <= 1e-5 * max(1, abs(scores[i]))) }
        let item = model.baselineInput(.item(5))
        #expect(item[16] == 0 && item[17] == 0 && Array(item[0..<16]) == model.itemEmbeddings.row(5))
        #expect(model.baselineInput(.zero).allSatisfy { $0 == 0 })
    }

    @Test func sameSeedGivesIdenticalWeightsAndScores() {
        var c = Self.configuration
        (c.epochs, c.loss, c.useGenres, c.outputLayer) = (2, .bprMax, false, false)
        let a = GRU4Rec(train: Self.world.split.train, dataset: Self.world.dataset, configuration: c)
        let b = GRU4Rec(train: Self.world.split.train, dataset: Self.world.dataset, configuration: c)
        #expect(a.weights == b.weights && a.itemEmbeddings == b.itemEmbeddings && a.curves == b.curves)
        #expect(a.outputLayer == nil && a.featureGroups.map(\.name) == ["item", "rating", "time gap"])
        var x = [Float](repeating: 0, count: a.itemCount), y = x
        for u in [0, 17, 99] {
            a.scores(forUser: u, into: &x)
            b.scores(forUser: u, into: &y)
            #expect(x == y)
        }
        c.seed = 43
        let other = GRU4Rec(train: Self.world.split.train, dataset: Self.world.dataset, configuration: c)
        #expect(other.weights != a.weights)
    }
}
