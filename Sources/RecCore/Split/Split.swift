/// A train/test division of one dataset's interactions (same user and item index space).
public struct Split: Sendable, Equatable {
    /// The strategy that produced the split.
    public var strategy: SplitStrategy
    /// Interactions the models learn from.
    public var train: InteractionMatrix
    /// Held-out interactions (all ratings).
    public var test: InteractionMatrix
    /// Test interactions with rating ≥ this count as relevant (seed 003 keeps ratings ≥ 4). nil = all relevant.
    public var minRelevantRating: Float?

    public init(strategy: SplitStrategy, train: InteractionMatrix, test: InteractionMatrix, minRelevantRating: Float?) {
        self.strategy = strategy
        self.train = train
        self.test = test
        self.minRelevantRating = minRelevantRating
    }

    /// Splits `data` with `strategy`; `seed` drives the random holdout.
    public init(_ data: InteractionMatrix, strategy: SplitStrategy, minRelevantRating: Float? = 4, seed: UInt64) {
        var isTest = [Bool](repeating: false, count: data.count)
        switch strategy {
        case .globalTime(let fraction):
            let sorted = data.timestamps.sorted()
            if !sorted.isEmpty {
                let index = min(sorted.count - 1, max(0, Int((Double(sorted.count) * (1 - fraction)).rounded(.down))))
                let cut = sorted[index]
                for k in 0..<data.count where data.timestamps[k] >= cut { isTest[k] = true }
                // Keep the cut strictly positive for ties: if everything is test, nothing trains.
                if isTest.allSatisfy({ $0 }) { isTest = isTest.map { _ in false } }
            }
        case .leaveLastOut:
            for u in 0..<data.userCount where data.rowCount(ofUser: u) >= 2 {
                isTest[data.rowStart[u + 1] - 1] = true
            }
        case .random(let fraction):
            var rng = SplitMix64(seed: seed).derived(0x5EED_5B17)
            for k in 0..<data.count where rng.nextDouble() < fraction { isTest[k] = true }
        }
        let train = data.keeping { !isTest[$0] }
        var test = data.keeping { isTest[$0] }
        if strategy != .leaveLastOut {
            let itemCounts = train.itemCounts()
            test = test.filter { train.rowCount(ofUser: $0.user) > 0 && itemCounts[$0.item] > 0 }
        }
        self.init(strategy: strategy, train: train, test: test, minRelevantRating: minRelevantRating)
    }

    /// The relevant test items of user `u` (rating filter applied), ascending, without duplicates.
    public func relevantItems(ofUser u: Int) -> [Int] {
        var result: [Int] = []
        for k in test.range(ofUser: u) where minRelevantRating.map({ test.ratings[k] >= $0 }) ?? true {
            result.append(Int(test.items[k]))
        }
        return Array(Set(result)).sorted()
    }

    /// Number of users with at least one relevant test item.
    public var evaluableUserCount: Int { (0..<test.userCount).count { !relevantItems(ofUser: $0).isEmpty } }

    /// Number of relevant test interactions.
    public var relevantCount: Int {
        guard let minRelevantRating else { return test.count }
        return test.ratings.count { $0 >= minRelevantRating }
    }
}
