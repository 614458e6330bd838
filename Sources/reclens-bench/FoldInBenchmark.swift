import Foundation
import RecCore

/// History fold-ins on the ML-100k-shaped synthetic dataset (943 users, 1,682 items, 100,000
/// events; all events train the models with their default configurations): for each factor
/// model, the median over 20 users (every 47th) of one scorer build, one all-item evaluation of
/// a half mask, one `scoreAndGradient`, and a 256-mask batch of 10 targets (per mask; the
/// explainers' shape: many masks, few targets); then the
/// fold-in agreement (top-10 overlap, Spearman ρ) over 100 users. Single-threaded.
func runFoldInBenchmark() {
    let dataset = SyntheticGenerator.generate()
    let train = dataset.interactions
    print("fold-in  synthetic ML-100k shape: \(train.userCount) users, \(train.itemCount) items, \(train.count) events")
    func timed<T>(_ body: () -> T) -> (T, Double) {
        let start = DispatchTime.now().uptimeNanoseconds
        let value = body()
        return (value, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
    }
    func ms(_ x: Double) -> String { String(format: "%.2f ms", x * 1000) }
    let lmf = LogisticMF(train: train), pmf = MatrixFactorization(train: train)
    let models: [any HistoryConditionedRecommender] = [
        ImplicitALS(train: train), pmf, MatrixFactorization(train: train, configuration: .init(regularization: .none)),
        BPRMF(train: train), lmf, TwoTower(train: train), HybridRecommender(implicit: lmf, explicit: pmf),
    ]
    let users = stride(from: 0, to: train.userCount, by: 47).prefix(20).map { $0 }
    BLAS.withSingleThread {
        for model in models {
            var build: [Double] = [], evaluate: [Double] = [], gradient: [Double] = [], batch: [Double] = []
            var events = 0
            for user in users {
                let (scorer, b) = timed { model.historyScorer(forUser: user) }
                let n = scorer.events.count
                events += n
                let mask = (0..<n).map { Float(($0 * 7 + user) % 2) }
                var scores = [Float](repeating: 0, count: scorer.itemCount)
                let (_, e) = timed { scorer.scores(mask: mask, into: &scores) }
                let target = TopK.select(scores, k: 1).first?.item ?? 0
                let (_, g) = timed { (scorer as? any MaskDifferentiableScorer)?.scoreAndGradient(mask: mask, target: target) }
                let masks = (0..<256).flatMap { c in (0..<n).map { Float(($0 * 13 + c * 5 + user) % 3 == 0 ? 0 : 1) } }
                let (_, m) = timed { scorer.scores(masks: masks, count: 256, targets: Array(0..<10)) }
                build.append(b)
                evaluate.append(e)
                gradient.append(g)
                batch.append(m / 256)
            }
            func median(_ xs: [Double]) -> Double { xs.sorted()[xs.count / 2] }
            let (agreement, a) = timed {
                FoldInAgreement.measure(model: model, users: Array(stride(from: 0, to: train.userCount, by: 9).prefix(100)), train: train)
            }
            print("fold-in  \(model.name): build \(ms(median(build))), mask \(ms(median(evaluate))), gradient \(ms(median(gradient))), batch of 256 \(ms(median(batch)))/mask (mean \(events / users.count) events); agreement top-10 \(String(format: "%.3f", agreement.meanTopKOverlap)), ρ \(String(format: "%.3f", agreement.meanSpearman)) (\(String(format: "%.1f", a)) s for 100 users)")
        }
    }
}
