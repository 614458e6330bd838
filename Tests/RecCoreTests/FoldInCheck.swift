@testable import RecCore
import Testing

/// Shared data and checks of the fold-in tests: a small random training matrix with repeats,
/// a Double Cholesky solve of normal equations, finite-difference and batch checks that every
/// `MaskDifferentiableScorer` must pass.
enum FoldInCheck {
    /// `users` × `items`, each pair present with probability `density` (ratings 1…5, random
    /// times); about 10 % of the present pairs get a second, later event with another rating.
    static func train(users: Int = 20, items: Int = 30, density: Double = 0.3, seed: UInt64 = 11) -> InteractionMatrix {
        var rng = SplitMix64(seed: seed)
        var interactions: [Interaction] = []
        for u in 0..<users {
            for i in 0..<items where rng.nextDouble() < density {
                let t = Int64(rng.nextInt(below: 1000))
                interactions.append(Interaction(user: u, item: i, rating: Float(1 + rng.nextInt(below: 5)), timestamp: t))
                if rng.nextDouble() < 0.1 {
                    interactions.append(Interaction(user: u, item: i, rating: Float(1 + rng.nextInt(below: 5)), timestamp: t + 1000))
                }
            }
        }
        return InteractionMatrix(userCount: users, itemCount: items, interactions: interactions)
    }

    static let small = train()

    /// Solves A x = b (n × n row-major, symmetric positive definite) by a plain Cholesky in Double.
    static func solve(_ a: [Double], _ b: [Double]) -> [Double] {
        let n = b.count
        var l = [Double](repeating: 0, count: n * n)
        for i in 0..<n {
            for j in 0...i {
                var s = a[i * n + j]
                for k in 0..<j { s -= l[i * n + k] * l[j * n + k] }
                l[i * n + j] = i == j ? s.squareRoot() : s / l[j * n + j]
            }
        }
        var y = b
        for i in 0..<n {
            for k in 0..<i { y[i] -= l[i * n + k] * y[k] }
            y[i] /= l[i * n + i]
        }
        for i in stride(from: n - 1, through: 0, by: -1) {
            for k in (i + 1)..<n { y[i] -= l[k * n + i] * y[k] }
            y[i] /= l[i * n + i]
        }
        return y
    }

    /// A fractional mask 0.3 … 0.9 (deterministic).
    static func fractionalMask(_ n: Int) -> [Float] { (0..<n).map { 0.3 + 0.6 * Float(($0 * 7) % 11) / 10 } }

    /// Largest |analytic − central difference| of ∂s_target/∂m over all events, relative to
    /// max(largest |analytic|, `floor`). Step h on each weight in turn.
    static func gradientError(_ scorer: any MaskDifferentiableScorer, target: Int, mask: [Float], h: Float = 1e-2,
                              floor: Float = 1e-3) -> Float {
        let (_, gradient) = scorer.scoreAndGradient(mask: mask, target: target)
        var worst: Float = 0
        for j in mask.indices {
            var plus = mask, minus = mask
            plus[j] += h
            minus[j] -= h
            let s = scorer.scores(masks: plus + minus, count: 2, targets: [target])
            worst = max(worst, abs((s[0] - s[1]) / (2 * h) - gradient[j]))
        }
        return worst / max(gradient.map(abs).max() ?? 0, floor)
    }

    /// Checks `scoreAndGradient`'s score against `scores(mask:)`, the gradient against central
    /// differences (relative error ≤ `tolerance`) for a few targets, and the batch against
    /// per-mask scores.
    static func checkScorer(_ scorer: any HistoryScorer, tolerance: Float = 2e-2, sourceLocation: SourceLocation = #_sourceLocation) {
        guard let scorer = scorer as? any MaskDifferentiableScorer else {
            Issue.record("scorer is not mask-differentiable", sourceLocation: sourceLocation)
            return
        }
        let n = scorer.events.count
        let mask = fractionalMask(n)
        var all = [Float](repeating: 0, count: scorer.itemCount)
        scorer.scores(mask: mask, into: &all)
        let targets = [0, scorer.itemCount / 2, scorer.itemCount - 1].filter { all[$0].isFinite }
        for target in targets {
            let (score, _) = scorer.scoreAndGradient(mask: mask, target: target)
            #expect(abs(score - all[target]) <= 1e-5 * max(1, abs(score)), "score of \(target)", sourceLocation: sourceLocation)
            let error = gradientError(scorer, target: target, mask: mask)
            #expect(error <= tolerance, "gradient of \(target): relative error \(error)", sourceLocation: sourceLocation)
        }
        // Batch = per mask, for the full, the fractional and a one-removed mask.
        var removed = scorer.fullMask
        if n > 0 { removed[n / 2] = 0 }
        let masks = [scorer.fullMask, mask, removed]
        let batch = scorer.scores(masks: masks.flatMap { $0 }, count: 3, targets: Array(0..<scorer.itemCount))
        for (c, m) in masks.enumerated() {
            scorer.scores(mask: m, into: &all)
            for i in 0..<scorer.itemCount {
                let b = batch[c * scorer.itemCount + i]
                #expect(b == all[i] || abs(b - all[i]) <= 1e-5 * max(1, abs(all[i])), "batch \(c) item \(i)", sourceLocation: sourceLocation)
            }
        }
    }

    /// Same mask twice ⇒ bit-identical scores; removing the most recent event changes them.
    static func checkDeterministicAndSensitive(_ scorer: any HistoryScorer, sourceLocation: SourceLocation = #_sourceLocation) {
        let mask = fractionalMask(scorer.events.count)
        var a = [Float](repeating: 0, count: scorer.itemCount), b = a
        scorer.scores(mask: mask, into: &a)
        scorer.scores(mask: mask, into: &b)
        #expect(a == b, sourceLocation: sourceLocation)
        var removed = scorer.fullMask
        removed[removed.count - 1] = 0
        scorer.scores(mask: removed, into: &b)
        #expect(a != b, sourceLocation: sourceLocation)
        #expect(scorer.fullScores() != b, sourceLocation: sourceLocation)
    }
}
