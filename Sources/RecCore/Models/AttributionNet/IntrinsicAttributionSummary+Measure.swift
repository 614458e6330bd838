import Dispatch

extension IntrinsicAttributionSummary {
    /// Decomposes the top-`k` lists of `users` (training items excluded) and compares the first
    /// `shapUsers` of them with exact Shapley values of the input groups. Parallel over chunks of
    /// users (BLAS single-threaded), combined in user order. nil when the model has no parts.
    public static func measure(_ model: some IntrinsicallyAttributing & InputGroupScoring, users: [Int], train: InteractionMatrix, k: Int,
                               shapUsers: Int = 200) -> IntrinsicAttributionSummary? {
        let parts = model.intrinsicParts
        guard !parts.isEmpty, !users.isEmpty else { return nil }
        let lists = Evaluator.topKLists(model, train: train, users: users, k: k).map { $0.map(\.item) }
        let groups = model.inputGroups
        // A part "content + user" holds the groups whose names start with "content" or "user"; its
        // value is credited to the groups it adds beyond its strict subsets (all of them when it has
        // none): {content} → content, {content, user} → user, {content, user, item} → ½ user, ½ item.
        let members: [Set<Int>] = parts.map { name in
            let words = name.split(separator: " ").filter { $0 != "+" }.map(String.init)
            return Set(groups.indices.filter { g in words.contains { groups[g].hasPrefix($0) } })
        }
        let partGroups: [[Int]] = members.map { s in
            let children = members.filter { $0 != s && $0.isSubset(of: s) }
            let shared = children.reduce(s) { $0.intersection($1) }
            return (children.isEmpty ? s : s.subtracting(shared)).sorted()
        }
        var results = [IntrinsicUserResult](repeating: IntrinsicUserResult(), count: users.count)
        BLAS.withSingleThread {
            results.withUnsafeMutableBufferPointer { buffer in
                let output = UnsafeSendable(buffer)
                let chunk = 16
                DispatchQueue.concurrentPerform(iterations: (users.count + chunk - 1) / chunk) { c in
                    for index in (c * chunk)..<min(users.count, (c + 1) * chunk) where !lists[index].isEmpty {
                        let user = users[index], targets = lists[index]
                        let (values, prediction, _) = model.intrinsicAttribution(user: user, targets: targets)
                        var result = IntrinsicUserResult()
                        result.shares = targets.indices.map { t in values[t].map { Double($0) / Double(max(prediction[t], 1e-12)) } }
                        if index < shapUsers {
                            let game = InputGroupGame(model: model, user: user, targets: targets)
                            let phi = ShapleyEngine.explain(game, configuration: ShapleyConfiguration(exactPlayerLimit: 14))
                            for t in targets.indices {
                                var credit = [Double](repeating: 0, count: groups.count)
                                for (p, members) in partGroups.enumerated() { for g in members { credit[g] += Double(values[t][p]) / Double(members.count) } }
                                result.intrinsic.append(credit)
                                result.shapley.append(groups.indices.map { phi.value(player: $0, output: t) })
                            }
                        }
                        output.buffer[index] = result
                    }
                }
            }
        }
        let all: [[Double]] = results.flatMap { $0.shares }
        guard !all.isEmpty else { return nil }
        func mean(_ rows: [[Double]]) -> [Double] { Self.columnMeans(rows, count: parts.count) }
        let quantiles = parts.indices.map { p -> [Double] in
            let sorted = all.map { $0[p] }.sorted()
            return [0.1, 0.5, 0.9].map { sorted[min(sorted.count - 1, Int(($0 * Double(sorted.count - 1)).rounded()))] }
        }
        var byActivity: [Group] = []
        var lower = 0
        for upper in Evaluator.activityBounds {
            let members = users.indices.filter { let n = train.rowCount(ofUser: users[$0]); return n > lower && n <= upper && !results[$0].shares.isEmpty }
            if !members.isEmpty {
                byActivity.append(Group(minEvents: lower + 1, maxEvents: upper == Int.max ? nil : upper, users: members.count,
                                        meanShares: mean(members.flatMap { results[$0].shares })))
            }
            lower = upper
        }
        let intrinsic: [[Double]] = results.flatMap { $0.intrinsic }, shapley: [[Double]] = results.flatMap { $0.shapley }
        var agreement: SHAPAgreement?
        if !intrinsic.isEmpty {
            var same = 0, tauSum = 0.0, tauCount = 0
            var counts = [[Int]](repeating: [Int](repeating: 0, count: groups.count), count: groups.count)
            for (a, b) in zip(intrinsic, shapley) {
                let ta = Self.top(a), tb = Self.top(b)
                counts[ta][tb] += 1
                if ta == tb { same += 1 }
                if let tau = RankAgreement.kendallTauB(a, b) { tauSum += tau; tauCount += 1 }
            }
            agreement = SHAPAgreement(
                groups: groups, pairs: intrinsic.count, sameTop: Double(same) / Double(intrinsic.count), meanKendall: tauCount > 0 ? tauSum / Double(tauCount) : 0,
                topCounts: counts, meanIntrinsic: Self.columnMeans(intrinsic, count: groups.count),
                meanShapley: Self.columnMeans(shapley, count: groups.count), absentSummary: model.absentInputSummary)
        }
        return IntrinsicAttributionSummary(
            parts: parts, users: results.filter { !$0.shares.isEmpty }.count as Int, k: k, meanShares: mean(all), shareQuantiles: quantiles,
            byActivity: byActivity, shapAgreement: agreement)
    }

    /// The index of the largest value (ties: the first).
    static func top(_ values: [Double]) -> Int {
        var best = 0
        for i in values.indices where values[i] > values[best] { best = i }
        return best
    }

    /// Mean of each of `count` columns over `rows`.
    static func columnMeans(_ rows: [[Double]], count: Int) -> [Double] {
        (0..<count).map { c in rows.reduce(0.0) { $0 + $1[c] } / Double(max(1, rows.count)) }
    }
}

/// One user's shares and group credits (internal to `measure`).
struct IntrinsicUserResult {
    var shares: [[Double]] = []
    var intrinsic: [[Double]] = []
    var shapley: [[Double]] = []
}
