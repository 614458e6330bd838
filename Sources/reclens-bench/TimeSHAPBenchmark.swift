import Foundation
import RecApp
import RecCore

// TimeSHAP benchmark (not a test), ML-100k leave-last-out, L = 20:
// 1. One (user, item) at event level with pruning (η = 0.025) on a GRU4Rec trained in PyTorch and
//    imported (scripts/peers/gru4rec_torch.py --export), beside the `timeshap` package on the same
//    weights and tolerance (scripts/peers/timeshap_peer.py, its default 32,000 samples): seconds of
//    each, ratio, and the largest difference of the values (exact Shapley on both sides when the
//    pruned game has ≤ 14 players). Needs `--python PATH` (a virtualenv with torch, timeshap);
//    without it, RecLens's own GRU4Rec (items only) stands in and only our side is timed.
// 2. A whole user's attributions (event + feature + cell levels and the deletion check, K = 10) on
//    a GRU4Rec with rating, time-gap and genre features: mean and largest seconds per user.

/// Path of a script in the checkout's scripts/peers.
func peerScript(_ name: String) -> String {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("scripts/peers/\(name)").path
}

/// Runs a peer script and returns its last stdout line (JSON), or nil with the error printed.
func runPeer(python: String, script: String, arguments: [String]) -> [String: Any]? {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: python)
    process.arguments = [script] + arguments
    var environment = ProcessInfo.processInfo.environment
    environment["OMP_NUM_THREADS"] = "2"
    process.environment = environment
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    do { try process.run() } catch {
        print("peer     cannot run \(python) \(script): \(error)")
        return nil
    }
    let stdout = out.fileHandleForReading.readDataToEndOfFile()
    let stderr = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0, let line = String(decoding: stdout, as: UTF8.self).split(separator: "\n").last,
          let json = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else {
        print("peer     \(script) failed (exit \(process.terminationStatus)): \(String(decoding: stderr, as: UTF8.self).suffix(600))")
        return nil
    }
    return json
}

/// Writes `split` as dense CSVs for the peers and the raw id of each dense item, one per line.
func exportForPeers(_ split: Split, dataset: Dataset, to folder: URL) throws -> (train: String, test: String, ids: String) {
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    var paths: [String] = []
    for (part, m) in [("train", split.train), ("test", split.test)] {
        var text = "user,item,rating,timestamp\n"
        for u in 0..<m.userCount {
            for k in m.range(ofUser: u) { text += "\(u),\(m.items[k]),\(Int(m.ratings[k])),\(m.timestamps[k])\n" }
        }
        let path = folder.appendingPathComponent("\(part).csv").path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        paths.append(path)
    }
    let ids = folder.appendingPathComponent("item-ids.txt").path
    try Data((dataset.itemIDs.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: ids))
    return (paths[0], paths[1], ids)
}

/// `peersOnly`: skip the whole-user timing (2), which has no peer.
func runTimeSHAPBenchmark(dataPath: String, python: String?, scratch: URL, repeats: Int, peersOnly: Bool = false) throws {
    guard FileManager.default.fileExists(atPath: dataPath) else {
        print("timeshap \(dataPath) not found: skipped")
        return
    }
    let dataset = try DatasetReader.read(path: dataPath, format: nil)
    let split = Split(dataset.interactions, strategy: .leaveLastOut, minRelevantRating: nil, seed: 42)
    func seconds<T>(_ body: () throws -> T) rethrows -> (T, Double) {
        let start = DispatchTime.now().uptimeNanoseconds
        let value = try body()
        return (value, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
    }
    func f(_ x: Double, _ digits: Int = 3) -> String { String(format: "%.\(digits)f", x) }

    // The model whose explanations are compared: PyTorch-trained and imported, or our own.
    var model: GRU4Rec
    var peerModel: String? = nil
    let env = ProcessInfo.processInfo.environment
    let only = env["TIMESHAP_ONLY"]  // "exact": only the unpruned 20-event game (1b)
    if let npz = env["TIMESHAP_MODEL"], let bytes = FileManager.default.contents(atPath: npz) {
        // A model exported by an earlier run (gru4rec_torch.py --export), to profile without retraining.
        model = try GRU4Rec(archive: NumPyArchive(SourceFile(name: npz, bytes: Array(bytes))), dataset: dataset, train: split.train, maxLength: 20)
        peerModel = npz
        print("timeshap model: \(npz)")
    } else if let python {
        let files = try exportForPeers(split, dataset: dataset, to: scratch.appendingPathComponent("peers"))
        let npz = scratch.appendingPathComponent("peers/gru4rec-torch.npz").path
        let trained = runPeer(python: python, script: peerScript("gru4rec_torch.py"), arguments: [
            "--train", files.train, "--test", files.test, "--items", "\(dataset.itemCount)", "--epochs", "10", "--threads", "2",
            "--export", npz, "--item-ids", files.ids,
        ])
        guard trained != nil, let bytes = FileManager.default.contents(atPath: npz) else { return }
        if let keep = env["TIMESHAP_KEEP_MODEL"] { try? FileManager.default.copyItem(atPath: npz, toPath: keep) }
        model = try GRU4Rec(archive: NumPyArchive(SourceFile(name: npz, bytes: Array(bytes))), dataset: dataset, train: split.train, maxLength: 20)
        peerModel = npz
        print("timeshap model: PyTorch GRU4Rec (E = H = 64, items only) trained by the peer and imported")
    } else {
        var c = GRU4Rec.Configuration()
        (c.useRating, c.useTimeGap, c.useGenres) = (false, false, false)
        model = GRU4Rec(train: split.train, dataset: dataset, configuration: c)
        print("timeshap model: RecLens GRU4Rec (items only); pass --python PATH to compare with timeshap")
    }

    // 1. One (user, item) at event level with pruning.
    let users = (0..<split.train.userCount).filter { split.train.rowCount(ofUser: $0) >= 20 }.prefix(8)
    var buffer: [Float] = []
    if only != "exact" {
    var c = TimeSHAP.Configuration()
    c.eventLevelOnly = true
    let explainer = TimeSHAP(model: model, configuration: c)
    var ours: [Double] = [], theirs: [Double] = [], differences: [Double] = []
    for u in users {
        let seen = split.train.items[split.train.range(ofUser: u)]
        guard let target = model.topK(forUser: u, k: 1, excluding: seen, buffer: &buffer).first?.item else { continue }
        var times: [Double] = []
        var result: (events: Attribution, details: SequenceExplanation)?
        for _ in 0..<repeats {
            let (r, t) = BLAS.withSingleThread { seconds { explainer.explain(user: u, targets: [target], itemIDs: dataset.itemIDs) } }
            result = r
            times.append(t)
        }
        let t = times.sorted()[times.count / 2]
        ours.append(t)
        let events = result!.events, pruning = result!.details.pruning
        var line = "timeshap user \(dataset.userIDs[u]) item \(dataset.itemIDs[target]): \(pruning.keptCount) of \(pruning.eventCount) events kept (\(events.players.count) players, \(result!.details.exact ? "exact" : "KernelSHAP")), RecLens \(f(t * 1000, 2)) ms"
        if let python, let peerModel {
            let sequence = model.inputSequence(ofUser: u).items.map { dataset.itemIDs[Int($0)] }.joined(separator: " ")
            if let peer = runPeer(python: python, script: peerScript("timeshap_peer.py"), arguments: [
                "--model", peerModel, "--sequence", sequence, "--target", dataset.itemIDs[target], "--tolerance", "0.025", "--samples", "32000",
            ]), let total = peer["seconds_total"] as? Double, let values = peer["events"] as? [[String: Any]] {
                theirs.append(total)
                let dense = events.dense()
                var largest = 0.0
                for entry in values {
                    let value = entry["value"] as? Double ?? 0
                    let index: Int? = (entry["position"] as? String) == "pruned"
                        ? events.players.firstIndex { $0.isPruned }
                        : (entry["position"] as? Int).flatMap { p in events.players.firstIndex { $0.position == p } }
                    largest = max(largest, abs(value - Double(index.map { dense[$0][0] } ?? .nan)))
                }
                differences.append(largest)
                line += ", timeshap \(f(total, 2)) s (pruning_idx \(peer["pruning_idx"] ?? "?")): \(f(total / t, 0))× ; max |Δφ| \(String(format: "%.2e", largest))"
            }
        }
        print(line)
    }
    if !ours.isEmpty {
        let mean = ours.reduce(0, +) / Double(ours.count)
        var summary = "timeshap event level + pruning, one (user, item): RecLens mean \(f(mean * 1000, 2)) ms over \(ours.count) users"
        if !theirs.isEmpty {
            let peerMean = theirs.reduce(0, +) / Double(theirs.count)
            summary += "; timeshap mean \(f(peerMean, 2)) s; ratio \(f(peerMean / mean, 0))× (target ≥ 20×); largest |Δφ| \(String(format: "%.2e", differences.max() ?? 0))"
            PeerTable.shared.add(PeerRow(
                work: "TimeSHAP event level with pruning (η 0.025), one (user, item), mean", data: "ml-100k, \(ours.count) users",
                peer: "timeshap 1.0.4 (torch, 2 threads)", peerSeconds: peerMean, oursSeconds: mean,
                quality: "largest |Δφ| between the two", peerQuality: differences.max() ?? 0, oursQuality: differences.max() ?? 0))
        }
        print(summary)
    }

    }

    // 1b. Without pruning (20 players): KernelSHAP on both sides against exact enumeration (2^20
    // coalitions, feasible with the prefix-sharing evaluator).
    if let peerModel {
        var exactConfiguration = TimeSHAP.Configuration()
        exactConfiguration.eventLevelOnly = true
        exactConfiguration.tolerance = 0
        var kernelConfiguration = exactConfiguration
        kernelConfiguration.exactPlayerLimit = 14
        exactConfiguration.exactPlayerLimit = 20
        for u in users.prefix(2) {
            let seen = split.train.items[split.train.range(ofUser: u)]
            guard let target = model.topK(forUser: u, k: 1, excluding: seen, buffer: &buffer).first?.item else { continue }
            var exactTimes: [Double] = [], exactResult: (events: Attribution, details: SequenceExplanation)?
            for _ in 0..<repeats {
                let (r, t) = BLAS.withSingleThread { seconds { TimeSHAP(model: model, configuration: exactConfiguration).explain(user: u, targets: [target], itemIDs: dataset.itemIDs)! } }
                exactTimes.append(t)
                exactResult = r
            }
            let exact = exactResult!, exactTime = median(exactTimes)
            var generic = exactConfiguration
            generic.treeEnumeration = false
            let (slow, slowTime) = env["TIMESHAP_GENERIC"] == "0" ? (exact, Double.nan)
                : BLAS.withSingleThread { seconds { TimeSHAP(model: model, configuration: generic).explain(user: u, targets: [target], itemIDs: dataset.itemIDs)! } }
            let truth = exact.events.dense().map { Double($0[0]) }
            func error(_ values: [Double]) -> Double { zip(values, truth).map { abs($0 - $1) }.max() ?? .nan }
            var line = "timeshap unpruned, user \(dataset.userIDs[u]) item \(dataset.itemIDs[target]), \(exact.events.players.count) players: exact (prefix tree) \(f(exactTime, 3)) s (median of \(repeats)), generic enumeration \(f(slowTime, 2)) s, max |Δφ| \(String(format: "%.1e", error(slow.events.dense().map { Double($0[0]) })))"
            for budget in [4096, 32000] {
                kernelConfiguration.sampleBudget = budget
                let (kernel, kernelTime) = BLAS.withSingleThread { seconds { TimeSHAP(model: model, configuration: kernelConfiguration).explain(user: u, targets: [target], itemIDs: dataset.itemIDs)! } }
                line += "; RecLens KernelSHAP \(budget): \(f(kernelTime * 1000, 1)) ms, max |φ − exact| \(String(format: "%.2e", error(kernel.events.dense().map { Double($0[0]) })))"
            }
            let sequence = model.inputSequence(ofUser: u).items.map { dataset.itemIDs[Int($0)] }.joined(separator: " ")
            for l1 in [false, true] {
                if let python, let peer = runPeer(python: python, script: peerScript("timeshap_peer.py"), arguments: [
                    "--model", peerModel, "--sequence", sequence, "--target", dataset.itemIDs[target], "--tolerance", "0", "--samples", "32000",
                ] + (l1 ? [] : ["--no-l1"])), let total = peer["seconds_total"] as? Double, let values = peer["events"] as? [[String: Any]] {
                    var byPosition = [Double](repeating: .nan, count: truth.count)
                    for entry in values {
                        if let p = entry["position"] as? Int, let v = entry["value"] as? Double, let i = exact.events.players.firstIndex(where: { $0.position == p }) { byPosition[i] = v }
                    }
                    line += "; timeshap 32000\(l1 ? " (default l1_reg)" : " (l1_reg off)"): \(f(total, 2)) s, max |φ − exact| \(String(format: "%.2e", error(byPosition)))"
                    if l1 {
                        PeerTable.shared.add(PeerRow(
                            work: "TimeSHAP event level, unpruned \(truth.count)-event game: RecLens exact (2^\(truth.count) coalitions) vs timeshap 32,000 samples",
                            data: "ml-100k user \(dataset.userIDs[u])", peer: "timeshap 1.0.4 (torch, 2 threads)", peerSeconds: total, oursSeconds: exactTime,
                            quality: "max |φ − exact φ|", peerQuality: error(byPosition), oursQuality: 0, target: 1))
                    }
                }
            }
            print(line)
        }
    }

    if only == "exact" || peersOnly { return }

    // 2. A whole user: every level, K = 10, on a GRU4Rec with event features.
    let featured = GRU4Rec(train: split.train, dataset: dataset, configuration: GRU4Rec.Configuration())
    let full = TimeSHAP(model: featured)
    var perUser: [Double] = []
    var exactCount = 0
    for u in (0..<split.train.userCount).filter({ split.train.rowCount(ofUser: $0) >= 20 }).prefix(50) {
        let seen = split.train.items[split.train.range(ofUser: u)]
        let targets = featured.topK(forUser: u, k: 10, excluding: seen, buffer: &buffer).map(\.item)
        let (r, t) = BLAS.withSingleThread { seconds { full.explain(user: u, targets: targets, itemIDs: dataset.itemIDs) } }
        if r?.details.exact == true { exactCount += 1 }
        perUser.append(t)
    }
    let mean = perUser.reduce(0, +) / Double(max(perUser.count, 1))
    print("timeshap whole user (event + feature + cell + deletion, K = 10, L = 20, features rating/gap/genres): mean \(f(mean, 3)) s, max \(f(perUser.max() ?? 0, 3)) s over \(perUser.count) users (\(exactCount) exact event games); target < 1 s")
}
