/// The TimeSHAP explanation of one user's top-K under a sequential model, beyond the event-level
/// attribution kept in ``ModelRecommendations/attribution``.
public struct SequenceExplanation: Sendable, Codable, Equatable {
    /// Feature-level attribution: feature groups across the kept events (+ the pruned events);
    /// nil when the model has only the item input.
    public var features: Attribution?
    /// Cell-level attribution: (top event × top feature) cells plus grouped "other" players.
    public var cells: Attribution?
    /// The temporal-coalition pruning that decided which events are separate players.
    public var pruning: PruningSummary
    /// Faithfulness check on the top-1 item: deletion by attribution against random deletion.
    public var deletion: DeletionCurve?
    /// Absent-event baseline ("zero", "mean item", or "item <id>").
    public var baseline: String
    /// Whether the event-level values are exact (enumeration) or KernelSHAP estimates.
    public var exact: Bool

    public init(features: Attribution?, cells: Attribution?, pruning: PruningSummary, deletion: DeletionCurve?, baseline: String, exact: Bool) {
        self.features = features
        self.cells = cells
        self.pruning = pruning
        self.deletion = deletion
        self.baseline = baseline
        self.exact = exact
    }
}

/// TimeSHAP's temporal-coalition pruning of one sequence (Bento et al. 2021, section 4.1).
public struct PruningSummary: Sendable, Codable, Equatable {
    /// Tolerance η on |φ_older| (score units); 0 = pruning off.
    public var tolerance: Double
    /// Events in the explained sequence.
    public var eventCount: Int
    /// Most recent events kept as separate players (== eventCount when nothing was pruned).
    public var keptCount: Int
    /// For each cut (1 … eventCount − 1 most recent events on the "recent" side): the largest
    /// |φ_older| over the explained items, and the same for |φ_recent|.
    public var older: [Double]
    public var recent: [Double]

    public init(tolerance: Double, eventCount: Int, keptCount: Int, older: [Double], recent: [Double]) {
        self.tolerance = tolerance
        self.eventCount = eventCount
        self.keptCount = keptCount
        self.older = older
        self.recent = recent
    }
}

/// Score and rank of one recommended item as history events are removed (replaced by the
/// baseline event), most-attributed first against random order.
public struct DeletionCurve: Sendable, Codable, Equatable {
    /// Raw id of the item followed (the user's top-1).
    public var target: String
    /// Events removed at each step: 0, 1, 2, …
    public var removed: [Int]
    /// Score after removing the `removed[s]` events with the largest attributions.
    public var attributedScore: [Double]
    /// 1-based rank among all unseen items after the same removal.
    public var attributedRank: [Double]
    /// Mean score and rank over seeded random removal orders.
    public var randomScore: [Double]
    public var randomRank: [Double]
    /// Each random order's ranks (orders × steps), so that "still in the top-K" is counted per
    /// order like the attributed order's, not read off a mean rank (nil in older artifacts).
    public var randomRanks: [[Double]]?

    public init(target: String, removed: [Int], attributedScore: [Double], attributedRank: [Double], randomScore: [Double], randomRank: [Double],
                randomRanks: [[Double]]? = nil) {
        self.target = target
        self.removed = removed
        self.attributedScore = attributedScore
        self.attributedRank = attributedRank
        self.randomScore = randomScore
        self.randomRank = randomRank
        self.randomRanks = randomRanks
    }

    /// The share of random orders that keep the item within rank `k` after step `s` (from the
    /// mean rank, as older artifacts had it, when the per-order ranks are absent).
    public func randomShareInTop(_ k: Int, step s: Int) -> Double {
        guard let ranks = randomRanks, !ranks.isEmpty else { return randomRank[s] <= Double(k) ? 1 : 0 }
        return Double(ranks.count { $0[s] <= Double(k) }) / Double(ranks.count)
    }
}

/// A sequential model's explanations aggregated over all explained users (model page).
public struct SequenceExplanationSummary: Sendable, Codable, Equatable {
    /// Users aggregated.
    public var users: Int
    /// Mean |φ| (over explained items and users) of the event at position −(p+1), over users where
    /// that event was a separate player; `positionUsers[p]` such users.
    public var positionMeanAbs: [Double]
    public var positionUsers: [Int]
    /// Share of users whose event at position −(p+1) was pruned.
    public var positionPruned: [Double]
    /// Mean signed and absolute feature-level attribution per feature group (over items and users).
    public var features: [FeatureMean]
    /// Mean over users of the top-1 item's score drop and rank after each deletion step
    /// (users with fewer events contribute to the steps they have).
    public var deletion: DeletionSummary?

    public init(users: Int, positionMeanAbs: [Double], positionUsers: [Int], positionPruned: [Double], features: [FeatureMean], deletion: DeletionSummary?) {
        self.users = users
        self.positionMeanAbs = positionMeanAbs
        self.positionUsers = positionUsers
        self.positionPruned = positionPruned
        self.features = features
        self.deletion = deletion
    }

    public struct FeatureMean: Sendable, Codable, Equatable {
        public var name: String
        public var mean: Double
        public var meanAbs: Double
        public init(name: String, mean: Double, meanAbs: Double) {
            self.name = name
            self.mean = mean
            self.meanAbs = meanAbs
        }
    }

    public struct DeletionSummary: Sendable, Codable, Equatable {
        public var removed: [Int]
        /// Mean (score before − score after) per step.
        public var attributedDrop: [Double]
        public var randomDrop: [Double]
        /// Share of users whose top-1 item is still in the top-K after each step.
        public var attributedInTopK: [Double]
        public var randomInTopK: [Double]
        /// Users contributing to each step.
        public var users: [Int]
        public init(removed: [Int], attributedDrop: [Double], randomDrop: [Double], attributedInTopK: [Double], randomInTopK: [Double], users: [Int]) {
            self.removed = removed
            self.attributedDrop = attributedDrop
            self.randomDrop = randomDrop
            self.attributedInTopK = attributedInTopK
            self.randomInTopK = randomInTopK
            self.users = users
        }
    }
}
