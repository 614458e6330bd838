import RecCore
import Testing

/// The synthetic data plants trigger → follower rules (a trigger's next event is often its
/// follower). A GRU4Rec trained on it recommends the follower after a recent trigger, and
/// TimeSHAP must then name the trigger event as the largest contribution to that follower.
@Suite struct PlantedSequenceTests {
    static let world: (dataset: Dataset, truth: SyntheticTruth) = {
        var c = SyntheticGenerator.Configuration()
        c.users = 500
        c.items = 200
        c.interactions = 20_000
        c.rules = 25
        c.seed = 11
        return SyntheticGenerator.generateWithTruth(c)
    }()
    static let split = Split(world.dataset.interactions, strategy: .leaveLastOut, seed: 11)
    static let model: GRU4Rec = {
        var c = GRU4Rec.Configuration()
        c.embeddingSize = 16
        c.hiddenSize = 16
        c.maxLength = 10
        c.epochs = 6
        c.batchSize = 64
        c.negatives = 64
        c.learningRate = 0.01
        c.seed = 11
        return GRU4Rec(train: split.train, dataset: world.dataset, configuration: c)
    }()

    @Test func triggerEventGetsTheLargestAttributionForItsFollower() {
        let train = Self.split.train
        let followerOf = Dictionary(uniqueKeysWithValues: Self.world.truth.rules.map { ($0.trigger, $0.follower) })
        let explainer = TimeSHAP(model: Self.model)
        var cases = 0, triggerFirst = 0
        var buffer: [Float] = []
        for u in 0..<train.userCount where train.rowCount(ofUser: u) >= 3 {
            let history = Array(train.items[train.range(ofUser: u)].map(Int.init))
            // A trigger among the 3 most recent events whose follower the user has not seen.
            guard let offset = (1...3).first(where: { followerOf[history[history.count - $0]] != nil }) else { continue }
            let follower = followerOf[history[history.count - offset]]!
            guard !history.contains(follower) else { continue }
            let top = Self.model.topK(forUser: u, k: 10, excluding: train.items[train.range(ofUser: u)], buffer: &buffer)
            guard top.contains(where: { $0.item == follower }) else { continue }
            let (events, _) = explainer.explain(user: u, targets: [follower], itemIDs: Self.world.dataset.itemIDs)!
            let dense = events.dense()
            let best = dense.indices.max { dense[$0][0] < dense[$1][0] }!
            cases += 1
            if events.players[best].position == -offset { triggerFirst += 1 }
        }
        #expect(cases >= 20, "only \(cases) users with a recent trigger and its follower recommended")
        #expect(Double(triggerFirst) >= 0.6 * Double(cases), "trigger first in \(triggerFirst) of \(cases) cases")
    }

    @Test func followerIsRecommendedRightAfterItsTrigger() {
        // The held-out last item is in the top-10 far more often than chance for users whose last
        // training event is a trigger followed (in test) by its follower.
        let train = Self.split.train, test = Self.split.test
        let followerOf = Dictionary(uniqueKeysWithValues: Self.world.truth.rules.map { ($0.trigger, $0.follower) })
        var cases = 0, hits = 0
        var buffer: [Float] = []
        for u in 0..<train.userCount where train.rowCount(ofUser: u) > 0 && test.rowCount(ofUser: u) > 0 {
            let last = Int(train.items[train.rowStart[u + 1] - 1])
            guard let follower = followerOf[last], Int(test.items[test.rowStart[u]]) == follower else { continue }
            let top = Self.model.topK(forUser: u, k: 10, excluding: train.items[train.range(ofUser: u)], buffer: &buffer)
            cases += 1
            if top.contains(where: { $0.item == follower }) { hits += 1 }
        }
        #expect(cases >= 10)
        // Chance is 10 / 200 = 5 %.
        #expect(Double(hits) >= 0.5 * Double(cases), "follower in the top-10 for \(hits) of \(cases) users")
    }
}
