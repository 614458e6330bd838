import Foundation
@testable import RecCore
import Testing

/// The Newton fold-ins (logistic MF, BPR-MF, two-tower) and the hybrid.
@Suite struct NewtonFoldInTests {
    static let train = FoldInCheck.small
    static let lmf = LogisticMF(train: train, configuration: .init(factors: 3, iterations: 8, alpha: 5, regularization: 0.5))
    static let bpr = BPRMF(train: train, configuration: .init(factors: 3, epochs: 4, batchSize: 16, regularization: 0.01))
    static let tower = TwoTower(train: train, configuration: .init(dimension: 3, negatives: 4, epochs: 3, batchSize: 32))
    static let pmf = MatrixFactorization(train: train, configuration: .init(factors: 3, epochs: 4, learningRate: 0.01, batchSize: 16))

    static func newton<O: FoldInObjective>(_ model: any HistoryConditionedRecommender, user: Int, as: O.Type) -> NewtonFoldInScorer<O> {
        model.historyScorer(forUser: user) as! NewtonFoldInScorer<O>
    }

    /// The objective's gradient, Hessian and mixed derivatives against central differences (Double).
    static func checkDerivatives<O: FoldInObjective>(_ objective: O, at w: [Double], mask: [Float],
                                                     sourceLocation: SourceLocation = #_sourceLocation) {
        let f = w.count, h = 1e-5
        let (_, gradient, hessian) = objective.derivatives(w, mask: mask)
        var worstGradient = 0.0, worstHessian = 0.0
        for d in 0..<f {
            var plus = w, minus = w
            plus[d] += h
            minus[d] -= h
            let numeric = (objective.value(plus, mask: mask) - objective.value(minus, mask: mask)) / (2 * h)
            worstGradient = max(worstGradient, abs(numeric - gradient[d]) / max(1, abs(gradient[d])))
            let gPlus = objective.derivatives(plus, mask: mask).gradient, gMinus = objective.derivatives(minus, mask: mask).gradient
            for e in 0...d {  // lower triangle: H[d][e] = ∂g_d/∂w_e = ∂g_e/∂w_d
                let numericH = (gPlus[e] - gMinus[e]) / (2 * h)
                worstHessian = max(worstHessian, abs(numericH - hessian[d * f + e]) / max(1, abs(hessian[d * f + e])))
            }
        }
        #expect(worstGradient < 1e-5, "gradient error \(worstGradient)", sourceLocation: sourceLocation)
        #expect(worstHessian < 1e-5, "Hessian error \(worstHessian)", sourceLocation: sourceLocation)
        let mixed = objective.mixedDerivatives(w)
        var worstMixed = 0.0
        for j in mask.indices {
            var plus = mask, minus = mask
            plus[j] += 1e-2
            minus[j] -= 1e-2
            let gPlus = objective.derivatives(w, mask: plus).gradient, gMinus = objective.derivatives(w, mask: minus).gradient
            for d in 0..<f {
                let numeric = (gPlus[d] - gMinus[d]) / (Double(plus[j]) - Double(minus[j]))
                worstMixed = max(worstMixed, abs(numeric - mixed[j * f + d]) / max(1, abs(mixed[j * f + d])))
            }
        }
        #expect(worstMixed < 1e-6, "mixed-derivative error \(worstMixed)", sourceLocation: sourceLocation)
    }

    /// Converged: ∇_w L ≈ 0 at the returned optimum, by the quasi-Newton path within its step cap.
    static func checkConverged<O: FoldInObjective>(_ scorer: NewtonFoldInScorer<O>, sourceLocation: SourceLocation = #_sourceLocation) {
        for mask in [scorer.fullMask, FoldInCheck.fractionalMask(scorer.events.count), [Float](repeating: 0, count: scorer.events.count)] {
            let (w, steps, fallback) = scorer.optimum(mask: mask)
            let gradient = scorer.objective.derivatives(w, mask: mask).gradient
            let scale = 1 + w.map(abs).max()!
            #expect(gradient.map(abs).max()! <= 1e-8 * scale, "‖∇L‖∞ = \(gradient.map(abs).max()!)", sourceLocation: sourceLocation)
            #expect(!fallback && steps < NewtonFoldInScorer<O>.maxQuasiNewtonSteps, sourceLocation: sourceLocation)
        }
    }

    static func checkModel<O: FoldInObjective>(_ model: any HistoryConditionedRecommender, _ type: O.Type,
                                               sourceLocation: SourceLocation = #_sourceLocation) {
        for user in [3, 12] {
            let scorer = newton(model, user: user, as: type)
            let mask = FoldInCheck.fractionalMask(scorer.events.count)
            checkDerivatives(scorer.objective, at: scorer.start.map { $0 * 0.7 + 0.05 }, mask: mask, sourceLocation: sourceLocation)
            checkConverged(scorer, sourceLocation: sourceLocation)
            FoldInCheck.checkScorer(scorer, sourceLocation: sourceLocation)
            FoldInCheck.checkDeterministicAndSensitive(scorer, sourceLocation: sourceLocation)
        }
    }

    @Test func logisticFoldIn() { Self.checkModel(Self.lmf, LogisticFoldInObjective.self) }
    @Test func bprFoldIn() { Self.checkModel(Self.bpr, BPRFoldInObjective.self) }
    @Test func twoTowerFoldIn() { Self.checkModel(Self.tower, TwoTowerFoldInObjective.self) }

    /// The LMF fold-in objective at full mask is the model's own loss (`LMFObjective`) of the user's
    /// row, items' prior excluded, plus the fold-in's bias ridge.
    @Test func logisticObjectiveIsTheModelsUserLoss() {
        let model = Self.lmf, user = 5, d = model.parameters.factors, items = model.itemCount
        let scorer = Self.newton(model, user: user, as: LogisticFoldInObjective.self)
        var p = FactorParameters<Double>(users: 1, items: items, factors: d)
        p.itemFactors = model.parameters.itemFactors.map(Double.init)
        p.itemBias = model.parameters.itemBias.map(Double.init)
        let w = scorer.start.map { $0 * 0.9 }
        p.userFactors = Array(w[0..<d])
        p.userBias = [w[d]]
        var confidence = [Double](repeating: 0, count: items)
        for k in Self.train.range(ofUser: user) { confidence[Int(Self.train.items[k])] += Double(model.configuration.alpha) }
        var scratch = FactorParameters<Double>(users: 1, items: items, factors: d)
        let lambda = Double(model.configuration.regularization)
        let itemPrior = lambda / 2 * p.itemFactors.reduce(0) { $0 + $1 * $1 }
        let biasRidge = LogisticMF.foldInBiasRidge / 2 * w[d] * w[d]
        let want = LMFObjective.fullBatch(p, confidence: confidence, lambda: lambda, gradient: &scratch) - itemPrior + biasRidge
        let got = scorer.objective.value(w, mask: scorer.fullMask)
        #expect(abs(got - want) <= 1e-9 * abs(want))
    }

    /// The BPR fold-in objective is the mean over the negatives of the model's triple loss.
    @Test func bprObjectiveIsTheExpectedTripleLoss() {
        let model = Self.bpr, user = 4, d = model.parameters.factors, items = model.itemCount
        let scorer = Self.newton(model, user: user, as: BPRFoldInObjective.self)
        let w = scorer.start.map { $0 * 0.8 + 0.1 }
        var p = FactorParameters<Double>(users: 1, items: items, factors: d)
        p.itemFactors = model.parameters.itemFactors.map(Double.init)
        p.itemBias = model.parameters.itemBias.map(Double.init)
        p.userFactors = w
        let seen = Set(Self.train.range(ofUser: user).map { Self.train.items[$0] })
        let negatives = (0..<Int32(items)).filter { !seen.contains($0) }
        var want = 0.0, scratch = p
        for k in Self.train.range(ofUser: user) {
            let positives = [Int32](repeating: Self.train.items[k], count: negatives.count)
            want += BPRObjective.minibatch(p, users: [Int32](repeating: 0, count: negatives.count), positives: positives,
                                           negatives: negatives, batch: negatives.indices, lambda: 0, gradient: &scratch) / Double(negatives.count)
        }
        let lambda = Double(model.configuration.regularization), n = Double(Self.train.rowCount(ofUser: user))
        want += lambda * n * w.reduce(0) { $0 + $1 * $1 }
        #expect(abs(scorer.objective.value(w, mask: scorer.fullMask) - want) <= 1e-9 * abs(want))
    }

    @Test func hybridIsTheProductOfThePartsFoldIns() {
        let hybrid = HybridRecommender(implicit: Self.lmf, explicit: Self.pmf)
        #expect(hybrid.historyScoring == .foldIn)
        for user in [1, 8] {
            let scorer = hybrid.historyScorer(forUser: user)
            let implicit = Self.lmf.historyScorer(forUser: user), explicit = Self.pmf.historyScorer(forUser: user)
            #expect(scorer.events == implicit.events)
            let mask = FoldInCheck.fractionalMask(scorer.events.count)
            var got = [Float](repeating: 0, count: hybrid.itemCount), logits = got, ratings = got
            scorer.scores(mask: mask, into: &got)
            implicit.scores(mask: mask, into: &logits)
            explicit.scores(mask: mask, into: &ratings)
            for i in 0..<hybrid.itemCount { #expect(got[i] == Float.sigmoid(logits[i]) * ratings[i]) }
            FoldInCheck.checkScorer(scorer)
            FoldInCheck.checkDeterministicAndSensitive(scorer)
        }
    }

    @Test func everyFoldInHasASummary() {
        let models: [any HistoryConditionedRecommender] = [Self.lmf, Self.bpr, Self.tower, Self.pmf, HybridRecommender(implicit: Self.tower, explicit: Self.pmf)]
        for model in models {
            #expect(model.historyScoring == .foldIn)
            #expect(model.historyScoringSummary.count > 40)
        }
    }
}
