@testable import RecCore
import Foundation
import Testing

/// The closed-form fold-ins (ALS, imported factors, MF/PMF), the players and the agreement measure.
@Suite struct FoldInTests {
    static let train = FoldInCheck.small

    @Test func playersAreDistinctItemsAtTheirMostRecentEventOldestFirst() {
        for user in 0..<Self.train.userCount {
            let history = FoldInHistory(train: Self.train, user: user)
            let row = Self.train.row(user)
            var expected: [(item: Int, position: Int, rating: Float)] = []
            for (k, event) in row.enumerated() where !row[(k + 1)...].contains(where: { $0.item == event.item }) {
                expected.append((event.item, k - row.count, event.rating))
            }
            #expect(history.events.map(\.item) == expected.map { $0.item })
            #expect(history.events.map(\.position) == expected.map { $0.position })
            #expect(history.events.map(\.rating) == expected.map { $0.rating })
            #expect(history.counts == expected.map { e in row.filter { $0.item == e.item }.count })
            #expect(history.eventCount == row.count)
        }
        #expect(Self.train.count > (0..<Self.train.userCount).reduce(0) { $0 + FoldInHistory(train: Self.train, user: $1).events.count },
                "the data have repeated items")
    }

    // MARK: ALS

    static let als = ImplicitALS(train: Self.train, configuration: .init(factors: 4, regularization: 0.1, alpha: 2, iterations: 6,
                                                                    solver: .cholesky, binary: false, recordLoss: false))

    /// (YᵀY + λI + Σ mⱼ(cⱼ − 1)yⱼyⱼᵀ)⁻¹ Σ mⱼcⱼyⱼ · yᵢ + oᵢ in Double, cⱼ = 1 + α·(summed ratings).
    static func implicitFoldIn(y: Matrix, events: [(item: Int, c: Double, m: Double)], lambda: Double, offsets: [Float]?) -> [Double] {
        let f = y.columns
        var a = [Double](repeating: 0, count: f * f), b = [Double](repeating: 0, count: f)
        for i in 0..<y.rows { for r in 0..<f { for s in 0..<f { a[r * f + s] += Double(y[i, r]) * Double(y[i, s]) } } }
        for r in 0..<f { a[r * f + r] += lambda }
        for e in events {
            for r in 0..<f {
                b[r] += e.m * e.c * Double(y[e.item, r])
                for s in 0..<f { a[r * f + s] += e.m * (e.c - 1) * Double(y[e.item, r]) * Double(y[e.item, s]) }
            }
        }
        let p = FoldInCheck.solve(a, b)
        return (0..<y.rows).map { i in (0..<f).reduce(Double(offsets?[i] ?? 0)) { $0 + p[$1] * Double(y[i, $1]) } }
    }

    @Test func alsFullHistoryEqualsTheExplainedSolveAndTheNormalEquations() {
        let model = Self.als
        for user in [0, 7, 13] {
            let scorer = model.historyScorer(forUser: user)
            let history = FoldInHistory(train: Self.train, user: user)
            let explanation = model.explanation(ofUser: user)
            let full = scorer.fullScores()
            for i in 0..<model.itemCount {
                #expect(abs(full[i] - explanation.score(ofItem: i)) <= 1e-4 * max(1, abs(full[i])))
            }
            for mask in [scorer.fullMask, FoldInCheck.fractionalMask(history.events.count)] {
                let events = history.events.indices.map { j in
                    (item: history.events[j].item, c: 1 + 2 * Double(history.ratingSums[j]), m: Double(mask[j]))
                }
                let want = Self.implicitFoldIn(y: model.itemFactors, events: events, lambda: 0.1, offsets: nil)
                var got = [Float](repeating: 0, count: model.itemCount)
                scorer.scores(mask: mask, into: &got)
                for i in 0..<model.itemCount { #expect(abs(Double(got[i]) - want[i]) <= 1e-4 * max(1, abs(want[i]))) }
            }
        }
    }

    @Test func alsScorerPassesTheScorerChecks() {
        for user in [0, 7] {
            FoldInCheck.checkScorer(Self.als.historyScorer(forUser: user))
            FoldInCheck.checkDeterministicAndSensitive(Self.als.historyScorer(forUser: user))
        }
    }

    /// Batches of ≥ 8 masks of a history shorter than the factor count go through the Woodbury
    /// form; they must equal the per-mask solves (binary, fractional and empty masks).
    @Test func woodburyBatchesEqualPerMaskSolves() {
        let wide = ImplicitALS(train: Self.train, configuration: .init(factors: 12, regularization: 0.1, alpha: 2, iterations: 4, recordLoss: false))
        var rng = SplitMix64(seed: 9)
        var checked = 0
        for user in 0..<Self.train.userCount {
            let scorer = wide.historyScorer(forUser: user)
            let n = scorer.events.count
            guard n >= 2, n < 12 else { continue }
            var masks: [Float] = []
            for c in 0..<10 { masks += (0..<n).map { _ in c == 0 ? 0 : (c % 3 == 0 ? Float(rng.nextDouble()) : Float(rng.nextInt(below: 2))) } }
            let targets = Array(0..<scorer.itemCount)
            let batch = scorer.scores(masks: masks, count: 10, targets: targets)
            var single = [Float](repeating: 0, count: scorer.itemCount)
            for c in 0..<10 {
                scorer.scores(mask: Array(masks[(c * n)..<((c + 1) * n)]), into: &single)
                for t in targets { #expect(abs(batch[c * targets.count + t] - single[t]) <= 1e-5 * max(1, abs(single[t])), "user \(user) mask \(c) item \(t)") }
            }
            checked += 1
        }
        #expect(checked >= 3)
    }

    // MARK: Imported factors

    static func imported() throws -> ImportedFactorModel {
        var rng = SplitMix64(seed: 5)
        let f = 3, users = Self.train.userCount, items = Self.train.itemCount
        let userFactors = Matrix(rows: users, columns: f, gaussianScale: 0.5, rng: &rng)
        // Item 4 has no row in the file.
        let itemRows = (0..<items).filter { $0 != 4 }
        let itemFactors = Matrix(rows: itemRows.count, columns: f, gaussianScale: 0.5, rng: &rng)
        let archive = NumPyArchive(name: "test.npz", arrays: [
            "user_factors": NumPyArray(userFactors), "item_factors": NumPyArray(itemFactors),
            "user_ids": NumPyArray(shape: [users], values: .int(Array(0..<users))),
            "item_ids": NumPyArray(shape: [itemRows.count], values: .int(itemRows)),
            "item_bias": NumPyArray(shape: [itemRows.count], values: .float32(itemRows.map { Float($0 % 5) * 0.1 - 0.2 })),
        ])
        var model = try ImportedFactorModel(archive: archive, userIDs: (0..<users).map(String.init), itemIDs: (0..<items).map(String.init), kind: "als")
        model.train = Self.train
        model.foldInLambda = 0.5
        model.foldInAlpha = 3
        return model
    }

    @Test func importedFoldInMatchesTheFormula() throws {
        let model = try Self.imported()
        for user in [1, 9] {
            let scorer = model.historyScorer(forUser: user)
            let history = FoldInHistory(train: Self.train, user: user)
            for mask in [scorer.fullMask, FoldInCheck.fractionalMask(history.events.count), [Float](repeating: 0, count: history.events.count)] {
                let events = history.events.indices.map { (item: history.events[$0].item, c: 4.0, m: Double(mask[$0])) }
                let want = Self.implicitFoldIn(y: model.itemVectors, events: events, lambda: 0.5, offsets: model.itemBias)
                var got = [Float](repeating: 0, count: model.itemCount)
                scorer.scores(mask: mask, into: &got)
                for i in 0..<model.itemCount {
                    if i == 4 { #expect(got[i] == -.infinity) } else { #expect(abs(Double(got[i]) - want[i]) <= 1e-5 * max(1, abs(want[i]))) }
                }
                if mask.allSatisfy({ $0 == 0 }) {
                    for i in 0..<model.itemCount where i != 4 { #expect(abs(got[i] - model.itemBias[i]) <= 1e-6) }
                }
            }
            FoldInCheck.checkScorer(scorer)
            FoldInCheck.checkDeterministicAndSensitive(scorer)
        }
        var withoutTrain = model
        withoutTrain.train = nil
        let empty = withoutTrain.historyScorer(forUser: 1)
        #expect(empty.events.isEmpty)
        #expect(empty.fullScores()[0] == model.itemBias[0])
    }

    // MARK: MF / PMF

    static func mf(_ regularization: MatrixFactorization.Regularization) -> MatrixFactorization {
        MatrixFactorization(train: Self.train, configuration: .init(factors: 3, epochs: 4, learningRate: 0.01, batchSize: 16,
                                                               regularization: regularization))
    }

    /// The ridge normal equations of the MF fold-in, written out in Double: [p; bᵤ] from
    /// (diag(λ, …, λ, β) + Σ mⱼnⱼx̃ⱼx̃ⱼᵀ) w = Σ mⱼnⱼtⱼx̃ⱼ, then μ + s(bᵢ + w·x̃ᵢ) for every item.
    static func ridgeFoldIn(_ model: MatrixFactorization, user: Int, mask: [Float], lambda: Double, beta: Double) -> [Double] {
        let d = model.parameters.factors, f = d + 1, p = model.parameters
        let mu = Double(model.globalMean), s = Double(model.configuration.ratingScale)
        func x(_ i: Int) -> [Double] { (0..<d).map { Double(p.itemFactors[i * d + $0]) } + [1] }
        var a = [Double](repeating: 0, count: f * f), b = [Double](repeating: 0, count: f)
        for k in 0..<d { a[k * f + k] = lambda }
        a[d * f + d] = beta
        let row = Self.train.row(user)
        let items = FoldInHistory(train: Self.train, user: user).items
        for (j, item) in items.enumerated() {
            let ratings = row.filter { $0.item == item }.map { Double($0.rating) }
            let n = Double(ratings.count), t = (ratings.reduce(0, +) / n - mu) / s - Double(p.itemBias[item])
            let xj = x(item), weight = Double(mask[j]) * n
            for r in 0..<f {
                b[r] += weight * t * xj[r]
                for c in 0..<f { a[r * f + c] += weight * xj[r] * xj[c] }
            }
        }
        let w = FoldInCheck.solve(a, b)
        return (0..<model.itemCount).map { i in mu + s * (Double(p.itemBias[i]) + zip(w, x(i)).reduce(0) { $0 + $1.0 * $1.1 }) }
    }

    @Test(arguments: [MatrixFactorization.Regularization.none, .fixed(lambda: 0.1), .adaptive()])
    func mfFoldInSolvesTheRidgeNormalEquations(regularization: MatrixFactorization.Regularization) {
        let model = Self.mf(regularization)
        for user in [2, 11] {
            let n = Self.train.rowCount(ofUser: user)
            let (lambda, beta) = model.foldInPrior(events: n)
            switch regularization {
            case .none: #expect(lambda == 1e-3 && beta == 1e-3)
            case .fixed: #expect(abs(lambda - 0.1 * Double(n)) < 1e-6 && abs(beta - 0.05 * Double(n)) < 1e-6)
            default:
                let curve = model.curves.first { $0.name == "λ_p" }!.values
                let kept = model.selectedEpoch ?? curve.count
                #expect(lambda == (kept >= 2 ? curve[kept - 2] : 0.03) * Double(n))
            }
            let scorer = model.historyScorer(forUser: user)
            let events = scorer.events.count
            for mask in [scorer.fullMask, FoldInCheck.fractionalMask(events), [Float](repeating: 0, count: events)] {
                let want = Self.ridgeFoldIn(model, user: user, mask: mask, lambda: lambda, beta: beta)
                var got = [Float](repeating: 0, count: model.itemCount)
                scorer.scores(mask: mask, into: &got)
                for i in 0..<model.itemCount { #expect(abs(Double(got[i]) - want[i]) <= 1e-4 * max(1, abs(want[i]))) }
                if mask.allSatisfy({ $0 == 0 }) {
                    for i in 0..<model.itemCount {
                        let base = model.globalMean + model.configuration.ratingScale * model.parameters.itemBias[i]
                        #expect(abs(got[i] - base) <= 1e-5 * max(1, abs(base)))
                    }
                }
            }
            FoldInCheck.checkScorer(scorer)
            FoldInCheck.checkDeterministicAndSensitive(scorer)
        }
    }

    // MARK: Agreement

    @Test func spearmanUsesAverageRanksForTies() {
        #expect(FoldInAgreement.averageRanks([3, 1, 3, 2]) == [3.5, 1, 3.5, 2])
        #expect(FoldInAgreement.spearmanCorrelation([1, 2, 2, 3], [10, 20, 20, 30]) == 1)
        #expect(abs(FoldInAgreement.spearmanCorrelation([1, 2, 3, 4], [4, 3, 2, 1])! + 1) < 1e-12)
        #expect(FoldInAgreement.spearmanCorrelation([1, 1, 1], [1, 2, 3]) == nil)
        // Non-finite entries are dropped: only items 0, 1, 3 count.
        #expect(FoldInAgreement.spearmanCorrelation([1, 2, -.infinity, 3], [1, 2, 0, 3]) == 1)
    }

    @Test func alsFoldInAgreesWithTheTrainedModel() throws {
        let model = ImplicitALS(train: Self.train, configuration: .init(factors: 4, regularization: 0.1, iterations: 25,
                                                                        solver: .cholesky, recordLoss: false))
        let agreement = FoldInAgreement.measure(model: model, users: Array(0..<Self.train.userCount), train: Self.train, k: 5)
        #expect(agreement.users == Self.train.userCount && agreement.k == 5)
        #expect(agreement.meanTopKOverlap > 0.9, "\(agreement)")
        #expect(agreement.meanSpearman > 0.98, "\(agreement)")
        let decoded = try JSONDecoder().decode(FoldInAgreement.self, from: JSONEncoder().encode(agreement))
        #expect(decoded == agreement)
    }
}
