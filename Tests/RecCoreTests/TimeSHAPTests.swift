@testable import RecCore
import RecTestSupport
import Testing

/// TimeSHAP on a small trained GRU4Rec with all feature groups: the prefix-sharing evaluator
/// against direct forward passes, exact values against naive enumeration, efficiency at every
/// level, pruning and the CSV view.
@Suite struct TimeSHAPTests {
    static let dataset: Dataset = {
        var c = SyntheticGenerator.Configuration()
        c.users = 40
        c.items = 40
        c.interactions = 1_200
        c.rules = 8
        c.seed = 5
        return SyntheticGenerator.generate(c)
    }()
    static let split = Split(dataset.interactions, strategy: .leaveLastOut, seed: 5)
    static let model: GRU4Rec = {
        var c = GRU4Rec.Configuration()
        c.embeddingSize = 4
        c.hiddenSize = 5
        c.maxLength = 7
        c.epochs = 2
        c.batchSize = 16
        c.negatives = 8
        c.seed = 3
        return GRU4Rec(train: split.train, dataset: dataset, configuration: c)
    }()
    static let user = (0..<split.train.userCount).first { split.train.rowCount(ofUser: $0) >= 7 }!

    /// Scores of `targets` after running the GRU over the input with absent cells replaced by
    /// the baseline, built directly (no prefix sharing).
    static func directScores(pattern: [UInt32], targets: [Int], baseline: [Float]) -> [Double] {
        let input = model.inputSequence(ofUser: user).inputs
        var perturbed = input
        for (e, bits) in pattern.enumerated() {
            for (g, group) in model.featureGroups.enumerated() where bits & (1 << UInt32(g)) == 0 {
                for d in group.range { perturbed[e, d] = baseline[d] }
            }
        }
        let hidden = GRUCell.finalHidden(of: [perturbed], weights: model.weights)
        let q = hidden.values.withUnsafeBufferPointer { model.queries(hidden: $0.baseAddress!, batch: 1) }
        return targets.map { t in (0..<q.columns).reduce(0.0) { $0 + Double(q[0, $1] * model.itemEmbeddings[t, $1]) } }
    }

    @Test func prefixSharingEvaluatorMatchesDirectForwardPasses() {
        let sequence = Self.model.inputSequence(ofUser: Self.user)
        let baseline = Self.model.baselineInput(.zero)
        let evaluator = PerturbedSequenceEvaluator(model: Self.model, inputs: sequence.inputs, baseline: baseline)
        let n = evaluator.eventCount, groups = evaluator.groupCount
        #expect(groups == Self.model.featureGroups.count && groups >= 3, "item, rating, time gap (and genres)")
        var rng = SplitMix64(seed: 9)
        var patterns: [UInt32] = []
        let count = 40
        for _ in 0..<count { for _ in 0..<n { patterns.append(UInt32(rng.nextInt(below: 1 << groups))) } }
        let targets = [0, 5, 11]
        let shared = evaluator.scores(patterns: patterns, count: count, targets: targets)
        for c in 0..<count {
            let direct = Self.directScores(pattern: Array(patterns[(c * n)..<((c + 1) * n)]), targets: targets, baseline: baseline)
            for t in targets.indices {
                #expect(abs(shared[c * targets.count + t] - direct[t]) <= 1e-4 * max(1, abs(direct[t])), "coalition \(c) target \(t)")
            }
        }
    }

    @Test func exactEventValuesMatchNaiveEnumeration() {
        var c = TimeSHAP.Configuration()
        c.tolerance = 0
        let explainer = TimeSHAP(model: Self.model, configuration: c)
        let targets = [2, 9]
        let ids = Self.dataset.itemIDs
        let (events, details) = explainer.explain(user: Self.user, targets: targets, itemIDs: ids)!
        #expect(details.exact)
        let n = Self.model.inputSequence(ofUser: Self.user).items.count
        #expect(events.players.count == n)
        let all = UInt32((1 << Self.model.featureGroups.count) - 1)
        let baseline = Self.model.baselineInput(.zero)
        var value: [[Double]] = []
        for mask in 0..<(1 << n) {
            value.append(Self.directScores(pattern: (0..<n).map { mask & (1 << $0) != 0 ? all : 0 }, targets: targets, baseline: baseline))
        }
        func factorial(_ k: Int) -> Double { k <= 1 ? 1 : Double(k) * factorial(k - 1) }
        let dense = events.dense()
        for p in 0..<n {
            for t in targets.indices {
                var phi = 0.0
                for mask in 0..<(1 << n) where mask & (1 << p) == 0 {
                    let s = mask.nonzeroBitCount
                    phi += factorial(s) * factorial(n - s - 1) / factorial(n) * (value[mask | (1 << p)][t] - value[mask][t])
                }
                #expect(abs(Double(dense[p][t]) - phi) <= 1e-4 * max(1, abs(phi)), "event \(p) target \(t)")
            }
        }
        for t in targets.indices {
            #expect(abs(Double(events.output[t]) - value[(1 << n) - 1][t]) <= 1e-4)
            #expect(abs(Double(events.baseline[t]) - value[0][t]) <= 1e-4)
        }
    }

    @Test(arguments: [0.0, 0.025, 1e9])
    func everyLevelAddsUpToOutputMinusBaseline(tolerance: Double) {
        var c = TimeSHAP.Configuration()
        c.tolerance = tolerance
        let explainer = TimeSHAP(model: Self.model, configuration: c)
        let (events, details) = explainer.explain(user: Self.user, targets: [1, 3, 4], itemIDs: Self.dataset.itemIDs)!
        for attribution in [events, details.features!, details.cells!] {
            let dense = attribution.dense()
            for t in attribution.targets.indices {
                let sum = dense.reduce(0.0) { $0 + Double($1[t]) }
                let gap = Double(attribution.output[t] - attribution.baseline[t])
                #expect(abs(sum - gap) <= 1e-3 * max(1, abs(gap)), "\(attribution.level) target \(t): \(sum) vs \(gap)")
            }
        }
        let n = details.pruning.eventCount
        if tolerance == 0 { #expect(details.pruning.keptCount == n) }
        if tolerance == 1e9 {
            // Every cut qualifies, so the first (one recent event) is taken: one event + the pruned group.
            #expect(details.pruning.keptCount == 1)
            #expect(events.players.count == 2 && events.players[0].group?.count == n - 1)
        }
        #expect(details.pruning.older.count == n - 1)
    }

    @Test func csvHasOneRowPerItemAndPlayerWithPrunedGroup() {
        var c = TimeSHAP.Configuration()
        c.tolerance = 1e9
        let (events, _) = TimeSHAP(model: Self.model, configuration: c).explain(user: Self.user, targets: [1, 3], itemIDs: Self.dataset.itemIDs)!
        let lines = events.csv().split(separator: "\n").map(String.init)
        #expect(lines[0] == "item,player,position,history_item,value")
        #expect(lines.count == 1 + 2 * events.players.count)
        let pruned = lines[1].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        #expect(pruned[1] == "pruned" && pruned[2] == "pruned")
        let items = Self.model.inputSequence(ofUser: Self.user).items.map { Self.dataset.itemIDs[Int($0)] }
        #expect(pruned[3] == items.dropLast().joined(separator: " "), "pruned events' raw ids, oldest first")
        let latest = lines[2].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        #expect(latest[1] == "event -1" && latest[2] == "-1" && latest[3] == items.last!)
    }

    @Test func cellLevelGroupsTheRest() {
        var c = TimeSHAP.Configuration()
        c.tolerance = 0
        let (_, details) = TimeSHAP(model: Self.model, configuration: c).explain(user: Self.user, targets: [0], itemIDs: Self.dataset.itemIDs)!
        let cells = details.cells!
        let labels = cells.players.map(\.label)
        #expect(labels.filter { $0.hasPrefix("event ") && !$0.hasSuffix("other features") }.count == 3 * 2, "3 top events × 2 top features")
        #expect(labels.contains("other events × other features"))
        #expect(labels.filter { $0.hasSuffix("× other features") && $0.hasPrefix("event") }.count == 3)
        #expect(labels.filter { $0.hasPrefix("other events ×") }.count == 3)
    }

    @Test func deletionStartsFromTheTopItemAndRemovesPlayersInOrder() {
        let train = Self.split.train
        let seen = Array(train.items[train.range(ofUser: Self.user)])
        var buffer: [Float] = []
        let top = Self.model.topK(forUser: Self.user, k: 5, excluding: seen, buffer: &buffer).map(\.item)
        var c = TimeSHAP.Configuration()
        c.tolerance = 0
        let (events, details) = TimeSHAP(model: Self.model, configuration: c).explain(user: Self.user, targets: top, itemIDs: Self.dataset.itemIDs, seen: seen)!
        let d = details.deletion!
        #expect(d.removed == Array(0...min(events.players.count, 10)))
        // Nothing removed: the explained score, rank 1 among unseen items (it is the model's top item).
        #expect(abs(d.attributedScore[0] - Double(events.output[0])) < 1e-4)
        #expect(d.attributedRank[0] == 1 && d.randomRank[0] == 1)
        // Everything removed: the all-baseline score, whatever the order.
        if d.removed.last == events.players.count {
            #expect(abs(d.attributedScore.last! - Double(events.baseline[0])) < 1e-4)
            #expect(abs(d.randomScore.last! - Double(events.baseline[0])) < 1e-4)
        }
        // Removing the most positive event first lowers the score by at least as much as its φ
        // suggests on average: the first step goes down when that φ is positive.
        let dense = events.dense()
        if let best = dense.map({ $0[0] }).max(), best > 0.01 { #expect(d.attributedScore[1] < d.attributedScore[0]) }
    }
}
