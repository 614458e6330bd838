import Foundation
import RecApp
import RecCore

// LXR benchmark (not a test), on DIR with the build's default split (global time, 20 % test) and
// default models: for `vae` and `mf` (LXR_MODELS, any of vae, mf, pmf, als, itemknn),
//  1. a small hyperparameter search of `lxr` (LXR_GRID: semicolon-separated configurations
//     "hidden,lambda_pos,lambda_neg,alpha,learning_rate[,epochs[,decay_every]]"; default a 6-point grid around the
//     reference's) scored by POS@20 (lower is better) on 100 validation users drawn apart from the
//     build's 200-user fidelity sample, as the LXR authors tuned on POS@20;
//  2. the fidelity table over the build's sample (seed 42, 200 users) with the chosen
//     configuration: lxr, shap, lime, cosine, jaccard, random and the model's exact/gradient
//     explainers, each metric with its 95 % bootstrap interval;
//  3. costs: LXR training seconds per model, explanations per second of lxr, shap and lime.
// LXR_SEARCH=0 skips the search (the default configuration is used).

func runLXRBenchmark(dataPath: String) throws {
    guard FileManager.default.fileExists(atPath: dataPath) else {
        print("lxr      \(dataPath) not found: skipped")
        return
    }
    let env = ProcessInfo.processInfo.environment
    let dataset = try DatasetReader.read(path: dataPath, format: nil)
    let settings = BuildSettings()
    let split = Split(dataset.interactions, strategy: settings.split, minRelevantRating: settings.minRelevantRating, seed: settings.seed)
    let train = split.train
    let context = ExplanationContext(train: train, itemIDs: dataset.itemIDs, titles: (0..<dataset.itemCount).map(dataset.title(ofItem:)), seed: settings.seed)
    let reported = FidelityRunner.sampleUsers(train: train, count: settings.fidelityUsers, seed: settings.seed)
    let rest = (0..<train.userCount).filter { train.rowCount(ofUser: $0) >= 2 && !reported.contains($0) }
    var rng = SplitMix64(seed: settings.seed).derived(0x1C5_5EA2C4)
    let validation = rng.sample(min(100, rest.count), from: rest.count).map { rest[$0] }
    print("lxr      \(dataset.name): time split \(train.count) train; fidelity sample \(reported.count) users, validation \(validation.count) other users")

    let names = (env["LXR_MODELS"] ?? "vae,mf").split(separator: ",").map(String.init)
    let grid: [LXRConfiguration] = env["LXR_GRID"].map { text in
        text.split(separator: ";").compactMap { entry in
            let v = entry.split(separator: ",").compactMap { Double($0) }
            guard v.count >= 5 else { return nil }
            var c = LXRConfiguration(hiddenSize: Int(v[0]), lambdaPositive: v[1], lambdaNegative: v[2], alpha: v[3], learningRate: Float(v[4]))
            if v.count > 5 { c.epochs = Int(v[5]) }
            if v.count > 6 { c.decayEvery = Int(v[6]) }
            return c
        }
    } ?? [
        LXRConfiguration(),
        LXRConfiguration(lambdaPositive: 3.19, lambdaNegative: 0),
        LXRConfiguration(lambdaPositive: 10, lambdaNegative: 1.42),
        LXRConfiguration(lambdaPositive: 3.19, lambdaNegative: 5),
        LXRConfiguration(lambdaPositive: 1, lambdaNegative: 1, alpha: 0.1),
        LXRConfiguration(learningRate: 0.001),
    ]
    for name in names {
        let (trainedModel, fit) = try lxrSeconds { try ModelRegistry.train(name, settings: settings, dataset: dataset, split: split) }
        guard let model = trainedModel as? any HistoryConditionedRecommender else { continue }
        print("lxr      \(name): trained in \(String(format: "%.1f", fit)) s")
        var chosen = LXRConfiguration()
        if env["LXR_SEARCH"] != "0" {
            var best: (pos: Double, configuration: LXRConfiguration)?
            for configuration in grid {
                let explainer = LXRExplainer(configuration: configuration)
                let (trained, seconds) = lxrSeconds { explainer.store.trained(for: model, train: train, configuration: configuration) }
                let output = FidelityRunner().run(models: [model], explainers: [explainer], users: validation, context: context)
                let row = output.artifact.models.first?.rows.first
                let pos = row?.summary.metric("POS@20")?.mean ?? .nan, del = row?.summary.metric("DEL")?.mean ?? .nan
                print("lxr      \(name) search h \(configuration.hiddenSize) λ_pos \(configuration.lambdaPositive) λ_neg \(configuration.lambdaNegative) α \(configuration.alpha) lr \(configuration.learningRate) epochs \(configuration.epochs) decay every \(configuration.decayEvery): validation POS@20 \(f3(pos)) DEL \(f3(del)); loss \(f3(trained.curves[0].values.first ?? .nan)) → \(f3(trained.curves[0].values.last ?? .nan)), mean mask \(f3(trained.curves[3].values.last ?? .nan)); trained in \(String(format: "%.1f", seconds)) s")
                if pos < best?.pos ?? .infinity { best = (pos, configuration) }
            }
            chosen = best?.configuration ?? chosen
        }
        chosen.seed = settings.seed
        var registry = ExplainerSettings()
        registry.seed = settings.seed
        registry.lxr = chosen
        let (trained, training) = lxrSeconds { registry.lxrStore.trained(for: model, train: train, configuration: chosen) }
        let explainers = ["lxr", "shap", "lime", "exact", "gradient", "cosine", "jaccard", "random"].compactMap { ExplainerRegistry.make($0, settings: registry) }
            .filter { $0.applies(to: model) }
        let (output, total) = lxrSeconds { FidelityRunner().run(models: [model], explainers: explainers, users: reported, context: context) }
        print("lxr      \(name): lxr (h \(chosen.hiddenSize), λ_pos \(chosen.lambdaPositive), λ_neg \(chosen.lambdaNegative), α \(chosen.alpha), lr \(chosen.learningRate), \(chosen.epochs) epochs, decay every \(chosen.decayEvery)) trained on \(trained.users) users in \(String(format: "%.1f", training)) s; fidelity over \(reported.count) users in \(String(format: "%.1f", total)) s")
        // One explanation after training: the network's pass over the user's history (the model's
        // full/empty scores that every explanation carries are not counted).
        let inputs = reported.map { u in (Array(Set(train.items[train.range(ofUser: u)].map(Int.init))).sorted(), u) }
        let (checksum, passes) = lxrSeconds {
            var sum: Float = 0
            for _ in 0..<20 { for (items, u) in inputs { sum += trained.mask(history: items, target: u % model.itemCount).reduce(0, +) } }
            return sum
        }
        print("lxr      \(name): one lxr mask (network pass) \(String(format: "%.1f", passes / Double(20 * inputs.count) * 1e6)) µs per user (checksum \(String(format: "%.1f", checksum)))")
        guard let result = output.artifact.models.first else { continue }
        let metrics = ["DEL", "INS", "CNDCG", "POS@5", "POS@10", "POS@20", "NEG@20"]
        print("lxr      \(name) explainer   " + metrics.map { $0.padding(toLength: 21, withPad: " ", startingAt: 0) }.joined() + "ms/explanation")
        for row in result.rows {
            let cells = metrics.map { metric -> String in
                guard let m = row.summary.metric(metric), let mean = m.mean else { return "–".padding(toLength: 21, withPad: " ", startingAt: 0) }
                return "\(f3(mean)) [\(f3(m.low ?? .nan)), \(f3(m.high ?? .nan))]".padding(toLength: 21, withPad: " ", startingAt: 0)
            }
            let ms = output.millisecondsPerExplanation[name]?[row.explainer] ?? .nan
            print("lxr      \(name) \(row.explainer.padding(toLength: 10, withPad: " ", startingAt: 0)) " + cells.joined() + String(format: "%.3f", ms))
        }
        for pair in result.agreement where pair.first == "lxr" || pair.second == "lxr" {
            print("lxr      \(name) agreement \(pair.first)–\(pair.second): Kendall τ \(f3(pair.kendallTau ?? .nan)), top-3 overlap \(f3(pair.topOverlap ?? .nan))")
        }
    }
}

private func f3(_ x: Double) -> String { String(format: "%.3f", x) }

private func lxrSeconds<T>(_ body: () throws -> T) rethrows -> (T, Double) {
    let start = DispatchTime.now().uptimeNanoseconds
    let value = try body()
    return (value, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
}
