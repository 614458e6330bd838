/// TimeSHAP (Bento et al., KDD 2021) for a GRU recommender, adapted to recommendation as in
/// seed 000: the explained values are the scores of the user's top-K items (one output each),
/// an absent event is replaced by a baseline event, and Shapley values come from
/// ``ShapleyEngine`` (exact up to `exactPlayerLimit` players, KernelSHAP above).
///
/// Levels: temporal-coalition pruning first (the older events whose joint |φ| is within the
/// tolerance for every item become one "pruned" player), then event level (kept events + the
/// pruned group), feature level (feature groups across the kept events + the pruned group) and
/// cell level (top events × top features, plus "other features" per top event, "other events"
/// per top feature, "other events × other features" and the pruned group, as TimeSHAP does).
public struct TimeSHAP: Sendable {
    public struct Configuration: Sendable, Equatable {
        /// Pruning tolerance η on |φ_older| in score units; 0 turns pruning off.
        public var tolerance = 0.025
        /// The absent event.
        public var baseline = EventBaseline.zero
        /// Event-level games with at most this many players are enumerated exactly (2ⁿ coalitions
        /// down the shared-prefix tree, `PerturbedSequenceEvaluator.enumeratedScores`: 20 players
        /// ≈ 0.5–1 s at H = 64 on two cores), KernelSHAP above. Feature- and cell-level games are
        /// exact up to `min(this, 14)` players (the tree walks them too, but a larger game would
        /// still end with 2ⁿ states to score, and a feature game has all of them from its first
        /// kept event on). Default 16:
        /// at 20, the ML-100k build's explanation step took 318 s instead of 31 s (every user with
        /// 17–20 unpruned events pays ~1 s per game); 16 keeps a game ≤ 1/16 of that.
        public var exactPlayerLimit = 16
        /// Enumerate exact games down the shared-prefix tree (default); false scores the 2ⁿ
        /// coalition patterns with the generic batch evaluator (same values to float rounding,
        /// kept for comparison: `reclens-bench timeshap`).
        public var treeEnumeration = true
        /// KernelSHAP coalitions per game above the exact limit.
        public var sampleBudget = 4096
        /// Events and feature groups crossed at the cell level.
        public var cellEvents = 3
        public var cellFeatures = 2
        /// Deletion check: events removed (at most), and random orders averaged.
        public var deletionSteps = 10
        public var randomOrders = 8
        /// Only pruning and the event level (no feature, cell or deletion computations).
        public var eventLevelOnly = false
        public var seed: UInt64 = 42
        public init() {}
    }

    public let model: any GRUSequenceModel
    public let configuration: Configuration

    public init(model: any GRUSequenceModel, configuration: Configuration = .init()) {
        self.model = model
        self.configuration = configuration
    }

    public static let name = "timeshap"
    public static let summary = "TimeSHAP (Bento et al. 2021): Shapley values of the recent events, of the feature groups and of (event, feature) cells for the score of each recommended item, an absent event being replaced by a baseline event; older events whose joint contribution is within the pruning tolerance are grouped into one player. Values of each item add up to its score minus the all-baseline score."

    /// What TimeSHAP's values mean.
    public static let meaning = ExplanationMeaning(
        kind: .shapley,
        summary: "TimeSHAP (Bento et al. 2021): Shapley values of the recent events for each recommended item's score, an absent event being replaced by a baseline event; older events whose joint contribution is within the pruning tolerance form one player. An item's values add up to its score minus the score of a sequence of baseline events.",
        additive: true, valueName: "Shapley value", scoreUnits: true)

    /// The baseline's display name.
    public var baselineName: String {
        switch configuration.baseline {
        case .zero: "zero event"
        case .meanItem: "mean item embedding"
        case .item(let i): "item #\(i)"
        }
    }

    /// Event-level attribution and the other levels of `user`'s `targets`; nil when the user has
    /// no events or no target. `seen` (the user's training items) is excluded from the ranks of the
    /// deletion check; nil = the events the model reads.
    public func explain(user: Int, targets: [Int], itemIDs: [String], seen: [Int32]? = nil) -> (events: Attribution, details: SequenceExplanation)? {
        explainCounting(user: user, targets: targets, itemIDs: itemIDs, seen: seen).map { ($0.events, $0.details) }
    }

    /// ``explain(user:targets:itemIDs:seen:)`` and the number of perturbed sequences it scored.
    public func explainCounting(user: Int, targets: [Int], itemIDs: [String], seen: [Int32]? = nil) -> (events: Attribution, details: SequenceExplanation, evaluations: Int)? {
        let sequence = model.inputSequence(ofUser: user)
        let n = sequence.items.count
        guard n > 0, !targets.isEmpty else { return nil }
        let evaluator = PerturbedSequenceEvaluator(model: model, inputs: sequence.inputs, baseline: model.baselineInput(configuration.baseline))
        let groups = evaluator.groupCount
        let ids = sequence.items.map { itemIDs[Int($0)] }
        var shapley = ShapleyConfiguration()
        shapley.exactPlayerLimit = configuration.exactPlayerLimit
        shapley.sampleBudget = configuration.sampleBudget
        var userStream = SplitMix64(seed: configuration.seed).derived(UInt64(user))
        shapley.seed = userStream.next()

        var grouped = shapley
        grouped.exactPlayerLimit = min(shapley.exactPlayerLimit, ShapleyConfiguration().exactPlayerLimit)
        var evaluations = 0
        // Pruning: two-player games recent-vs-older at every cut, one batch.
        let all = evaluator.allGroups
        let pruning = TemporalPruning.compute(eventCount: n, outputCount: targets.count, tolerance: configuration.tolerance) { batch in
            var patterns = [UInt32](repeating: 0, count: batch.count * n)
            for c in 0..<batch.count { for e in 0..<n where batch.contains(c, e) { patterns[c * n + e] = all } }
            evaluations += batch.count
            return evaluator.scores(patterns: patterns, count: batch.count, targets: targets)
        }
        let kept = min(max(pruning.keptCount, 1), n)
        let prunedCount = n - kept
        let hasPruned = prunedCount > 0
        let firstKept = hasPruned ? 1 : 0
        func position(_ e: Int) -> Int { e - n }
        var prunedPlayer: Attribution.Player? = nil
        if hasPruned {
            prunedPlayer = Attribution.Player(label: "pruned", group: Array(ids[0..<prunedCount]))
        }

        // Event level.
        var eventController = [Int](repeating: 0, count: n * groups)
        for e in 0..<n {
            let player = e < prunedCount ? 0 : firstKept + (e - prunedCount)
            for g in 0..<groups { eventController[e * groups + g] = player }
        }
        var eventGame = ControlledSequenceGame(evaluator: evaluator, targets: targets, controller: eventController, playerCount: firstKept + kept)
        eventGame.treeEnumeration = configuration.treeEnumeration
        let eventValues = ShapleyEngine.explain(eventGame, configuration: shapley)
        evaluations += eventValues.evaluations
        var eventPlayers: [Attribution.Player] = prunedPlayer.map { [$0] } ?? []
        for e in prunedCount..<n {
            eventPlayers.append(Attribution.Player(label: "event \(position(e))", position: position(e), historyItem: ids[e]))
        }
        let targetIDs = targets.map { itemIDs[$0] }
        let events = Self.attribution(level: "event", targets: targetIDs, players: eventPlayers, values: eventValues)

        // Feature level (only with more than the item group).
        var features: Attribution? = nil
        var featureValues: ShapleyValues? = nil
        let groupNames = model.featureGroups.map(\.name)
        if groups > 1 && !configuration.eventLevelOnly {
            var controller = [Int](repeating: 0, count: n * groups)
            for e in 0..<n { for g in 0..<groups { controller[e * groups + g] = e < prunedCount ? groups : g } }
            var game = ControlledSequenceGame(evaluator: evaluator, targets: targets, controller: controller, playerCount: groups + (hasPruned ? 1 : 0))
            game.treeEnumeration = configuration.treeEnumeration
            let values = ShapleyEngine.explain(game, configuration: grouped)
            evaluations += values.evaluations
            var players = groupNames.map { Attribution.Player(label: $0, feature: $0) }
            if let p = prunedPlayer { players.append(p) }
            features = Self.attribution(level: "feature", targets: targetIDs, players: players, values: values)
            featureValues = values
        }

        // Cell level: top events × top features and the grouped rest.
        var cells: Attribution? = nil
        if let featureValues, kept >= 1 {
            let topEvents = Self.top(count: configuration.cellEvents, among: (0..<kept).map { firstKept + $0 }, values: eventValues)
                .map { $0 - firstKept + prunedCount }.sorted()
            let topFeatures = Self.top(count: configuration.cellFeatures, among: Array(0..<groups), values: featureValues).sorted()
            if !topEvents.isEmpty, !topFeatures.isEmpty {
                let cell = CellPlayers(
                    eventCount: n, prunedCount: prunedCount, groups: groups, topEvents: topEvents, topFeatures: topFeatures)
                var game = ControlledSequenceGame(evaluator: evaluator, targets: targets, controller: cell.controller, playerCount: cell.playerCount)
                game.treeEnumeration = configuration.treeEnumeration
                let values = ShapleyEngine.explain(game, configuration: grouped)
                evaluations += values.evaluations
                let players = cell.players(ids: ids, groupNames: groupNames, pruned: prunedPlayer)
                cells = Self.attribution(level: "cell", targets: targetIDs, players: players, values: values)
            }
        }

        let summary = PruningSummary(
            tolerance: configuration.tolerance, eventCount: n, keptCount: kept,
            older: pruning.olderValues.map { $0.map(abs).max() ?? 0 }, recent: pruning.recentValues.map { $0.map(abs).max() ?? 0 })
        let deletion = configuration.eventLevelOnly ? nil : deletionCurve(user: user, evaluator: evaluator, target: targets[0], targetID: targetIDs[0], eventValues: eventValues,
                                     prunedCount: prunedCount, seen: seen ?? sequence.items)
        let details = SequenceExplanation(
            features: features, cells: cells, pruning: summary, deletion: deletion, baseline: baselineName, exact: eventValues.exact,
            exactPlayerLimit: configuration.exactPlayerLimit, sampleBudget: configuration.sampleBudget)
        return (events, details, evaluations)
    }

    /// Players with the largest mean |φ| over outputs (non-zero only), at most `count`.
    static func top(count: Int, among players: [Int], values: ShapleyValues) -> [Int] {
        let importance = players.map { p in (0..<values.outputCount).reduce(0.0) { $0 + abs(values.value(player: p, output: $1)) } }
        return players.indices
            .filter { importance[$0] > 0 }
            .sorted { importance[$0] != importance[$1] ? importance[$0] > importance[$1] : players[$0] > players[$1] }
            .prefix(count).map { players[$0] }
    }

    /// An ``Attribution`` from Shapley values.
    static func attribution(level: String, targets: [String], players: [Attribution.Player], values: ShapleyValues) -> Attribution {
        var dense = Attribution.DenseValues(players: players.count, targets: targets.count)
        for p in players.indices {
            for t in targets.indices { dense[p, t] = Float(values.value(player: p, output: t)) }
        }
        return Attribution(
            explainer: name, meaning: meaning, level: level, targets: targets, players: players, values: dense, output: values.full.map { Float($0) },
            baseline: values.empty.map { Float($0) })
    }
}
