import Foundation
import RecApp
import RecCore

// GRU4Rec benchmark (not a test): seconds per training epoch and leave-last-out HR@10 / NDCG@10
// (full ranking, training items excluded) on ML-100k and a synthetic dataset, E = H = 64,
// L = 20, 256 windows per batch, 256 negatives.
//
// Seconds per epoch = (fit with `GRU_TIME_EPOCHS` epochs − fit with 0 epochs) / epochs, both
// without validation, so set-up and the final user queries are not counted. Quality runs train
// with early stopping (10 % validation users, patience 2, at most 20 epochs) and keep the best epoch.
// Environment: GRU_LOSS (sampled-softmax | bpr-max), GRU_LR, GRU_EPOCHS (max), GRU_TIME_EPOCHS
// (default 3), GRU_CURVES (print the curves), GRU_FEATURES (off | on | both, default both), GRU_ONLY (ml-100k | synthetic),
// GRU_EXPORT=DIR writes each leave-last-out split as DIR/<dataset>/{train,test}.csv (`user,item,
// rating,timestamp`, dense 0-based ids, by user then time) and item-ids.txt for scripts/peers/gru4rec_torch.py.

/// Prints the GRU4Rec table for ML-100k at `dataPath` (skipped when absent) and a synthetic
/// ML-100k-shaped dataset of `interactions` events.
/// `peersOnly`: only ML-100k's comparison with PyTorch (the `peers` step).
func runGRU4RecBenchmark(dataPath: String, interactions: Int, python: String? = nil, scratch: URL? = nil, peersOnly: Bool = false) throws {
    let env = ProcessInfo.processInfo.environment
    var datasets: [(name: String, data: Dataset)] = []
    if peersOnly {
        if let python, let scratch, FileManager.default.fileExists(atPath: dataPath) {
            let dataset = try DatasetReader.read(path: dataPath, format: nil)
            let split = Split(dataset.interactions, strategy: .leaveLastOut, minRelevantRating: nil, seed: 42)
            try comparePeer(python: python, scratch: scratch, name: "ml-100k", dataset: dataset, split: split, base: GRU4Rec.Configuration())
        }
        return
    }
    if env["GRU_ONLY"] ?? "ml-100k" == "ml-100k" {
        if FileManager.default.fileExists(atPath: dataPath) {
            datasets.append(("ml-100k", try DatasetReader.read(path: dataPath, format: nil)))
        } else {
            print("gru4rec  \(dataPath) not found: ML-100k skipped")
        }
    }
    if env["GRU_ONLY"] ?? "synthetic" == "synthetic" {
        datasets.append(("synthetic-\(interactions)", SyntheticGenerator.generate(.shaped(interactions: interactions))))
    }
    var base = GRU4Rec.Configuration()
    if let v = env["GRU_LOSS"].flatMap(GRU4Rec.Loss.init(rawValue:)) { base.loss = v }
    if let v = env["GRU_LR"].flatMap(Float.init) { base.learningRate = v }
    if let v = env["GRU_EPOCHS"].flatMap(Int.init) { base.epochs = v }
    let timeEpochs = env["GRU_TIME_EPOCHS"].flatMap(Int.init) ?? 3
    let featureModes: [Bool] = switch env["GRU_FEATURES"] ?? "both" {
    case "on": [true]
    case "off": [false]
    default: [false, true]
    }
    for (name, dataset) in datasets {
        let split = Split(dataset.interactions, strategy: .leaveLastOut, minRelevantRating: nil, seed: 42)
        print("gru4rec  \(name): \(dataset.userCount) users, \(dataset.itemCount) items, leave-last-out \(split.train.count) train / \(split.test.count) test, loss \(base.loss.rawValue), lr \(base.learningRate)")
        if let folder = env["GRU_EXPORT"] {
            let files = try exportForPeers(split, dataset: dataset, to: URL(fileURLWithPath: folder).appendingPathComponent(name))
            print("gru4rec  wrote \(files.train), \(files.test) and \(files.ids)")
        }
        let popularity = Evaluator.evaluate(PopularityRecommender(train: split.train), split: split, k: 10)
        print("gru4rec  popularity baseline            HR@10 \(String(format: "%.4f", popularity.hitRate))  NDCG@10 \(String(format: "%.4f", popularity.ndcg))")
        for features in featureModes {
            var c = base
            (c.useRating, c.useTimeGap, c.useGenres) = (features, features, features)
            let label = features ? "rating+gap+genres" : "items only       "
            var timing = c
            timing.validationUsers = 0
            timing.epochs = 0
            let (_, setup) = gruSeconds { GRU4Rec(train: split.train, dataset: dataset, configuration: timing) }
            timing.epochs = timeEpochs
            let (_, total) = gruSeconds { GRU4Rec(train: split.train, dataset: dataset, configuration: timing) }
            let perEpoch = (total - setup) / Double(max(1, timeEpochs))
            let (model, fit) = gruSeconds { GRU4Rec(train: split.train, dataset: dataset, configuration: c) }
            let metrics = Evaluator.evaluate(model, split: split, k: 10)
            let hits = model.curves.first { $0.name == "validation HR@10" }?.values.map { String(format: "%.3f", $0) } ?? []
            if env["GRU_CURVES"] != nil { for curve in model.curves { print("         \(curve.name): \(curve.values.map { String(format: "%.4f", $0) }.joined(separator: " "))") } }
            print("gru4rec  \(label)  \(String(format: "%.3f", perEpoch)) s/epoch  HR@10 \(String(format: "%.4f", metrics.hitRate))  NDCG@10 \(String(format: "%.4f", metrics.ndcg))  (\(metrics.users) users; kept epoch \(model.selectedEpoch ?? 0) of \(model.curves.first?.values.count ?? 0), fit \(String(format: "%.1f", fit)) s; validation HR@10 \(hits.joined(separator: " ")))")
        }
        if let python, let scratch { try comparePeer(python: python, scratch: scratch, name: name, dataset: dataset, split: split, base: base) }
    }
}

/// The same configuration (items only, fixed epochs, no validation, same learning rate and loss)
/// trained by RecLens and by scripts/peers/gru4rec_torch.py in this run: s/epoch and the
/// leave-last-out metrics of both (full ranking and 100 sampled negatives). Fixed epochs remove the
/// early-stopping noise of ~94 validation users. Environment GRU_PEER_EPOCHS (default 10).
private func comparePeer(python: String, scratch: URL, name: String, dataset: Dataset, split: Split, base: GRU4Rec.Configuration) throws {
    let epochs = ProcessInfo.processInfo.environment["GRU_PEER_EPOCHS"].flatMap(Int.init) ?? 10
    var c = base
    (c.useRating, c.useTimeGap, c.useGenres) = (false, false, false)
    c.validationUsers = 0
    c.epochs = 0
    let (_, setup) = gruSeconds { GRU4Rec(train: split.train, dataset: dataset, configuration: c) }
    c.epochs = epochs
    let (model, total) = gruSeconds { GRU4Rec(train: split.train, dataset: dataset, configuration: c) }
    let ours = (total - setup) / Double(epochs)
    let full = Evaluator.evaluate(model, split: split, k: 10)
    let sampled = SampledMetrics.evaluate(model, split: split, k: 10, negatives: 100, seed: 42)
    let files = try exportForPeers(split, dataset: dataset, to: scratch.appendingPathComponent("peer-\(name)"))
    guard let peer = runPeer(python: python, script: peerScript("gru4rec_torch.py"), arguments: [
        "--train", files.train, "--test", files.test, "--items", "\(dataset.itemCount)", "--epochs", "\(epochs)", "--validation-users", "0",
        "--lr", "\(c.learningRate)", "--loss", c.loss == .bprMax ? "bpr-max" : "softmax", "--threads", "2", "--seed", "1",
        "--emb", "\(c.embeddingSize)", "--hidden", "\(c.hiddenSize)", "--length", "\(c.maxLength)", "--batch", "\(c.batchSize)", "--negatives", "\(c.negatives)",
    ]) else { return }
    func num(_ key: String) -> Double { (peer[key] as? Double) ?? .nan }
    func f(_ x: Double) -> String { String(format: "%.4f", x) }
    func rel(_ a: Double, _ b: Double) -> String { String(format: "%+.1f %%", (a / b - 1) * 100) }
    let theirs = num("seconds_per_epoch")
    print("gru4rec  \(name) vs PyTorch (items only, \(epochs) epochs, no validation, lr \(c.learningRate), 2 threads each):")
    print("gru4rec    s/epoch      RecLens \(String(format: "%.3f", ours))  PyTorch \(String(format: "%.3f", theirs))  ratio \(String(format: "%.2f", ours / theirs))  (target ≤ 1.0)")
    print("gru4rec    HR@10        RecLens \(f(full.hitRate))  PyTorch \(f(num("hr10")))  (\(rel(full.hitRate, num("hr10"))))")
    print("gru4rec    NDCG@10      RecLens \(f(full.ndcg))  PyTorch \(f(num("ndcg10")))  (\(rel(full.ndcg, num("ndcg10"))))")
    print("gru4rec    HR@10 (100)  RecLens \(f(sampled.hitRate))  PyTorch \(f(num("hr10_sampled")))  (\(rel(sampled.hitRate, num("hr10_sampled"))))")
    PeerRow.add(work: "GRU4Rec training (E = H = 64, L = 20, batch 256, \(c.negatives) negatives, \(c.loss.rawValue)), s/epoch", data: "\(name) leave-last-out",
                peer: "PyTorch \((peer["torch"] as? String) ?? "") (2 threads)", peerSeconds: theirs, oursSeconds: ours,
                quality: "NDCG@10 (full ranking)", peerQuality: num("ndcg10"), oursQuality: full.ndcg)
    print("gru4rec    NDCG@10 (100) RecLens \(f(sampled.ndcg))  PyTorch \(f(num("ndcg10_sampled")))  (\(rel(sampled.ndcg, num("ndcg10_sampled"))))")
}

private func gruSeconds<T>(_ body: () -> T) -> (T, Double) {
    let start = DispatchTime.now().uptimeNanoseconds
    let value = body()
    return (value, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
}
