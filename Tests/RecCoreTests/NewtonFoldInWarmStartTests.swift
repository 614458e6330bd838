@testable import RecCore
import Testing

/// What LXR's training leans on for speed: warm-started fold-ins (`MaskWarmStart`) give the cold
/// start's optimum, scores and pullback within the stated tolerance; the Hessian-only and
/// mixed-derivative-times-vector kernels equal the full derivatives.
@Suite struct NewtonFoldInWarmStartTests {
    /// A sequence of nearby fractional masks (as LXR's epochs produce), then a far one and the full history.
    static func maskSequence(_ n: Int) -> [[Float]] {
        let base = FoldInCheck.fractionalMask(n)
        let nudged = base.enumerated().map { j, m in min(1, max(0, m + (j % 2 == 0 ? 0.03 : -0.02))) }
        let moved = base.enumerated().map { j, m in min(1, max(0, m + (j % 3 == 0 ? -0.15 : 0.1))) }
        let far = (0..<n).map { Float(($0 * 5 + 2) % 7) / 7 }
        return [base, nudged, moved, far, [Float](repeating: 1, count: n), nudged]
    }

    /// Softmax-like pullback weights of the scores, as LXR's target probability uses.
    static func weights(_ scores: [Float]) -> [Float] {
        let top = scores.filter(\.isFinite).max() ?? 0
        let e = scores.map { $0.isFinite ? Float.exponential($0 - top) : 0 }
        let total = e.reduce(0, +)
        var w = e.map { -$0 / total }
        w[0] += 1
        return w
    }

    static func check<O: FoldInObjective>(_ model: any HistoryConditionedRecommender, _ type: O.Type,
                                          sourceLocation: SourceLocation = #_sourceLocation) {
        for user in [2, 9, 15] {
            let scorer = NewtonFoldInTests.newton(model, user: user, as: type)
            var warmStart = MaskWarmStart()
            for (c, mask) in maskSequence(scorer.events.count).enumerated() {
                let cold = scorer.scoresAndPullback(mask: mask, weightsFrom: weights)
                let warm = scorer.scoresAndPullback(mask: mask, warmStart: &warmStart, weightsFrom: weights)
                // The warm optimum meets the stated stationarity tolerance.
                let w = try! #require(warmStart.point, sourceLocation: sourceLocation)
                #expect(NewtonFoldInScorer<O>.isStationary(scorer.objective.derivatives(w, mask: mask).gradient, at: w),
                        "user \(user) mask \(c): warm optimum not stationary", sourceLocation: sourceLocation)
                // Scores and pullback within 1e-6 (relative to their scale) of the cold start's.
                let scoreGap = zip(cold.scores, warm.scores).map { abs($0 - $1) / max(1, abs($0)) }.max() ?? 0
                let scale = (cold.gradient.map(abs).max() ?? 0) + 1e-3
                let gradientGap = zip(cold.gradient, warm.gradient).map { abs($0 - $1) }.max() ?? 0
                #expect(scoreGap <= 1e-6, "user \(user) mask \(c): scores differ by \(scoreGap)", sourceLocation: sourceLocation)
                #expect(gradientGap <= 1e-5 * scale, "user \(user) mask \(c): pullback differs by \(gradientGap) (scale \(scale))",
                        sourceLocation: sourceLocation)
                // The kept factor is the exact Hessian's at the kept optimum.
                let factor = try! #require(warmStart.factor, sourceLocation: sourceLocation)
                let probe = (0..<w.count).map { Double($0 % 3) - 0.7 }
                let hessian = scorer.objective.derivatives(w, mask: mask).hessian
                var product = [Double](repeating: 0, count: w.count)
                for a in 0..<w.count {
                    for b in 0..<w.count { product[a] += hessian[max(a, b) * w.count + min(a, b)] * probe[b] }
                }
                let solved = factor.solved(product)
                #expect(zip(solved, probe).allSatisfy { abs($0 - $1) <= 1e-8 * (1 + abs($1)) }, sourceLocation: sourceLocation)
            }
        }
    }

    @Test func logisticWarmStartsMatchColdStarts() { Self.check(NewtonFoldInTests.lmf, LogisticFoldInObjective.self) }
    @Test func bprWarmStartsMatchColdStarts() { Self.check(NewtonFoldInTests.bpr, BPRFoldInObjective.self) }
    @Test func twoTowerWarmStartsMatchColdStarts() { Self.check(NewtonFoldInTests.tower, TwoTowerFoldInObjective.self) }

    @Test func hybridWarmStartsMatchColdStarts() throws {
        let hybrid = HybridRecommender(implicit: NewtonFoldInTests.lmf, explicit: NewtonFoldInTests.pmf)
        for user in [3, 12] {
            let scorer = try #require(hybrid.historyScorer(forUser: user) as? HybridFoldInScorer)
            var warmStart = MaskWarmStart()
            for mask in Self.maskSequence(scorer.events.count) {
                let cold = scorer.scoresAndPullback(mask: mask, weightsFrom: Self.weights)
                let warm = scorer.scoresAndPullback(mask: mask, warmStart: &warmStart, weightsFrom: Self.weights)
                let scale = (cold.gradient.map(abs).max() ?? 0) + 1e-3
                #expect(zip(cold.scores, warm.scores).allSatisfy { abs($0 - $1) <= 1e-6 * max(1, abs($0)) })
                #expect(zip(cold.gradient, warm.gradient).allSatisfy { abs($0 - $1) <= 1e-5 * scale })
            }
            #expect(warmStart[part: 0].point != nil, "the implicit part keeps its optimum")
        }
    }

    /// A chain that walks far from the full history (keep the top 8, 5, 4, … 1 events, as the
    /// fidelity curves' fixed-length insertion does) with `exactPreconditioner`: every optimum
    /// meets the stated tolerance and its scores are the cold start's within 1e-6.
    static func checkFewEventChain<O: FoldInObjective>(_ model: any HistoryConditionedRecommender, _ type: O.Type,
                                                       sourceLocation: SourceLocation = #_sourceLocation) {
        for user in [2, 9, 15] {
            let scorer = NewtonFoldInTests.newton(model, user: user, as: type)
            let n = scorer.events.count
            var chain = MaskWarmStart(exactPreconditioner: true)
            var cold = [Float](repeating: 0, count: scorer.itemCount), warm = cold
            for kept in [8, 5, 4, 3, 2, 1] where kept < n {
                let mask = (0..<n).map { Float($0 < kept ? 1 : 0) }
                scorer.scores(mask: mask, into: &cold)
                scorer.scores(mask: mask, into: &warm, warmStart: &chain)
                let w = try! #require(chain.point, sourceLocation: sourceLocation)
                #expect(NewtonFoldInScorer<O>.isStationary(scorer.objective.derivatives(w, mask: mask).gradient, at: w),
                        "user \(user) keeping \(kept): optimum not stationary", sourceLocation: sourceLocation)
                let gap = zip(cold, warm).map { abs($0 - $1) / max(1, abs($0)) }.max() ?? 0
                #expect(gap <= 1e-6, "user \(user) keeping \(kept): scores differ by \(gap)", sourceLocation: sourceLocation)
            }
        }
    }

    @Test func logisticFewEventChainsMatchColdStarts() { Self.checkFewEventChain(NewtonFoldInTests.lmf, LogisticFoldInObjective.self) }
    @Test func bprFewEventChainsMatchColdStarts() { Self.checkFewEventChain(NewtonFoldInTests.bpr, BPRFoldInObjective.self) }
    @Test func twoTowerFewEventChainsMatchColdStarts() { Self.checkFewEventChain(NewtonFoldInTests.tower, TwoTowerFoldInObjective.self) }

    /// The fidelity curves chain the fixed-length insertion masks for a fold-in
    /// (`chainsMasks`): the same curves, within the fold-in's tolerance, as a scorer that
    /// evaluates every mask cold and on its own; the hybrid passes the exact preconditioner on to
    /// its parts.
    @Test func chainedInsertionGivesTheColdCurves() throws {
        struct Cold: HistoryScorer {
            let base: any HistoryScorer
            var events: [ScoredHistoryEvent] { base.events }
            var itemCount: Int { base.itemCount }
            func scores(mask: [Float], into scores: inout [Float]) { base.scores(mask: mask, into: &scores) }
        }
        let hybrid = HybridRecommender(implicit: NewtonFoldInTests.lmf, explicit: NewtonFoldInTests.pmf)
        for (model, user) in [(NewtonFoldInTests.lmf as any HistoryConditionedRecommender, 4), (hybrid, 7)] {
            let scorer = model.historyScorer(forUser: user)
            #expect(scorer.chainsMasks && !Cold(base: scorer).chainsMasks)
            var full = [Float](repeating: 0, count: scorer.itemCount)
            scorer.scores(mask: [Float](repeating: 1, count: scorer.events.count), into: &full)
            let excluded = Set(scorer.events.map(\.item))
            let target = full.indices.filter { !excluded.contains($0) }.max { full[$0] < full[$1] }!
            let ranking = Array((0..<scorer.events.count).reversed())
            let chained = FidelityCurves.evaluate(scorer: MemoizedHistoryScorer(scorer), target: target, ranking: ranking, excluded: excluded)
            let cold = FidelityCurves.evaluate(scorer: Cold(base: scorer), target: target, ranking: ranking, excluded: excluded)
            #expect(chained.fullHistoryRank == cold.fullHistoryRank)
            for (a, b) in zip(chained.fixed + chained.steps, cold.fixed + cold.steps) {
                #expect((a == nil) == (b == nil))
                for (x, y) in zip(a ?? [], b ?? []) { #expect(abs(x - y) <= 1e-5, "\(model.name): \(x) vs \(y)") }
            }
            #expect(chained.fixedValues("INS") != nil, "\(model.name): INS defined for this user")
        }
    }

    /// `hessian` is `derivatives`' Hessian (bit for bit for the all-item objectives), and
    /// `mixedDerivatives(_:times:)` is the mixed matrix times z.
    static func checkKernels<O: FoldInObjective>(_ model: any HistoryConditionedRecommender, _ type: O.Type, bitForBit: Bool,
                                                 sourceLocation: SourceLocation = #_sourceLocation) {
        for user in [2, 9] {
            let scorer = NewtonFoldInTests.newton(model, user: user, as: type)
            let objective = scorer.objective, f = scorer.start.count, n = scorer.events.count
            let w = scorer.start.map { $0 * 0.8 + 0.02 }
            for mask in NewtonFoldInQuasiNewtonTests.masks(n) {
                let exact = objective.derivatives(w, mask: mask).hessian, fast = objective.hessian(w, mask: mask)
                let scale = exact.map(abs).max()!
                for a in 0..<f {
                    for b in 0...a {
                        if bitForBit {
                            #expect(exact[a * f + b] == fast[a * f + b], sourceLocation: sourceLocation)
                        } else {
                            #expect(abs(exact[a * f + b] - fast[a * f + b]) <= 1e-12 * scale, sourceLocation: sourceLocation)
                        }
                    }
                }
            }
            let z = (0..<f).map { Double($0) * 0.3 - 0.4 }
            let mixed = objective.mixedDerivatives(w), product = objective.mixedDerivatives(w, times: z)
            for j in 0..<n {
                let want = (0..<f).reduce(0.0) { $0 + z[$1] * mixed[j * f + $1] }
                let rowScale = (0..<f).reduce(0.0) { $0 + abs(z[$1] * mixed[j * f + $1]) } + 1e-300
                #expect(abs(product[j] - want) <= 1e-12 * rowScale, "event \(j)", sourceLocation: sourceLocation)
            }
        }
    }

    @Test func logisticKernels() { Self.checkKernels(NewtonFoldInTests.lmf, LogisticFoldInObjective.self, bitForBit: true) }
    @Test func twoTowerKernels() { Self.checkKernels(NewtonFoldInTests.tower, TwoTowerFoldInObjective.self, bitForBit: true) }
    @Test func bprKernels() { Self.checkKernels(NewtonFoldInTests.bpr, BPRFoldInObjective.self, bitForBit: false) }

    @Test func bprPairScoresAndSigmasMatchTheFullOnes() {
        for user in [2, 9] {
            let objective = NewtonFoldInTests.newton(NewtonFoldInTests.bpr, user: user, as: BPRFoldInObjective.self).objective
            let w = (0..<objective.items.dimension).map { Double($0) * 0.2 - 0.3 }
            let full = objective.items.scores(w), pairs = objective.pairScores(w)
            for i in objective.history + objective.negatives { #expect(abs(full[i] - pairs[i]) <= 1e-12 * (1 + abs(full[i]))) }
            let exact = objective.pairs(full, mask: [Float](repeating: 0, count: objective.history.count), everyRow: true).sigma
            #expect(zip(exact, objective.pairSigmas(pairs)).allSatisfy { abs($0 - $1) <= 1e-12 })
        }
    }

    /// The line search's loss-only path is `pairs`' loss bit for bit, and `pairs` without
    /// `everyRow` leaves exactly the left-out events' rows 0 and keeps the others'.
    @Test func bprLossAloneAndSkippedRowsMatchTheFullPass() {
        for user in [2, 9] {
            let objective = NewtonFoldInTests.newton(NewtonFoldInTests.bpr, user: user, as: BPRFoldInObjective.self).objective
            let w = (0..<objective.items.dimension).map { Double($0) * 0.2 - 0.3 }
            let s = objective.items.scores(w), h = objective.history.count, n = objective.negatives.count
            let mask = (0..<h).map { Float($0 % 3 == 0 ? 0 : 1) }
            let every = objective.pairs(s, mask: mask, everyRow: true), kept = objective.pairs(s, mask: mask)
            #expect(objective.loss(s, mask: mask) == every.loss)
            #expect(kept.loss == every.loss)
            for k in 0..<h {
                let row = (k * n)..<((k + 1) * n)
                if mask[k] == 0 {
                    #expect(kept.sigma[row].allSatisfy { $0 == 0 })
                    #expect(every.sigma[row].contains { $0 != 0 })
                } else {
                    #expect(Array(kept.sigma[row]) == Array(every.sigma[row]))
                }
            }
        }
    }
}
