import Foundation
import RecApp
import RecCore

// Development diagnostics of the attribution network (ATTR_DIAG, ATTR_CACHE): not part of the bench's table.

func cachedNet(
    _ kind: AttributionNet.Kind, _ train: InteractionMatrix, _ inputs: AttributionInputs, _ c: AttributionNet.Configuration, _ dir: String?
) -> AttributionNet {
    guard let dir else { return AttributionNet(kind: kind, train: train, inputs: inputs, configuration: c) }
    let key = "\(kind.rawValue)-\(String(describing: c).hashValueStable)"
    let path = dir + "/" + key + ".bin"
    let a = AttributionNet.architecture(kind: kind, inputs: inputs, configuration: c, users: train.userCount, items: train.itemCount)
    if let data = FileManager.default.contents(atPath: path) {
        var p = AttributionNetParameters<Float>(architecture: a)
        var offset = 0
        data.withUnsafeBytes { raw in
            let floats = raw.bindMemory(to: Float.self)
            for b in p.blocks.indices {
                for k in p.blocks[b].indices {
                    p.blocks[b][k] = floats[offset]
                    offset += 1
                }
            }
        }
        print("attribution-net  loaded \(path)")
        return AttributionNet(kind: kind, parameters: p, inputs: inputs, configuration: c)
    }
    let net = AttributionNet(kind: kind, train: train, inputs: inputs, configuration: c)
    var data = Data()
    for b in net.parameters.blocks { b.withUnsafeBytes { data.append(contentsOf: $0) } }
    try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    FileManager.default.createFile(atPath: path, contents: data)
    return net
}

extension String {
    /// FNV-1a of the text (Swift's hashValue is seeded per process).
    var hashValueStable: String {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in utf8 { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        return String(h, radix: 16)
    }
}

/// A recommender from a scoring closure over the heads F_s (subset-major) of every item.
struct HeadScoreRecommender: Recommender {
    let net: AttributionNet
    let label: String
    let score: @Sendable ([Float]) -> Float
    var name: String { label }
    var displayName: String { label }
    var summary: String { "" }
    var hyperparameters: [String: String] { [:] }
    var scoreUnit: ScoreUnit { ScoreUnit(short: "s", meaning: "") }
    var itemCount: Int { net.itemCount }
    func scores(forUser user: Int, into scores: inout [Float]) {
        for first in stride(from: 0, to: itemCount, by: 512) {
            let items = Array(first..<min(itemCount, first + 512))
            let heads = net.heads(user: user, items: items)
            for (r, item) in items.enumerated() { scores[item] = score(heads.map { $0[r] }) }
        }
    }
}

func attributionDiagnostics(_ net: AttributionNet, split: Split) {
    let a = net.architecture
    let rule = net.configuration.confidence
    var variants: [(String, @Sendable ([Float]) -> Float)] = []
    for s in a.subsets.indices { variants.append(("head {\(AttributionNet.subsetName(a.subsets[s]))}", { $0[s] })) }
    variants.append(("mixture (as scored)", { AttributionMixture.decompose($0, architecture: a, rule: rule, fullRoot: true).prediction }))
    // Precise: −log(1 − y) in Double, 1 − y = Σ w_s (1 − F_s)/2.
    if a.subsets.count > 1 {
        variants.append(
            (
                "mixture, Double 1−y",
                { h in
                    let d = h.map(Double.init)
                    let alpha = AttributionMixture.weights(d, architecture: a, rule: rule, fullRoot: true)
                    let total = alpha.reduce(0, +)
                    let miss = zip(alpha, d).reduce(0.0) { $0 + $1.0 * (1 - $1.1) / 2 } / total
                    return Float(-log(max(miss, 1e-300)))
                }
            ))
    }
    if ProcessInfo.processInfo.environment["ATTR_DIAG"] == "2" {
        for rule2 in ["centred", "centred-6", "centred-12", "centred-16", "square", "abs"] {
            let r2 = AttributionNet.ConfidenceRule(name: rule2)!
            variants.append(
                ("mixture rule \(rule2)", { AttributionMixture.decompose($0, architecture: a, rule: r2, fullRoot: true).prediction }))
        }
    }
    if a.subsets.count == 1 {
        variants = [
            variants[0], ("as scored", { AttributionMixture.decompose($0, architecture: a, rule: rule, fullRoot: false).prediction }),
        ]
    }
    for (label, score) in variants {
        let m = HeadScoreRecommender(net: net, label: label, score: score)
        let sampled = SampledMetrics.evaluate(m, split: split, k: 10, negatives: 99, seed: 42)
        let full = Evaluator.evaluate(m, split: split, k: 10)
        print(
            "diag  \(label.padding(toLength: 30, withPad: " ", startingAt: 0))  99neg \(String(format: "%.4f %.4f", sampled.hitRate, sampled.ndcg))  full \(String(format: "%.4f %.4f", full.hitRate, full.ndcg))"
        )
    }
    // Ties and saturation of the mixture's top 10, and mean weights over the top 10.
    var ones = 0
    var users = 0
    var tiedTop = 0
    var topWeights = [Double](repeating: 0, count: a.subsets.count)
    var topHeads = [Double](repeating: 0, count: a.subsets.count)
    var buffer: [Float] = []
    for u in 0..<split.train.userCount where split.test.rowCount(ofUser: u) > 0 {
        let top = net.topK(forUser: u, k: 10, excluding: split.train.items[split.train.range(ofUser: u)], buffer: &buffer)
        users += 1
        ones += top.filter { $0.score >= 1 }.count
        if let last = top.last { tiedTop += buffer.filter { $0 == last.score }.count > 1 ? 1 : 0 }
        let heads = net.heads(user: u, items: top.map { $0.item })
        for r in top.indices {
            let w = AttributionMixture.decompose(heads.map { $0[r] }, architecture: a, rule: rule, fullRoot: true).weights
            let n = Double(top.count)
            for s in w.indices {
                let ws = Double(w[s])
                let fs = Double(heads[s][r] + 1) / 2
                topWeights[s] += ws / n
                topHeads[s] += fs / n
            }
        }
    }
    print("diag  top-10: scores ≥ 1: \(ones) of \(users * 10); users with a tie at the 10th: \(tiedTop)")
    print(
        "diag  top-10 mean weights: \(topWeights.map { String(format: "%.3f", $0 / Double(users)) }), mean f_s: \(topHeads.map { String(format: "%.3f", $0 / Double(users)) })"
    )
}
