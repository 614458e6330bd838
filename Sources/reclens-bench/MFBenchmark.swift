import Foundation
import RecApp
import RecCore

/// ML-100k, 80/20 random split (seed 42): test RMSE and fit time of PMF (adaptive λ) and
/// unregularised MF, then NDCG@10 (relevant = rating ≥ 4) of BPR, two-tower, logistic MF and
/// the hybrid (LMF × PMF). Prints one line per model; environment `MF_BENCH_ONLY=rmse` skips
/// the ranking models. Tuning knobs for the MF pair (environment, unset = defaults): MF_LR,
/// MF_EPOCHS, MF_BATCH, MF_SCALE, MF_INIT, MF_D, MF_BREG, MF_SGD, MF_HOLD (early-stopping
/// hold-out share), MF_PATIENCE (0 = every epoch), MF_SHAPE / MF_RATE / MF_LAMBDA0 / MF_WARMUP (empirical-Bayes `.adaptive`),
/// MF_ALPHA (seed 002's form with this α instead), MF_L2 (fixed λ instead), MF_SPLIT_SEED (split
/// seed, default 42), MF_CURVES (print the per-epoch curves). "validation RMSE" in the curves is
/// the test split, for the plot only; early stopping uses the hold-out inside the training part.
///
/// With `python` (a virtualenv with scikit-surprise) and `scratch`, the split is exported and
/// Surprise's SVD and SVD++ are fitted on it in the same run (scripts/peers/surprise_peer.py); the
/// comparisons go to `PeerTable.shared` and the ranking models are skipped.
func runMFBenchmark(dataPath: String, python: String? = nil, scratch: URL? = nil) throws {
    let env = ProcessInfo.processInfo.environment
    let dataset = try DatasetReader.read(path: dataPath, format: nil)
    let split = Split(dataset.interactions, strategy: .random(testFraction: 0.2), minRelevantRating: nil, seed: env["MF_SPLIT_SEED"].flatMap(UInt64.init) ?? 42)
    print("ML-100k 80/20 random split: \(split.train.count) train, \(split.test.count) test ratings")
    func timed<T>(_ body: () -> T) -> (T, Double) {
        let start = DispatchTime.now().uptimeNanoseconds
        let value = body()
        return (value, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
    }
    func f(_ x: Double, _ digits: Int = 4) -> String { String(format: "%.\(digits)f", x) }

    var tuned = MatrixFactorization.Configuration()
    if let v = env["MF_LR"].flatMap(Float.init) { tuned.learningRate = v }
    if let v = env["MF_EPOCHS"].flatMap(Int.init) { tuned.epochs = v }
    if let v = env["MF_BATCH"].flatMap(Int.init) { tuned.batchSize = v }
    if let v = env["MF_SCALE"].flatMap(Float.init) { tuned.ratingScale = v }
    if let v = env["MF_INIT"].flatMap(Float.init) { tuned.initialScale = v }
    if let v = env["MF_D"].flatMap(Int.init) { tuned.factors = v }
    if let v = env["MF_BREG"].flatMap(Float.init) { tuned.biasRegularization = v }
    if let v = env["MF_HOLD"].flatMap(Double.init) { tuned.holdoutFraction = v }
    if let v = env["MF_PATIENCE"].flatMap(Int.init) { tuned.patience = v == 0 ? nil : v }
    if env["MF_SGD"] != nil { tuned.optimizer = .sgd }
    if let v = env["MF_ALPHA"].flatMap(Double.init) { tuned.regularization = .adaptiveSeed002(alpha: v) }
    if case .adaptive(var shape, var rate, var initial, var warmup) = tuned.regularization {
        if let v = env["MF_SHAPE"].flatMap(Double.init) { shape = v }
        if let v = env["MF_RATE"].flatMap(Double.init) { rate = v }
        if let v = env["MF_LAMBDA0"].flatMap(Double.init) { initial = v }
        if let v = env["MF_WARMUP"].flatMap(Int.init) { warmup = v }
        tuned.regularization = .adaptive(shape: shape, rate: rate, initialLambda: initial, warmupEpochs: warmup)
    }
    if let v = env["MF_L2"].flatMap(Float.init) { tuned.regularization = .fixed(lambda: v) }
    let (pmf, pmfTime) = timed { MatrixFactorization(train: split.train, validation: split.test, configuration: tuned) }
    if env["MF_CURVES"] != nil { for c in pmf.curves { print(c.name, c.values.map { String(format: "%.4g", $0) }.joined(separator: " ")) } }
    let kept = (pmf.selectedEpoch ?? tuned.epochs) - 1
    let lambdas = pmf.curves.filter { $0.name.hasPrefix("λ") }.map {
        "\($0.name) \(String(format: "%.3g", $0.values[kept])) (last \(String(format: "%.3g", $0.values.last ?? .nan)))"
    }
    print("pmf  test RMSE \(f(pmf.rmse(on: split.test)))  train RMSE \(f(pmf.rmse(on: split.train)))  fit \(f(pmfTime, 2)) s  epoch \(pmf.selectedEpoch.map(String.init) ?? "last") of \(pmf.curves.first?.values.count ?? 0) run  \(lambdas.joined(separator: ", "))")
    let (mf, mfTime) = timed { MatrixFactorization(train: split.train, validation: split.test, configuration: { var c = tuned; c.regularization = .none; c.name = "mf"; return c }()) }
    let validation = mf.curves.first { $0.name == "validation RMSE" }?.values ?? []
    let best = validation.indices.min { validation[$0] < validation[$1] } ?? 0
    print("mf   test RMSE \(f(mf.rmse(on: split.test)))  train RMSE \(f(mf.rmse(on: split.train)))  fit \(f(mfTime, 2)) s  minimum \(f(validation.isEmpty ? .nan : validation[best])) at epoch \(best + 1) of \(validation.count)")
    if let python, let scratch {
        let folder = scratch.appendingPathComponent("mf")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var paths: [String] = []
        for (part, m) in [("train", split.train), ("test", split.test)] {
            var text = "user,item,rating\n"
            for u in 0..<m.userCount { for k in m.range(ofUser: u) { text += "\(u),\(m.items[k]),\(Int(m.ratings[k]))\n" } }
            let path = folder.appendingPathComponent("\(part).csv")
            try Data(text.utf8).write(to: path)
            paths.append(path.path)
        }
        guard let peer = runPeer(python: python, script: peerScript("surprise_peer.py"), arguments: ["--train", paths[0], "--test", paths[1], "--svdpp"]) else { return }
        let version = (peer["versions"] as? [String: String])?["surprise"] ?? "?"
        func side(_ key: String) -> (seconds: Double, rmse: Double) {
            let d = peer[key] as? [String: Any]
            return ((d?["seconds"] as? Double) ?? .nan, (d?["rmse"] as? Double) ?? .nan)
        }
        let svd = side("svd"), svdpp = side("svdpp")
        print("surprise \(version) SVD: fit \(f(svd.seconds, 2)) s, test RMSE \(f(svd.rmse)); SVD++: fit \(f(svdpp.seconds, 2)) s, test RMSE \(f(svdpp.rmse)); PMF/SVD time \(f(pmfTime / svd.seconds, 2))")
        let epochsRun = pmf.curves.first?.values.count ?? tuned.epochs
        PeerRow.add(work: "PMF (learned λ, D \(tuned.factors), \(epochsRun) of ≤ \(tuned.epochs) epochs\(tuned.patience.map { ", patience \($0)" } ?? "")), fit seconds", data: "ml-100k 80/20", peer: "Surprise \(version) SVD (defaults)",
                    peerSeconds: svd.seconds, oursSeconds: pmfTime, quality: "test RMSE", peerQuality: svd.rmse, oursQuality: pmf.rmse(on: split.test), target: 0.5)
        PeerRow.add(work: "MF without regularisation, fit seconds", data: "ml-100k 80/20", peer: "Surprise \(version) SVD (defaults)",
                    peerSeconds: svd.seconds, oursSeconds: mfTime, quality: "test RMSE", peerQuality: svd.rmse, oursQuality: mf.rmse(on: split.test))
        PeerRow.add(work: "PMF vs SVD++ (RMSE reference), fit seconds", data: "ml-100k 80/20", peer: "Surprise \(version) SVD++ (defaults)",
                    peerSeconds: svdpp.seconds, oursSeconds: pmfTime, quality: "test RMSE", peerQuality: svdpp.rmse, oursQuality: pmf.rmse(on: split.test))
        return
    }
    if ProcessInfo.processInfo.environment["MF_BENCH_ONLY"] == "rmse" { return }

    var ranking = split
    ranking.minRelevantRating = 4
    func report(_ model: some Recommender, _ seconds: Double) {
        let metrics = Evaluator.evaluate(model, split: ranking, k: 10)
        print("\(model.name.padding(toLength: 10, withPad: " ", startingAt: 0)) NDCG@10 \(f(metrics.ndcg))  fit \(f(seconds, 2)) s")
    }
    let (bpr, bprTime) = timed { BPRMF(train: split.train) }
    report(bpr, bprTime)
    let (tower, towerTime) = timed { TwoTower(train: split.train) }
    report(tower, towerTime)
    let (lmf, lmfTime) = timed { LogisticMF(train: split.train) }
    report(lmf, lmfTime)
    let hybrid = HybridRecommender(implicit: lmf, explicit: pmf)
    report(hybrid, lmfTime + pmfTime)
}
