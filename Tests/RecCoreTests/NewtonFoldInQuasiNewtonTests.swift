@testable import RecCore
import Testing

/// The quasi-Newton path of the Newton fold-ins: same optimum as full Newton, batch = single mask
/// bit for bit, the cheap gradient and the curvature model against the exact derivatives.
@Suite struct NewtonFoldInQuasiNewtonTests {
    /// Full, fractional, empty, one-removed and two pseudo-random binary masks.
    static func masks(_ n: Int) -> [[Float]] {
        var removed = [Float](repeating: 1, count: n)
        if n > 0 { removed[n - 1] = 0 }
        return [[Float](repeating: 1, count: n), FoldInCheck.fractionalMask(n), [Float](repeating: 0, count: n), removed,
                (0..<n).map { Float(($0 * 7 + 3) % 5 < 2 ? 0 : 1) }, (0..<n).map { Float(($0 * 3 + 1) % 4 == 0 ? 1 : 0) }]
    }

    static func check<O: FoldInObjective>(_ model: any HistoryConditionedRecommender, _ type: O.Type, exactCurvature: Bool,
                                          sourceLocation: SourceLocation = #_sourceLocation) {
        for user in [2, 9, 15] {
            let scorer = NewtonFoldInTests.newton(model, user: user, as: type)
            let objective = scorer.objective, f = scorer.start.count
            let masks = Self.masks(scorer.events.count)
            // Same optimum as damped Newton: scores within 1e-6 relative.
            for mask in masks {
                let fast = objective.items.scores(scorer.optimum(mask: mask).w)
                let newton = objective.items.scores(NewtonFoldInScorer<O>.minimise(objective, from: scorer.start, mask: mask).w)
                let worst = zip(fast, newton).map { abs($0 - $1) / max(1, abs($1)) }.max() ?? 0
                #expect(worst <= 1e-6, "user \(user): scores differ from full Newton by \(worst)", sourceLocation: sourceLocation)
            }
            // Batch = one mask at a time, bit for bit, all items.
            let all = Array(0..<scorer.itemCount)
            let batch = scorer.scores(masks: masks.flatMap { $0 }, count: masks.count, targets: all)
            var single = [Float](repeating: 0, count: scorer.itemCount)
            for (c, mask) in masks.enumerated() {
                scorer.scores(mask: mask, into: &single)
                #expect(Array(batch[(c * all.count)..<((c + 1) * all.count)]) == single, "user \(user) mask \(c)", sourceLocation: sourceLocation)
            }
            // The cheap gradient against the exact one; the curvature model against the Hessian.
            let w = scorer.start.map { $0 * 0.8 + 0.02 }
            for mask in masks {
                let exact = objective.derivatives(w, mask: mask).gradient, cheap = objective.gradient(w, mask: mask)
                let scale = exact.map(abs).max()! + 1
                #expect(zip(exact, cheap).allSatisfy { abs($0 - $1) <= 1e-10 * scale }, sourceLocation: sourceLocation)
                guard exactCurvature || mask.allSatisfy({ $0 == 1 }) else { continue }
                let hessian = objective.derivatives(scorer.start, mask: mask).hessian, model = scorer.curvature.matrix(mask: mask)
                let hScale = hessian.map(abs).max()!
                for a in 0..<f {
                    for b in 0...a {
                        #expect(abs(hessian[a * f + b] - model[a * f + b]) <= 1e-9 * hScale, "P(m)[\(a)][\(b)]", sourceLocation: sourceLocation)
                    }
                }
            }
        }
    }

    @Test func logistic() { Self.check(NewtonFoldInTests.lmf, LogisticFoldInObjective.self, exactCurvature: true) }
    @Test func bpr() { Self.check(NewtonFoldInTests.bpr, BPRFoldInObjective.self, exactCurvature: false) }
    @Test func twoTower() { Self.check(NewtonFoldInTests.tower, TwoTowerFoldInObjective.self, exactCurvature: true) }
}
