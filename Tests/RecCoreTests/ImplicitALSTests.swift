@testable import RecCore
import Testing

@Suite struct ImplicitALSTests {
    /// `users` × `items` with each pair present with probability `density`, ratings 1…5, time order = item order.
    static func randomTrain(users: Int, items: Int, density: Double, seed: UInt64) -> InteractionMatrix {
        var rng = SplitMix64(seed: seed)
        var interactions: [Interaction] = []
        for u in 0..<users {
            for i in 0..<items where rng.nextDouble() < density {
                interactions.append(Interaction(user: u, item: i, rating: Float(1 + rng.nextInt(below: 5)), timestamp: Int64(rng.nextInt(below: 1000))))
            }
        }
        return InteractionMatrix(userCount: users, itemCount: items, interactions: interactions)
    }

    static let small = randomTrain(users: 24, items: 18, density: 0.3, seed: 7)

    /// (YᵀY + Σ_{j ∈ history} (c_j − 1) y_j y_jᵀ + λI)⁻¹ Σ c_j y_j in Double, built densely.
    static func naiveFactor(_ y: Matrix, history: [(item: Int, c: Double)], regularization: Double) -> [Double] {
        let f = y.columns
        var a = [[Double]](repeating: [Double](repeating: 0, count: f), count: f), b = [Double](repeating: 0, count: f)
        for i in 0..<y.rows { for r in 0..<f { for s in 0..<f { a[r][s] += Double(y[i, r]) * Double(y[i, s]) } } }
        for r in 0..<f { a[r][r] += regularization }
        for (j, c) in history {
            for r in 0..<f {
                b[r] += c * Double(y[j, r])
                for s in 0..<f { a[r][s] += (c - 1) * Double(y[j, r]) * Double(y[j, s]) }
            }
        }
        return gaussianSolve(a, b)
    }

    /// Gaussian elimination with partial pivoting.
    static func gaussianSolve(_ a: [[Double]], _ b: [Double]) -> [Double] {
        var a = a, b = b
        let n = b.count
        for col in 0..<n {
            let pivot = (col..<n).max { abs(a[$0][col]) < abs(a[$1][col]) }!
            a.swapAt(col, pivot)
            b.swapAt(col, pivot)
            for row in (col + 1)..<n {
                let m = a[row][col] / a[col][col]
                for k in col..<n { a[row][k] -= m * a[col][k] }
                b[row] -= m * b[col]
            }
        }
        var x = [Double](repeating: 0, count: n)
        for row in stride(from: n - 1, through: 0, by: -1) {
            var s = b[row]
            for k in (row + 1)..<n { s -= a[row][k] * x[k] }
            x[row] = s / a[row][row]
        }
        return x
    }

    static func history(_ c: ConfidenceMatrix, row u: Int) -> [(item: Int, c: Double)] {
        (c.rowStart[u]..<c.rowStart[u + 1]).map { (Int(c.columns[$0]), Double(c.confidence[$0])) }
    }

    @Test func choleskyAndManyStepCGMatchDenseNormalEquations() {
        let c = ConfidenceMatrix(train: Self.small, alpha: 0.7, binary: false)
        var rng = SplitMix64(seed: 3)
        let y = Matrix(rows: 18, columns: 6, gaussianScale: 0.5, rng: &rng)
        let start = Matrix(rows: 24, columns: 6, gaussianScale: 0.5, rng: &rng)
        var cholesky = start, cg = start, none: [Double] = []
        ImplicitALS.updateRows(c, fixed: y, target: &cholesky, regularization: 0.1, solver: .cholesky, lossTerms: &none)
        ImplicitALS.updateRows(c, fixed: y, target: &cg, regularization: 0.1, solver: .conjugateGradient(steps: 40), lossTerms: &none)
        var worst = 0.0, worstCG = 0.0
        for u in 0..<24 {
            let reference = Self.naiveFactor(y, history: Self.history(c, row: u), regularization: 0.1)
            for d in 0..<6 {
                worst = max(worst, abs(Double(cholesky[u, d]) - reference[d]) / (1 + abs(reference[d])))
                worstCG = max(worstCG, abs(Double(cg[u, d]) - reference[d]) / (1 + abs(reference[d])))
            }
        }
        #expect(worst < 1e-4, "Cholesky off by \(worst)")
        #expect(worstCG < 1e-4, "CG off by \(worstCG)")
        // Three CG steps from a random start are only approximate, but closer than the start.
        var threeSteps = start
        ImplicitALS.updateRows(c, fixed: y, target: &threeSteps, regularization: 0.1, solver: .conjugateGradient(steps: 3), lossTerms: &none)
        let error = { (m: Matrix) in zip(m.values, cholesky.values).reduce(Float(0)) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) } }
        #expect(error(threeSteps) < 0.5 * error(start))
    }

    /// The C row kernel (`rec_als_cg_row`, F a multiple of 16) against the BLAS CG it replaces: the
    /// same iteration with sums in another order, so equal up to Float rounding, amplified a little by
    /// the steps' divisions: within 1e-4 · (1 + |x|) after 3 steps from a random start, and both at the
    /// exact solution after many steps.
    @Test(arguments: [16, 64])
    func cgRowKernelMatchesBLASRows(factors f: Int) {
        let train = Self.randomTrain(users: 40, items: 30, density: 0.3, seed: 11)
        let c = ConfidenceMatrix(train: train, alpha: 1.5, binary: false)
        var rng = SplitMix64(seed: 5)
        let y = Matrix(rows: 30, columns: f, gaussianScale: 0.3, rng: &rng)
        let start = Matrix(rows: 40, columns: f, gaussianScale: 0.3, rng: &rng)
        var none: [Double] = []
        for steps in [3, 60] {
            var kernel = start, blas = start
            ImplicitALS.updateRows(c, fixed: y, target: &kernel, regularization: 0.1, solver: .conjugateGradient(steps: steps), lossTerms: &none)
            ImplicitALS.updateRows(c, fixed: y, target: &blas, regularization: 0.1, solver: .conjugateGradient(steps: steps), lossTerms: &none, blasCG: true)
            #expect(kernel != start)
            let worst = zip(kernel.values, blas.values).map { abs($0 - $1) / (1 + abs($1)) }.max()!
            #expect(worst < 1e-4, "\(steps) steps: kernel and BLAS CG differ by \(worst)")
        }
        var exact = start
        ImplicitALS.updateRows(c, fixed: y, target: &exact, regularization: 0.1, solver: .cholesky, lossTerms: &none)
        var many = start
        ImplicitALS.updateRows(c, fixed: y, target: &many, regularization: 0.1, solver: .conjugateGradient(steps: 60), lossTerms: &none)
        #expect(zip(many.values, exact.values).map { abs($0 - $1) / (1 + abs($1)) }.max()! < 1e-3)
    }

    @Test func lossMatchesDirectComputationAndDecreases() {
        let configuration = ImplicitALS.Configuration(factors: 5, regularization: 0.05, alpha: 2, iterations: 8, solver: .cholesky)
        let model = ImplicitALS(train: Self.small, configuration: configuration)
        let loss = model.curves[0].values
        #expect(loss.count == 8)
        // Exact alternating minimisation never increases the objective.
        for k in 1..<loss.count { #expect(loss[k] <= loss[k - 1] * (1 + 1e-5), "loss rose at iteration \(k + 1): \(loss)") }
        #expect(loss.last! < 0.9 * loss.first!)
        // Σ_{u,i} c(p − x·y)² + λ(‖X‖² + ‖Y‖²) over all pairs, divided by Σ c.
        let c = model.confidence
        var total = 0.0, weight = 0.0
        for u in 0..<24 {
            let h = Dictionary(uniqueKeysWithValues: Self.history(c, row: u))
            for i in 0..<18 {
                let cc = h[i] ?? 1, p = h[i] == nil ? 0.0 : 1.0
                var s = 0.0
                for d in 0..<5 { s += Double(model.userFactors[u, d]) * Double(model.itemFactors[i, d]) }
                total += cc * (p - s) * (p - s)
                weight += cc
            }
        }
        total += 0.05 * (model.userFactors.values + model.itemFactors.values).reduce(0.0) { $0 + Double($1) * Double($1) }
        #expect(abs(total / weight - loss.last!) < 1e-5 * (total / weight))
        let cg = ImplicitALS(train: Self.small, configuration: .init(factors: 5, regularization: 0.05, alpha: 2, iterations: 8)).curves[0].values
        #expect(cg.last! < 0.9 * cg.first!)
    }

    @Test func contributionsSumToTheExactlySolvedScore() {
        let model = ImplicitALS(train: Self.small, configuration: .init(factors: 6, regularization: 0.1, alpha: 3, iterations: 6, binary: false))
        var pairs = 0
        for u in 0..<24 where Self.small.rowCount(ofUser: u) > 0 {
            let explanation = model.explanation(ofUser: u)
            let reference = Self.naiveFactor(model.itemFactors, history: Self.history(model.confidence, row: u), regularization: 0.1)
            for d in 0..<6 { #expect(abs(Double(explanation.userFactor[d]) - reference[d]) < 1e-4 * (1 + abs(reference[d]))) }
            for item in 0..<18 {
                let contributions = explanation.contributions(toItem: item)
                #expect(contributions.count == Self.small.rowCount(ofUser: u))
                let score = explanation.score(ofItem: item)
                #expect(abs(contributions.reduce(0, +) - score) < 1e-4 * (1 + abs(score)))
                #expect(model.contributions(ofUser: u, toItem: item) == contributions)
                pairs += 1
            }
        }
        #expect(pairs > 300)
    }

    /// Shapley values of the history items against the empty history, by enumerating coalitions:
    /// v(S) = yᵢ·x(S) with x(S) re-solved exactly on history S.
    static func shapley(_ model: ImplicitALS, user: Int, item: Int) -> [Double] {
        let history = Self.history(model.confidence, row: user), n = history.count
        var values = [Double](repeating: 0, count: 1 << n)
        for mask in 0..<(1 << n) {
            let x = naiveFactor(model.itemFactors, history: (0..<n).filter { mask & (1 << $0) != 0 }.map { history[$0] },
                                regularization: Double(model.configuration.regularization))
            values[mask] = (0..<x.count).reduce(0.0) { $0 + x[$1] * Double(model.itemFactors[item, $1]) }
        }
        var factorial = [1.0]
        for k in 1...n { factorial.append(factorial[k - 1] * Double(k)) }
        return (0..<n).map { j in
            (0..<(1 << n)).filter { $0 & (1 << j) == 0 }.reduce(0.0) { sum, mask in
                let size = mask.nonzeroBitCount
                return sum + factorial[size] * factorial[n - size - 1] / factorial[n] * (values[mask | (1 << j)] - values[mask])
            }
        }
    }

    /// PLATFORM.md: implicit's explain equals the Shapley values at its alpha = 1 on binary data.
    /// implicit's confidence is c = α·r, so that is c = 1 (RecLens alpha = 0): Wᵤ does not depend on
    /// the history, xᵤ is linear in it, and the contributions are the Shapley values. With c = 1 + α·r,
    /// α > 0 (RecLens's default α = 1), Wᵤ depends on the history: both still sum to the score, but differ.
    @Test func contributionsAreShapleyValuesExactlyWhenConfidenceIsOne() {
        let train = Self.randomTrain(users: 12, items: 10, density: 0.45, seed: 11)
        let user = (0..<12).first { train.rowCount(ofUser: $0) >= 5 && train.rowCount(ofUser: $0) <= 7 }!
        for alpha: Float in [0, 1] {
            let model = ImplicitALS(train: train, configuration: .init(factors: 4, regularization: 0.1, alpha: alpha, iterations: 5, solver: .cholesky))
            let explanation = model.explanation(ofUser: user)
            var largestGap = 0.0
            for item in 0..<10 {
                let exact = Self.shapley(model, user: user, item: item), ours = explanation.itemContributions(toItem: item)
                let score = Double(explanation.score(ofItem: item))
                #expect(abs(exact.reduce(0, +) - score) < 1e-4 * (1 + abs(score)))
                for j in 0..<exact.count { largestGap = max(largestGap, abs(exact[j] - Double(ours[j]))) }
            }
            if alpha == 0 {
                #expect(largestGap < 1e-4, "alpha 0: contributions differ from Shapley values by \(largestGap)")
            } else {
                #expect(largestGap > 1e-3, "alpha 1: expected contributions to differ from Shapley values, gap \(largestGap)")
            }
        }
    }

    @Test func sameSeedGivesBitIdenticalFactors() {
        let train = Self.randomTrain(users: 300, items: 120, density: 0.1, seed: 5)
        for solver in [ImplicitALS.Solver.cholesky, .conjugateGradient(steps: 3)] {
            let configuration = ImplicitALS.Configuration(factors: 16, iterations: 4, solver: solver)
            let a = ImplicitALS(train: train, configuration: configuration), b = ImplicitALS(train: train, configuration: configuration)
            #expect(a.userFactors == b.userFactors && a.itemFactors == b.itemFactors && a.curves == b.curves)
            var other = configuration
            other.seed = 43
            #expect(ImplicitALS(train: train, configuration: other).itemFactors != a.itemFactors)
        }
    }

    /// Three groups of 10 users, each liking its own block of 8 items; every user misses one item
    /// of the block (a different one per user). That item must be the user's top recommendation.
    @Test func heldOutItemOfTheUsersBlockRanksFirst() {
        var interactions: [Interaction] = []
        for u in 0..<30 {
            let block = u / 10
            for k in 0..<8 where k != u % 8 { interactions.append(Interaction(user: u, item: block * 8 + k, rating: 1, timestamp: Int64(k))) }
        }
        let train = InteractionMatrix(userCount: 30, itemCount: 24, interactions: interactions)
        for solver in [ImplicitALS.Solver.cholesky, .conjugateGradient(steps: 3)] {
            let model = ImplicitALS(train: train, configuration: .init(factors: 3, regularization: 0.1, iterations: 15, solver: solver))
            var buffer: [Float] = []
            let hits = (0..<30).count { u in
                model.topK(forUser: u, k: 1, excluding: train.items[train.range(ofUser: u)], buffer: &buffer).first?.item == (u / 10) * 8 + u % 8
            }
            #expect(hits == 30, "\(solver): \(hits) of 30 users get their held-out item first")
        }
    }

    @Test func attributionIsAdditiveAndCreditsTheMostRecentRepeat() {
        // User 0 sees item 1 twice: the earlier event gets 0, the later one the item's contribution.
        let train = InteractionMatrix(userCount: 3, itemCount: 4, interactions: [
            Interaction(user: 0, item: 1, rating: 1, timestamp: 1), Interaction(user: 0, item: 0, rating: 1, timestamp: 2),
            Interaction(user: 0, item: 1, rating: 1, timestamp: 3), Interaction(user: 1, item: 0, rating: 1, timestamp: 1),
            Interaction(user: 1, item: 2, rating: 1, timestamp: 2), Interaction(user: 2, item: 1, rating: 1, timestamp: 1),
            Interaction(user: 2, item: 3, rating: 1, timestamp: 2),
        ])
        let model = ImplicitALS(train: train, configuration: .init(factors: 3, regularization: 0.1, iterations: 5))
        let contributions = model.contributions(ofUser: 0, toItem: 2)
        #expect(contributions.count == 3 && contributions[0] == 0 && contributions[2] != 0)
        let context = ExplanationContext(train: train, itemIDs: ["a", "b", "c", "d"], titles: ["A", "B", "C", "D"], seed: 1)
        let a = ExactExplainer().explain(ExplanationRequest(model: model, user: 0, targets: [2, 3], context: context))!.attribution
        #expect(a.explainer == "exact" && a.level == "event" && a.targets == ["c", "d"] && a.baseline == [0, 0])
        #expect(a.players.map(\.position) == [-2, -1] && a.players.map(\.historyItem) == ["a", "b"])
        let dense = a.dense()
        for t in 0..<2 {
            #expect(abs(dense.reduce(Float(0)) { $0 + $1[t] } - a.output[t]) < 1e-5)
            #expect(a.output[t] == model.explainedScore(user: 0, item: [2, 3][t]))
        }
    }

    @Test func scoresAreDotProductsOfTheStoredFactors() {
        let model = ImplicitALS(train: Self.small, configuration: .init(factors: 4, iterations: 2, recordLoss: false))
        #expect(model.curves.isEmpty && model.itemVectors == model.itemFactors && model.name == "als")
        var scores = [Float](repeating: 0, count: 18)
        model.scores(forUser: 3, into: &scores)
        for i in 0..<18 { #expect(abs(scores[i] - model.userFactors.dot(row: 3, with: model.itemFactors, row: i)) < 1e-6) }
    }
}
