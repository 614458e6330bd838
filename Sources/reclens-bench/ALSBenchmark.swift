import Foundation
import RecApp
import RecCore

// ALS benchmark (not a test): time per iteration, NDCG@10 and explanations per second of
// ImplicitALS (64 factors, 15 iterations, CG and Cholesky) on ML-100k and a synthetic dataset,
// 80/20 seeded random split. With RECLENS_ALS_EXPORT=DIR the splits are written as
// DIR/<dataset>-{train,test}.csv (`user,item,rating` with dense indices) so that a peer
// (implicit) can be measured on exactly the same data.

/// Prints the ALS table for ML-100k at `dataPath` (default `../shared/data/ml-100k`, skipped
/// when absent) and for a synthetic ML-100k-shaped dataset of `interactions` events.
///
/// With `python` (a virtualenv with `implicit`), each split is also exported to `scratch` and fitted
/// by scripts/peers/als_implicit_peer.py in the same run (implicit α = 2 ≙ ours α = 1, 2 threads,
/// BLAS on one thread each side), and the comparisons go to `PeerTable.shared`.
func runALSBenchmark(dataPath: String?, interactions: Int, python: String? = nil, scratch: URL? = nil) throws {
    var datasets: [(name: String, data: InteractionMatrix)] = []
    let path = dataPath ?? "../shared/data/ml-100k"
    if FileManager.default.fileExists(atPath: path) {
        datasets.append(("ml-100k", try DatasetReader.read(path: path, format: nil).interactions))
    } else {
        print("als      \(path) not found: ML-100k skipped")
    }
    datasets.append(("synthetic-\(interactions)", SyntheticGenerator.generate(.shaped(interactions: interactions)).interactions))
    let export = ProcessInfo.processInfo.environment["RECLENS_ALS_EXPORT"]
    for (name, data) in datasets {
        let split = Split(data, strategy: .random(testFraction: 0.2), minRelevantRating: nil, seed: 42)
        print("als      \(name): \(data.userCount) users, \(data.itemCount) items, \(split.train.count) train / \(split.test.count) test")
        if let export { try exportSplit(split, to: URL(fileURLWithPath: export), name: name) }
        var ours: [String: (seconds: Double, ndcg: Double)] = [:]
        for solver in [ImplicitALS.Solver.conjugateGradient(steps: 3), .cholesky] {
            ours[solver == .cholesky ? "cholesky" : "cg"] = try benchmarkALS(split: split, solver: solver)
        }
        guard let python, let scratch else { continue }
        let folder = scratch.appendingPathComponent("als")
        try exportSplit(split, to: folder, name: name)
        guard let peer = runPeer(python: python, script: peerScript("als_implicit_peer.py"), arguments: [
            "--train", folder.appendingPathComponent("\(name)-train.csv").path, "--test", folder.appendingPathComponent("\(name)-test.csv").path,
            "--shape", folder.appendingPathComponent("\(name)-shape.csv").path, "--factors", "64", "--iterations", "15", "--alpha", "2", "--threads", "2",
        ]) else { continue }
        let version = (peer["versions"] as? [String: String])?["implicit"] ?? "?"
        for (key, label) in [("cg", "ALS CG (3 steps)"), ("cholesky", "ALS Cholesky")] {
            guard let side = peer[key] as? [String: Any], let seconds = side["min"] as? Double, let mine = ours[key] else { continue }
            print("als        implicit \(version) \(label): \(alsFormat(seconds, 4)) s/iteration min, NDCG@10 \(alsFormat(side["ndcg10"] as? Double ?? .nan, 4)); RecLens/implicit \(alsFormat(mine.seconds / seconds, 2))")
            PeerRow.add(work: "\(label), 64 factors, s/iteration (min of 3 fits of 15 it.)", data: "\(name) 80/20", peer: "implicit \(version) (α 2, 2 threads)",
                        peerSeconds: seconds, oursSeconds: mine.seconds, quality: "NDCG@10", peerQuality: side["ndcg10"] as? Double, oursQuality: mine.ndcg,
                        target: key == "cg" ? 0.5 : nil)
        }
    }
}

@discardableResult
private func benchmarkALS(split: Split, solver: ImplicitALS.Solver) throws -> (seconds: Double, ndcg: Double) {
    let iterations = 15, repeats = 3
    var configuration = ImplicitALS.Configuration(factors: 64, iterations: 0, solver: solver, recordLoss: false)
    // Setup (confidence matrix, transpose, initial factors) is timed apart, as implicit's callback
    // does; fits are repeated (the machine is shared): min and median seconds per iteration.
    let setup = alsSeconds { _ = ImplicitALS(train: split.train, configuration: configuration) }
    configuration.iterations = iterations
    var model: ImplicitALS?, perIteration: [Double] = []
    for _ in 0..<repeats {
        perIteration.append((alsSeconds { model = ImplicitALS(train: split.train, configuration: configuration) } - setup) / Double(iterations))
    }
    configuration.recordLoss = true
    var withLoss: ImplicitALS?
    let perIterationWithLoss = (alsSeconds { withLoss = ImplicitALS(train: split.train, configuration: configuration) } - setup) / Double(iterations)
    guard let model, let withLoss else { return (.nan, .nan) }
    perIteration.sort()
    let ndcg = Evaluator.evaluate(model, split: split, k: 10).ndcg

    // Explanations: every user with a history, their top-10 items, one factorisation per user.
    let train = split.train
    let users = (0..<train.userCount).filter { train.rowCount(ofUser: $0) > 0 }
    let lists = Evaluator.topKLists(model, train: train, users: users, k: 10)
    var pairs = 0, checksum: Float = 0
    let batched = alsSeconds {
        for (u, list) in zip(users, lists) {
            let explanation = model.explanation(ofUser: u)
            for scored in list {
                checksum += explanation.contributions(toItem: scored.item).reduce(0, +)
                pairs += 1
            }
        }
    }
    // One call per (user, item), each factorising again (the protocol's `contributions(ofUser:toItem:)`).
    let single = Array(zip(users, lists).prefix(200))
    var singlePairs = 0
    let unbatched = alsSeconds {
        for (u, list) in single {
            for scored in list.prefix(3) {
                checksum += model.contributions(ofUser: u, toItem: scored.item)[0]
                singlePairs += 1
            }
        }
    }
    let label: String
    switch solver {
    case .conjugateGradient(let steps): label = "CG(\(steps))  "
    case .cholesky: label = "Cholesky"
    }
    print("als        \(label) \(alsFormat(perIteration[0], 4)) s/iteration min, \(alsFormat(perIteration[repeats / 2], 4)) median (\(alsFormat(perIterationWithLoss, 4)) with loss; setup \(alsFormat(setup, 3)) s)"
        + "  NDCG@10 \(alsFormat(ndcg, 4))  final loss \(alsFormat(withLoss.curves[0].values.last ?? 0, 5))"
        + "  explanations \(alsFormat(Double(pairs) / batched, 0))/s batched per user, \(alsFormat(Double(singlePairs) / unbatched, 0))/s one call each"
        + (checksum.isFinite ? "" : " (non-finite!)"))
    return (perIteration[0], ndcg)
}

/// Writes `<name>-train.csv` and `<name>-test.csv` (`user,item,rating`, dense indices).
private func exportSplit(_ split: Split, to directory: URL, name: String) throws {
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    for (part, m) in [("train", split.train), ("test", split.test)] {
        var text = "user,item,rating\n"
        for u in 0..<m.userCount { for k in m.range(ofUser: u) { text += "\(u),\(m.items[k]),\(m.ratings[k])\n" } }
        try Data(text.utf8).write(to: directory.appendingPathComponent("\(name)-\(part).csv"))
    }
    // Shapes, so that the peer builds matrices of the same size (cold users/items included).
    try Data("users,items\n\(split.train.userCount),\(split.train.itemCount)\n".utf8)
        .write(to: directory.appendingPathComponent("\(name)-shape.csv"))
}

private func alsSeconds(_ body: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

private func alsFormat(_ x: Double, _ digits: Int) -> String { String(format: "%.\(digits)f", x) }
