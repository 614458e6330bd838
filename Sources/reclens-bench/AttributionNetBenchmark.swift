import Foundation
import RecApp
import RecCore

// Attribution-network benchmark (not a test), the paper's protocol on ML-100k: leave-last-out
// split (each user's most recent interaction held out), HR@10 and NDCG@10 among 99 sampled unseen
// negatives (`SampledMetrics`, seeded) and over the full catalogue (`Evaluator`), for
// attribution-net, its plain-MLP baseline (same inputs, 4× wider, same data and epochs),
// Popularity and ItemKNN, with each model's training time (BLAS single-threaded, as in a build).
// Also: the mean share of the recommended items' predictions per subset, for cold and warm users.
// Environment: ATTR_EPOCHS, ATTR_EMBEDDING, ATTR_LR, ATTR_BATCH, ATTR_NEGATIVES, ATTR_SEED (both networks), ATTR_ONLY
// (comma-separated model names to train); ATTR_RULE, ATTR_ROOT, ATTR_NORMALISATION, ATTR_EMBEDDINGS (the
// network's confidence, root_confidence, normalisation, embedding_training); ATTR_MLP_WIDTH (the baseline's
// width multiplier, for diagnosis only: the table's baseline is 4×); ATTR_DIAG (also each head and the mixture
// on both protocols, `AttributionNetDiagnostics.swift`); ATTR_CACHE=DIR (reuse trained weights keyed by
// configuration, for diagnosis: the training time is then not measured); ATTR_NOSUMMARY (skip the shares).

func runAttributionNetBenchmark(dataPath: String) throws {
    guard FileManager.default.fileExists(atPath: dataPath) else {
        print("attribution-net  \(dataPath) not found: skipped")
        return
    }
    let env = ProcessInfo.processInfo.environment
    let dataset = try DatasetReader.read(path: dataPath, format: nil)
    let split = Split(dataset.interactions, strategy: .leaveLastOut, minRelevantRating: nil, seed: 42)
    let inputs = AttributionInputs(dataset: dataset)
    print("attribution-net  \(dataset.name): \(dataset.userCount) users, \(dataset.itemCount) items, leave-last-out \(split.train.count) train / \(split.test.count) test; \(inputs.contentWidth) content features")
    var interpretable = AttributionNet.Configuration(), baseline = AttributionNet.Configuration.baseline
    for key in ["ATTR_EPOCHS", "ATTR_EMBEDDING", "ATTR_BATCH", "ATTR_NEGATIVES", "ATTR_SEED"] {
        guard let v = env[key].flatMap(Int.init) else { continue }
        switch key {
        case "ATTR_EPOCHS": interpretable.epochs = v; baseline.epochs = v
        case "ATTR_EMBEDDING": interpretable.embeddingSize = v; baseline.embeddingSize = v
        case "ATTR_NEGATIVES": interpretable.negatives = v; baseline.negatives = v
        case "ATTR_SEED": interpretable.seed = UInt64(v); baseline.seed = UInt64(v)
        default: interpretable.batchSize = v; baseline.batchSize = v
        }
    }
    if let v = env["ATTR_MLP_WIDTH"].flatMap(Int.init) { baseline.widthMultiplier = v }
    if let v = env["ATTR_LR"].flatMap(Float.init) { interpretable.learningRate = v; baseline.learningRate = v }
    if let v = env["ATTR_RULE"].flatMap { AttributionNet.ConfidenceRule(name: $0) } { interpretable.confidence = v }
    if let v = env["ATTR_ROOT"].flatMap(AttributionNet.RootConfidence.init(rawValue:)) { interpretable.rootConfidence = v }
    if let v = env["ATTR_EMBEDDINGS"].flatMap(AttributionNet.EmbeddingTraining.init(rawValue:)) { interpretable.embeddingTraining = v }
    if let v = env["ATTR_NORMALISATION"].flatMap(AttributionNet.MaskNormalisation.init(rawValue:)) { interpretable.normalisation = v }
    let only = env["ATTR_ONLY"].map { Set($0.split(separator: ",").map(String.init)) }
    var rows: [(String, any Recommender, Double)] = []
    func fit(_ name: String, _ body: () -> any Recommender) {
        guard only?.contains(name) ?? true else { return }
        let started = Date()
        let model = BLAS.withSingleThread { body() }
        rows.append((name, model, Date().timeIntervalSince(started)))
    }
    fit("attribution-net") { cachedNet(.interpretable, split.train, inputs, interpretable, env["ATTR_CACHE"]) }
    fit("attribution-mlp") { cachedNet(.plainMLP, split.train, inputs, baseline, env["ATTR_CACHE"]) }
    fit("popularity") { PopularityRecommender(train: split.train) }
    fit("itemknn") { ItemKNN(train: split.train) }
    print("attribution-net  model              HR@10 (99 neg)  NDCG@10 (99 neg)  HR@10 (full)  NDCG@10 (full)  train s")
    for (name, model, seconds) in rows {
        let sampled = SampledMetrics.evaluate(model, split: split, k: 10, negatives: 99, seed: 42)
        let full = Evaluator.evaluate(model, split: split, k: 10)
        print("attribution-net  \(name.padding(toLength: 17, withPad: " ", startingAt: 0))  \(f4a(sampled.hitRate))          \(f4a(sampled.ndcg))            \(f4a(full.hitRate))        \(f4a(full.ndcg))          \(String(format: "%.1f", seconds))  (\(sampled.users) users)")
        if let net = model as? AttributionNet {
            for curve in net.curves { print("                   \(curve.name): \(curve.values.map { String(format: "%.4f", $0) }.joined(separator: " "))") }
        }
    }
    if env["ATTR_DIAG"] != nil, let mlp = rows.first(where: { $0.0 == "attribution-mlp" })?.1 as? AttributionNet { attributionDiagnostics(mlp, split: split) }
    guard let net = rows.first(where: { $0.0 == "attribution-net" })?.1 as? AttributionNet else { return }
    for s in net.architecture.subsets.indices {
        let head = HeadRecommender(net: net, head: s)
        let sampled = SampledMetrics.evaluate(head, split: split, k: 10, negatives: 99, seed: 42)
        print("attribution-net  ranking by the head of {\(AttributionNet.subsetName(net.architecture.subsets[s]))} alone: HR@10 \(f4a(sampled.hitRate)), NDCG@10 \(f4a(sampled.ndcg)) (99 neg)")
    }
    if env["ATTR_DIAG"] != nil { attributionDiagnostics(net, split: split) }
    guard env["ATTR_NOSUMMARY"] == nil else { return }
    guard let summary = IntrinsicAttributionSummary.measure(net, users: Array(0..<split.train.userCount), train: split.train, k: 10, shapUsers: 200) else { return }
    for group in summary.byActivity {
        print("attribution-net  shares, \(group.label) (\(group.users) users): \(zip(summary.parts, group.meanShares).map { "\($0) \(String(format: "%.3f", $1))" }.joined(separator: ", "))")
    }
    if let agreement = summary.shapAgreement {
        print("attribution-net  intrinsic vs shap over input groups (\(agreement.pairs) user-item pairs): same top group \(String(format: "%.3f", agreement.sameTop)), mean Kendall τ \(String(format: "%.3f", agreement.meanKendall))")
    }
}

private func f4a(_ x: Double) -> String { String(format: "%.4f", x) }

/// One head of the attribution network as a recommender (f_s of every item): how well each
/// sub-network ranks on its own.
private struct HeadRecommender: Recommender {
    let net: AttributionNet
    let head: Int
    var name: String { "head-\(head)" }
    var displayName: String { name }
    var summary: String { "" }
    var hyperparameters: [String: String] { [:] }
    var scoreUnit: ScoreUnit { ScoreUnit(short: "f_s", meaning: "one head's prediction") }
    var itemCount: Int { net.itemCount }
    func scores(forUser user: Int, into scores: inout [Float]) {
        for first in stride(from: 0, to: itemCount, by: 512) {
            let items = Array(first..<min(itemCount, first + 512))
            let heads = net.heads(user: user, items: items)
            for (r, item) in items.enumerated() { scores[item] = heads[head][r] }
        }
    }
}
