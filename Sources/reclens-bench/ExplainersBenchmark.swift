import Foundation
import RecApp
import RecCore

// Explainers benchmark (not a test): RecLens's `shap` (KernelSHAP) and `lime` beside the `shap`
// package's KernelExplainer and the `lime` package's LimeBase on the same model and the same users,
// in the same run (scripts/peers/explainers_peer.py, needs `--python PATH` with shap, lime, numpy).
// Model: ALS (64 factors, 15 iterations) trained on DIR's time split, exported and imported as an
// `als-imported` factor model, explained through the implicit-ALS fold-in (λ = 1, α = 1). Users: the
// first 12 with 12–16 distinct training items (so exact Shapley values by enumeration are the truth
// and KernelSHAP is really sampling); target: the fold-in's top item. Reported per budget: mean
// seconds per explanation and the mean error against the exact values (max |φ − φ*| / max |φ*|), for
// both tools, and the time ratio; for LIME (same perturbation masks on both sides) the largest
// difference of the weights and the time ratio.

func runExplainersBenchmark(dataPath: String, python: String?, scratch: URL) throws {
    func seconds<T>(_ body: () throws -> T) rethrows -> (T, Double) {
        let start = DispatchTime.now().uptimeNanoseconds
        let value = try body()
        return (value, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
    }
    func f(_ x: Double, _ digits: Int = 4) -> String { String(format: "%.\(digits)f", x) }
    let dataset = try DatasetReader.read(path: dataPath, format: nil, csv: CSVOptions())
    let split = Split(dataset.interactions, strategy: .globalTime(testFraction: 0.2), minRelevantRating: 4, seed: 42)
    let als = BLAS.withSingleThread { ImplicitALS(train: split.train, configuration: .init()) }
    let bytes = ImportedFactorModel.export(userFactors: als.userFactors, itemFactors: als.itemFactors, userIDs: dataset.userIDs, itemIDs: dataset.itemIDs)
    var model = try ImportedFactorModel(archive: NumPyArchive(SourceFile(name: "als.npz", bytes: bytes)), dataset: dataset, kind: "als")
    model.train = split.train
    let users = (0..<split.train.userCount).filter { (12...16).contains(FoldInHistory(train: split.train, user: $0).events.count) }.prefix(12)
    let context = ExplanationContext(train: split.train, itemIDs: dataset.itemIDs, titles: dataset.itemIDs, seed: 42)
    let budgets = [256, 1024, 2048]
    let lime = LIMEExplainer(samples: 256, seed: 42)
    var rows: [[String: Any]] = []
    var exactValues: [[Double]] = [], ours: [[Int: (seconds: Double, values: [Double])]] = [], oursLime: [(Double, [Double])] = []
    for user in users {
        let scorer = model.historyScorer(forUser: user)
        var full = scorer.fullScores()
        for k in split.train.range(ofUser: user) { full[Int(split.train.items[k])] = -.infinity }
        let target = TopK.select(full, k: 1)[0].item
        let request = ExplanationRequest(model: model, user: user, targets: [target], scorer: scorer, context: context)
        func values(_ e: Explanation) -> [Double] {
            let dense = e.attribution.dense()
            return scorer.events.map { event in e.attribution.players.firstIndex { $0.position == event.position }.map { Double(dense[$0][0]) } ?? 0 }
        }
        let exact = BLAS.withSingleThread { SHAPExplainer(budget: 16, exactLimit: 30, seed: 1).explain(request)! }
        exactValues.append(values(exact))
        var byBudget: [Int: (Double, [Double])] = [:]
        for budget in budgets {
            let explainer = SHAPExplainer(budget: budget, exactLimit: 0, seed: 1)
            let (e, t) = seconds { BLAS.withSingleThread { explainer.explain(request)! } }
            byBudget[budget] = (t, values(e))
        }
        ours.append(byBudget.mapValues { (seconds: $0.0, values: $0.1) })
        let (limeExplanation, limeSeconds) = seconds { BLAS.withSingleThread { lime.explain(request)! } }
        oursLime.append((limeSeconds, values(limeExplanation)))
        rows.append(["history": scorer.events.map(\.item), "target": target,
                     "lime_masks": stride(from: 0, to: 257 * scorer.events.count, by: scorer.events.count).map { start in
                         Array(lime.perturbationMasks(eventCount: scorer.events.count, user: user)[start..<(start + scorer.events.count)]).map(Int.init)
                     }])
    }
    func error(_ values: [Double], _ truth: [Double]) -> Double {
        let scale = truth.map(abs).max() ?? 1
        return (zip(values, truth).map { abs($0 - $1) }.max() ?? 0) / max(scale, 1e-12)
    }
    func mean(_ xs: [Double]) -> Double { xs.reduce(0, +) / Double(max(1, xs.count)) }
    print("explainers  als-imported fold-in (λ 1, α 1, 64 factors) on \(lastComponent(dataPath)), \(users.count) users with 12–16 history items, top-1 target")
    var peer: [String: Any]? = nil
    if let python {
        let input: [String: Any] = [
            "item_factors": (0..<model.itemVectors.rows).map { model.itemVectors.row($0).map(Double.init) },
            "item_bias": model.itemBias.map(Double.init), "lambda": 1.0, "alpha": 1.0, "budgets": budgets, "threads": 1, "users": rows,
        ]
        let path = scratch.appendingPathComponent("explainers-peer.json")
        try JSONSerialization.data(withJSONObject: input).write(to: path)
        peer = runPeer(python: python, script: peerScript("explainers_peer.py"), arguments: [path.path])
    } else {
        print("explainers  pass --python PATH (a virtualenv with shap, lime, numpy) to run the peers in the same run")
    }
    let peerUsers = peer?["users"] as? [[String: Any]]
    print("budget   RecLens s/expl  error     shap s/expl  error     shap/RecLens")
    for budget in budgets {
        let ourSeconds = mean(ours.map { $0[budget]!.seconds }), ourError = mean(zip(ours, exactValues).map { error($0[budget]!.values, $1) })
        var line = "\(String(budget).padding(toLength: 8, withPad: " ", startingAt: 0)) \(f(ourSeconds, 5))         \(f(ourError))"
        if let peerUsers {
            let entries = peerUsers.map { ($0["shap"] as! [String: Any])[String(budget)] as! [String: Any] }
            let theirSeconds = mean(entries.map { $0["seconds"] as! Double })
            let theirError = mean(zip(entries, exactValues).map { error($0["values"] as! [Double], $1) })
            line += "    \(f(theirSeconds, 5))      \(f(theirError))    \(f(theirSeconds / ourSeconds, 1))×"
            PeerRow.add(work: "KernelSHAP, \(budget) coalitions, s/explanation (12–16 history items)", data: "ml-100k ALS fold-in, \(users.count) users",
                        peer: "shap KernelExplainer", peerSeconds: theirSeconds, oursSeconds: ourSeconds,
                        quality: "error vs exact (max |Δφ| / max |φ|)", peerQuality: theirError, oursQuality: ourError)
        }
        print(line)
    }
    let ourLime = mean(oursLime.map(\.0))
    var line = "lime 256 samples: RecLens \(f(ourLime, 5)) s/expl"
    if let peerUsers {
        let entries = peerUsers.map { $0["lime"] as! [String: Any] }
        let theirSeconds = mean(entries.map { $0["seconds"] as! Double })
        let difference = zip(entries, oursLime).map { error($1.1, $0["values"] as! [Double]) }.max() ?? .nan
        line += ", lime package \(f(theirSeconds, 5)) s/expl (\(f(theirSeconds / ourLime, 1))×); largest weight difference \(f(difference, 6)) of the largest weight"
        PeerRow.add(work: "LIME, 256 samples (same masks), s/explanation", data: "ml-100k ALS fold-in, \(users.count) users",
                    peer: "lime LimeBase", peerSeconds: theirSeconds, oursSeconds: ourLime,
                    quality: "largest weight difference / largest weight", peerQuality: difference, oursQuality: difference)
        if let versions = peer?["versions"] as? [String: String] { line += "; \(versions.keys.sorted().map { "\($0) \(versions[$0]!)" }.joined(separator: ", "))" }
    }
    print(line)
}

private func lastComponent(_ path: String) -> String { URL(fileURLWithPath: path).lastPathComponent }
