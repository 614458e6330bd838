import Foundation
import RecApp
import RecCore

// Mult-VAE benchmark (not a test): seconds per training epoch, NDCG@10 and Recall@20 (full
// ranking, training items excluded, every held-out item relevant) on ML-100k and a synthetic
// N-interaction set, 80/20 seeded random split, the default configuration (600 → 2·200 → 600,
// dropout 0.5, β annealed to 0.2, Adam 0.001, 100 users per batch).
//
// Seconds per epoch = (fit with `VAE_TIME_EPOCHS` epochs − fit with 0 epochs) / epochs, so set-up
// is not counted; OpenBLAS uses its default thread count (2 here) unless OPENBLAS_NUM_THREADS says
// otherwise. With --python PATH the PyTorch peer (scripts/peers/vae_peer.py) trains the same
// configuration on the same exported split in the same run with `VAE_THREADS` (default 2) torch
// threads and prints its figures beside ours.
// Environment: VAE_EPOCHS (default: the configuration's 100), VAE_TIME_EPOCHS (default 5),
// VAE_BATCH, VAE_LR, VAE_ONLY (ml-100k | synthetic), VAE_THREADS, VAE_CURVES (print the curves).

/// Prints the Mult-VAE table for ML-100k at `dataPath` (skipped when absent) and a synthetic
/// ML-100k-shaped dataset of `interactions` events.
func runVAEBenchmark(dataPath: String, interactions: Int, python: String?, scratch: URL) throws {
    let env = ProcessInfo.processInfo.environment
    var datasets: [(name: String, data: Dataset)] = []
    if env["VAE_ONLY"] ?? "ml-100k" == "ml-100k" {
        if FileManager.default.fileExists(atPath: dataPath) {
            datasets.append(("ml-100k", try DatasetReader.read(path: dataPath, format: nil)))
        } else {
            print("vae      \(dataPath) not found: ML-100k skipped")
        }
    }
    if env["VAE_ONLY"] ?? "synthetic" == "synthetic" {
        datasets.append(("synthetic-\(interactions)", SyntheticGenerator.generate(.shaped(interactions: interactions))))
    }
    var c = MultVAE.Configuration()
    if let v = env["VAE_EPOCHS"].flatMap(Int.init) { c.epochs = v }
    if let v = env["VAE_BATCH"].flatMap(Int.init) { c.batchSize = v }
    if let v = env["VAE_LR"].flatMap(Float.init) { c.learningRate = v }
    let timeEpochs = env["VAE_TIME_EPOCHS"].flatMap(Int.init) ?? 5
    let threads = env["VAE_THREADS"].flatMap(Int.init) ?? 2
    for (name, dataset) in datasets {
        let split = Split(dataset.interactions, strategy: .random(testFraction: 0.2), minRelevantRating: nil, seed: 42)
        print("vae      \(name): \(dataset.userCount) users, \(dataset.itemCount) items, 80/20 random split \(split.train.count) train / \(split.test.count) test; \(c.epochs) epochs, batch \(c.batchSize), lr \(c.learningRate)")
        var timing = c
        timing.epochs = 0
        let setup = vaeSeconds { _ = MultVAE(train: split.train, configuration: timing) }.1
        timing.epochs = timeEpochs
        let perEpoch = (vaeSeconds { _ = MultVAE(train: split.train, configuration: timing) }.1 - setup) / Double(timeEpochs)
        let (model, fit) = vaeSeconds { MultVAE(train: split.train, configuration: c) }
        if env["VAE_CURVES"] != nil {
            for curve in model.curves { print("         \(curve.name): \(curve.values.map { String(format: "%.4g", $0) }.joined(separator: " "))") }
        }
        let at10 = Evaluator.evaluate(model, split: split, k: 10), at20 = Evaluator.evaluate(model, split: split, k: 20)
        let popularity = Evaluator.evaluate(PopularityRecommender(train: split.train), split: split, k: 10)
        print("vae      RecLens  \(String(format: "%.3f", perEpoch)) s/epoch  NDCG@10 \(f4(at10.ndcg))  Recall@20 \(f4(at20.recall))  (\(at10.users) users; fit \(String(format: "%.1f", fit)) s; popularity NDCG@10 \(f4(popularity.ndcg)))")
        guard let python else { continue }
        let files = try exportForPeers(split, dataset: dataset, to: scratch.appendingPathComponent("vae-\(name)"))
        guard let peer = runPeer(python: python, script: peerScript("vae_peer.py"), arguments: [
            "--train", files.train, "--test", files.test, "--items", "\(dataset.itemCount)", "--users", "\(dataset.userCount)",
            "--epochs", "\(c.epochs)", "--time-epochs", "\(timeEpochs)", "--batch", "\(c.batchSize)", "--lr", "\(c.learningRate)",
            "--hidden", "\(c.hiddenSize)", "--latent", "\(c.latentSize)", "--dropout", "\(c.dropout)", "--kl-cap", "\(c.klCap)",
            "--anneal-epochs", "\(c.annealEpochs)", "--threads", "\(threads)", "--seed", "1",
        ]) else { continue }
        func num(_ key: String) -> Double { (peer[key] as? Double) ?? .nan }
        let theirs = num("seconds_per_epoch")
        print("vae      PyTorch  \(String(format: "%.3f", theirs)) s/epoch  NDCG@10 \(f4(num("ndcg10")))  Recall@20 \(f4(num("recall20")))  (\(Int(num("test_users"))) users; fit \(String(format: "%.1f", num("fit_seconds"))) s; \(threads) threads)")
        print("vae      ratio    s/epoch \(String(format: "%.2f", perEpoch / theirs)) (target ≤ 1.0)  NDCG@10 \(rel(at10.ndcg, num("ndcg10")))  Recall@20 \(rel(at20.recall, num("recall20")))  (target within 3 %)")
    }
}

private func f4(_ x: Double) -> String { String(format: "%.4f", x) }
private func rel(_ a: Double, _ b: Double) -> String { String(format: "%+.1f %%", (a / b - 1) * 100) }

private func vaeSeconds<T>(_ body: () -> T) -> (T, Double) {
    let start = DispatchTime.now().uptimeNanoseconds
    let value = body()
    return (value, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
}
