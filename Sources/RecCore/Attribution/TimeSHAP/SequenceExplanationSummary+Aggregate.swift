extension SequenceExplanationSummary {
    /// Aggregates one model's explanations over users (in the given order, so sums are
    /// deterministic). `maxLength` bounds the positions profiled; `k` is the top-K of the deletion
    /// check's "still recommended" share. nil when no explanation is given.
    public static func aggregate(_ explained: [(events: Attribution, details: SequenceExplanation)], maxLength: Int, k: Int) -> SequenceExplanationSummary? {
        guard !explained.isEmpty else { return nil }
        var positionSum = [Double](repeating: 0, count: maxLength), positionUsers = [Int](repeating: 0, count: maxLength)
        var prunedUsers = [Int](repeating: 0, count: maxLength), presentUsers = [Int](repeating: 0, count: maxLength)
        var featureOrder: [String] = []
        var featureSum: [String: (Double, Double, Int)] = [:]
        var removedMax = 0
        for (events, details) in explained {
            let dense = events.dense()
            let targets = Double(max(events.targets.count, 1))
            for (p, player) in events.players.enumerated() {
                if let position = player.position, -position <= maxLength {
                    positionSum[-position - 1] += dense[p].reduce(0) { $0 + abs(Double($1)) } / targets
                    positionUsers[-position - 1] += 1
                }
            }
            let n = details.pruning.eventCount, kept = details.pruning.keptCount
            for p in 0..<min(n, maxLength) {
                presentUsers[p] += 1
                if p >= kept { prunedUsers[p] += 1 }
            }
            if let features = details.features {
                let values = features.dense()
                for (p, player) in features.players.enumerated() where !player.isPruned {
                    if featureSum[player.label] == nil { featureOrder.append(player.label) }
                    var entry = featureSum[player.label] ?? (0, 0, 0)
                    for v in values[p] {
                        entry.0 += Double(v)
                        entry.1 += abs(Double(v))
                        entry.2 += 1
                    }
                    featureSum[player.label] = entry
                }
            }
            if let d = details.deletion { removedMax = max(removedMax, d.removed.count) }
        }
        var deletion: DeletionSummary? = nil
        if removedMax > 0 {
            var attributedDrop = [Double](repeating: 0, count: removedMax), randomDrop = attributedDrop
            var attributedIn = attributedDrop, randomIn = attributedDrop
            var users = [Int](repeating: 0, count: removedMax)
            for (_, details) in explained {
                guard let d = details.deletion, let first = d.attributedScore.first else { continue }
                for s in d.removed.indices {
                    attributedDrop[s] += first - d.attributedScore[s]
                    randomDrop[s] += (d.randomScore.first ?? first) - d.randomScore[s]
                    attributedIn[s] += d.attributedRank[s] <= Double(k) ? 1 : 0
                    randomIn[s] += d.randomShareInTop(k, step: s)
                    users[s] += 1
                }
            }
            func mean(_ values: [Double]) -> [Double] { zip(values, users).map { $1 > 0 ? $0 / Double($1) : 0 } }
            deletion = DeletionSummary(
                removed: Array(0..<removedMax), attributedDrop: mean(attributedDrop), randomDrop: mean(randomDrop),
                attributedInTopK: mean(attributedIn), randomInTopK: mean(randomIn), users: users)
        }
        return SequenceExplanationSummary(
            users: explained.count,
            positionMeanAbs: zip(positionSum, positionUsers).map { $1 > 0 ? $0 / Double($1) : 0 }, positionUsers: positionUsers,
            positionPruned: zip(prunedUsers, presentUsers).map { $1 > 0 ? Double($0) / Double($1) : 0 },
            features: featureOrder.map { name in
                let (sum, absSum, count) = featureSum[name]!
                return FeatureMean(name: name, mean: sum / Double(max(count, 1)), meanAbs: absSum / Double(max(count, 1)))
            },
            deletion: deletion)
    }
}
