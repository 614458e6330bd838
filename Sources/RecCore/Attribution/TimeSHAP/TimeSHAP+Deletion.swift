import CBLAS

extension TimeSHAP {
    /// Faithfulness check of the event level on the top-1 item: remove the event players
    /// (kept events and the pruned group) in order of decreasing attribution, one more per step,
    /// and record the item's score and rank among the items the user has not seen; the same for
    /// `randomOrders` seeded random orders (mean). A faithful attribution makes the score fall
    /// faster than random removal.
    func deletionCurve(user: Int, evaluator: PerturbedSequenceEvaluator, target: Int, targetID: String, eventValues: ShapleyValues,
                       prunedCount: Int, seen: [Int32]) -> DeletionCurve? {
        let n = evaluator.eventCount
        let players = eventValues.playerCount
        guard players > 0 else { return nil }
        let steps = min(players, configuration.deletionSteps)
        // Events of each player: player 0 is the pruned group when there is one.
        let firstKept = prunedCount > 0 ? 1 : 0
        func events(of player: Int) -> Range<Int> {
            if prunedCount > 0 && player == 0 { return 0..<prunedCount }
            let e = prunedCount + player - firstKept
            return e..<(e + 1)
        }
        let attributed = (0..<players).sorted {
            let a = eventValues.value(player: $0, output: 0), b = eventValues.value(player: $1, output: 0)
            return a != b ? a > b : $0 > $1
        }
        var orders = [attributed]
        var rng = SplitMix64(seed: configuration.seed).derived(0xDE1E7E ^ UInt64(user))
        for _ in 0..<configuration.randomOrders {
            var order = Array(0..<players)
            for i in stride(from: players - 1, to: 0, by: -1) { order.swapAt(i, rng.nextInt(below: i + 1)) }
            orders.append(order)
        }
        // One perturbation per (order, step).
        let all = evaluator.allGroups
        var patterns: [UInt32] = []
        patterns.reserveCapacity(orders.count * (steps + 1) * n)
        for order in orders {
            for step in 0...steps {
                var row = [UInt32](repeating: all, count: n)
                for p in order.prefix(step) { for e in events(of: p) { row[e] = 0 } }
                patterns += row
            }
        }
        let count = orders.count * (steps + 1)
        let q = evaluator.queries(patterns: patterns, count: count)
        let items = model.itemEmbeddings
        var scores = [Float](repeating: 0, count: count * items.rows)
        cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, Int32(count), Int32(items.rows), Int32(items.columns), 1,
                    q.values, Int32(q.columns), items.values, Int32(items.columns), 0, &scores, Int32(items.rows))
        var excluded = [Bool](repeating: false, count: items.rows)
        for item in seen { excluded[Int(item)] = true }
        for i in 0..<items.rows where !model.recommendable[i] { excluded[i] = true }
        excluded[target] = false
        func measure(_ row: Int) -> (score: Double, rank: Double) {
            let base = row * items.rows
            let s = scores[base + target]
            var above = 0
            for i in 0..<items.rows where !excluded[i] && i != target && scores[base + i] > s { above += 1 }
            return (Double(s), Double(above + 1))
        }
        var attributedScore: [Double] = [], attributedRank: [Double] = []
        var randomScore = [Double](repeating: 0, count: steps + 1), randomRank = [Double](repeating: 0, count: steps + 1)
        for step in 0...steps {
            let m = measure(step)
            attributedScore.append(m.score)
            attributedRank.append(m.rank)
        }
        var randomRanks: [[Double]] = []
        for o in 1..<orders.count {
            var ranks: [Double] = []
            for step in 0...steps {
                let m = measure(o * (steps + 1) + step)
                randomScore[step] += m.score / Double(orders.count - 1)
                randomRank[step] += m.rank / Double(orders.count - 1)
                ranks.append(m.rank)
            }
            randomRanks.append(ranks)
        }
        return DeletionCurve(
            target: targetID, removed: Array(0...steps), attributedScore: attributedScore, attributedRank: attributedRank,
            randomScore: randomScore, randomRank: randomRank, randomRanks: randomRanks)
    }
}
