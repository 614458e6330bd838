import Foundation
@testable import RecCore
import Testing

/// The coalition-tree enumeration of event-level TimeSHAP games against the generic evaluator
/// (every coalition's pattern through `PerturbedSequenceEvaluator.scores(patterns:)`), on a small
/// GRU4Rec with event features: all 2ⁿ coalition values and the exact Shapley values equal to 1e-6.
/// n = 16 in the suite (debug builds evaluate the GRU's gates ~100× slower than release); n = 20
/// (2²⁰ coalitions, ~3 min in a debug build) with RECLENS_LONG_TESTS=1. `reclens-bench timeshap`
/// repeats the 20-player comparison on ML-100k's GRU (H = 64) in release.
@Suite struct TimeSHAPEnumerationTests {
    static let dataset: Dataset = {
        var c = SyntheticGenerator.Configuration()
        c.users = 30
        c.items = 80
        c.interactions = 1_500
        c.rules = 8
        c.seed = 7
        return SyntheticGenerator.generate(c)
    }()
    static let split = Split(dataset.interactions, strategy: .leaveLastOut, seed: 7)
    static let maxLength = ProcessInfo.processInfo.environment["RECLENS_LONG_TESTS"] == "1" ? 20 : 16
    static let model: GRU4Rec = {
        var c = GRU4Rec.Configuration()
        c.embeddingSize = 4
        c.hiddenSize = 6
        c.maxLength = maxLength
        c.epochs = 1
        c.batchSize = 16
        c.negatives = 8
        c.seed = 3
        return GRU4Rec(train: split.train, dataset: dataset, configuration: c)
    }()
    static let user = (0..<split.train.userCount).first { split.train.rowCount(ofUser: $0) >= maxLength }!

    /// The same game without its enumeration shortcut: `ShapleyEngine.exact` then scores the
    /// full batch of 2ⁿ coalition patterns with the generic evaluator.
    struct GenericGame: CoalitionGame {
        let game: ControlledSequenceGame
        var playerCount: Int { game.playerCount }
        var outputCount: Int { game.outputCount }
        func values(of coalitions: CoalitionBatch) -> [Double] { game.values(of: coalitions) }
    }

    static func eventGame(owner: [Int], players: Int, targets: [Int]) -> ControlledSequenceGame {
        let sequence = model.inputSequence(ofUser: user)
        let evaluator = PerturbedSequenceEvaluator(model: model, inputs: sequence.inputs, baseline: model.baselineInput(.zero))
        let groups = evaluator.groupCount
        let controller = owner.flatMap { Array(repeating: $0, count: groups) }
        return ControlledSequenceGame(evaluator: evaluator, targets: targets, controller: controller, playerCount: players)
    }

    static func expectEqual(_ fast: ShapleyValues, _ generic: ShapleyValues) {
        #expect(fast.exact && generic.exact && fast.evaluations == generic.evaluations)
        for (a, b) in zip(fast.values, generic.values) { #expect(abs(a - b) <= 1e-6, "φ \(a) vs \(b)") }
        for (a, b) in zip(fast.full + fast.empty, generic.full + generic.empty) { #expect(abs(a - b) <= 1e-6) }
    }

    @Test func everyCoalitionEqualsGenericEnumeration() {
        let n = Self.model.inputSequence(ofUser: Self.user).items.count
        #expect(n == Self.maxLength)
        #expect(Self.model.featureGroups.count >= 3, "item, rating, time gap (and genres): several groups per event")
        let game = Self.eventGame(owner: Array(0..<n), players: n, targets: [3, 11])
        let values = game.enumeratedValues()!
        // Every coalition's value, not only the Shapley values built from them.
        let generic = ShapleyEngine.exact(GenericGame(game: game))
        let fast = ShapleyEngine.exact(game)
        Self.expectEqual(fast, generic)
        #expect(values.count == (1 << n) * 2)
        // Spot-check single coalitions against the generic evaluator.
        var rng = SplitMix64(seed: 1)
        var batch = CoalitionBatch(playerCount: n)
        var picked: [Int] = [0, (1 << n) - 1]
        for _ in 0..<200 { picked.append(rng.nextInt(below: 1 << n)) }
        for c in picked { batch.append((0..<n).map { c & (1 << $0) != 0 }) }
        let direct = game.values(of: batch)
        for (row, c) in picked.enumerated() {
            for t in 0..<2 { #expect(abs(values[c * 2 + t] - direct[row * 2 + t]) <= 1e-6, "coalition \(c)") }
        }
    }

    @Test func groupedOlderEventsShareOnePlayer() {
        // Players: 0 = the 7 oldest events (TimeSHAP's pruned group), then one per recent event;
        // and an arbitrary non-contiguous ownership, to exercise the non-branching steps.
        let n = Self.model.inputSequence(ofUser: Self.user).items.count
        let pruned = [Int](repeating: 0, count: 7) + (1...(n - 7)).map { $0 }
        Self.expectEqual(
            ShapleyEngine.exact(Self.eventGame(owner: pruned, players: n - 6, targets: [5])),
            ShapleyEngine.exact(GenericGame(game: Self.eventGame(owner: pruned, players: n - 6, targets: [5]))))
        let scattered = (0..<n).map { $0 % 9 }
        Self.expectEqual(
            ShapleyEngine.exact(Self.eventGame(owner: scattered, players: 9, targets: [0, 1, 2])),
            ShapleyEngine.exact(GenericGame(game: Self.eventGame(owner: scattered, players: 9, targets: [0, 1, 2]))))
    }

    static func game(controller: [Int], players: Int, targets: [Int]) -> ControlledSequenceGame {
        let sequence = model.inputSequence(ofUser: user)
        let evaluator = PerturbedSequenceEvaluator(model: model, inputs: sequence.inputs, baseline: model.baselineInput(.meanItem))
        return ControlledSequenceGame(evaluator: evaluator, targets: targets, controller: controller, playerCount: players)
    }

    @Test func featureAndCellGamesEqualGenericEnumeration() throws {
        // TimeSHAP's feature level (one player per group across the kept events, plus the pruned
        // events) and cell level (top events × top groups, the rest grouped): players that control
        // cells of many events, several players met first at one event, and an event whose cells
        // belong to different players.
        let n = Self.model.inputSequence(ofUser: Self.user).items.count, groups = Self.model.featureGroups.count
        let pruned = 5
        let feature = (0..<n).flatMap { e in (0..<groups).map { g in e < pruned ? groups : g } }
        let cell = CellPlayers(eventCount: n, prunedCount: pruned, groups: groups, topEvents: [6, n - 5, n - 1], topFeatures: [0, 2])
        for (controller, players) in [(feature, groups + 1), (cell.controller, cell.playerCount)] {
            let game = Self.game(controller: controller, players: players, targets: [4, 9, 30])
            let values = try #require(game.enumeratedValues())
            var batch = CoalitionBatch(playerCount: players)
            for c in 0..<(1 << players) { batch.append((0..<players).map { c & (1 << $0) != 0 }) }
            let generic = game.values(of: batch)
            #expect(values.count == generic.count)
            let largest = zip(values, generic).map { abs($0 - $1) }.max() ?? 0
            #expect(largest <= 1e-6, "largest difference \(largest) over \(1 << players) coalitions")
            Self.expectEqual(ShapleyEngine.exact(game), ShapleyEngine.exact(GenericGame(game: game)))
        }
        #expect(cell.playerCount >= 12, "6 cells, 3 × other features, 2 × other events, other × other, pruned")
        // A player that controls no cell has no tree: the generic evaluator scores the game.
        #expect(Self.game(controller: feature, players: groups + 2, targets: [4]).enumeratedValues() == nil)
    }

    @Test func timeSHAPIsExactUpToTwentyPlayersByDefault() {
        #expect(TimeSHAP.Configuration().exactPlayerLimit == 16)
        var c = TimeSHAP.Configuration()
        c.tolerance = 0
        c.eventLevelOnly = true
        let (events, details) = TimeSHAP(model: Self.model, configuration: c).explain(user: Self.user, targets: [2], itemIDs: Self.dataset.itemIDs)!
        #expect(events.players.count == Self.maxLength && details.exact, "above the generic limit of 14 players")
        let sum = events.dense().reduce(0.0) { $0 + Double($1[0]) }
        #expect(abs(sum - Double(events.output[0] - events.baseline[0])) <= 1e-4)
    }
}

/// The sentence the user page shows under a TimeSHAP heatmap: where exact stops and KernelSHAP starts.
@Suite struct SequenceMethodNoteTests {
    static let pruning = PruningSummary(tolerance: 0, eventCount: 20, keptCount: 20, older: [], recent: [])

    @Test func exactAndApproximateNotesNameTheBoundary() {
        let exact = SequenceExplanation(features: nil, cells: nil, pruning: Self.pruning, deletion: nil, baseline: "zero event", exact: true,
                                        exactPlayerLimit: 20, sampleBudget: 4096)
        #expect(exact.methodNote(players: 18) == "exact Shapley values: all 2^18 coalitions of the 18 players enumerated (exact up to 20 players, KernelSHAP above)")
        var sampled = exact
        sampled.exact = false
        #expect(sampled.methodNote(players: 23) == "KernelSHAP estimates from 4,096 coalitions, efficiency enforced (23 players, above the exact limit of 20)")
        let old = SequenceExplanation(features: nil, cells: nil, pruning: Self.pruning, deletion: nil, baseline: "zero event", exact: false)
        #expect(old.methodNote(players: 23) == "KernelSHAP estimates, efficiency enforced (23 players)")
    }
}
