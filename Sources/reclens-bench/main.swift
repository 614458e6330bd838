import Foundation
import RecApp
import RecCore
import RecRender

// reclens-bench: speed and memory figures of RecLens, release build.
//
//   swift run -c release reclens-bench [--interactions N] [--data DIR] [--repeat R] [load] [build] [render]
//
// load    time to read a synthetic N-interaction CSV (default 1,000,000) into a Dataset; target < 1 s
// build   full `reclens build` of DIR (default ../shared/data/ml-100k); target < 20 s on 2 cores
// render  pages per second of the renderer on that build's artifacts; target >= 1,000 pages/s
// graph   item-item top-10 cosine of 10,000 × 64 item vectors; stress layout + labels of a 60-node ego graph
// als     ALS (64 factors, 15 iterations, CG and Cholesky) on DIR and a 1M synthetic set: s/iteration,
//         NDCG@10 on an 80/20 random split, explanations/s; with --python PATH also implicit on the same
//         exported split in the same run (scripts/peers/als_implicit_peer.py)
// mf      PMF (adaptive λ) and unregularised MF on DIR, 80/20 random split: test RMSE; NDCG@10 of the
//         other factor models
// gru4rec GRU4Rec (E = H = 64, L = 20, batch 256) on DIR and a synthetic N-interaction set,
//         leave-last-out: s/epoch, HR@10 and NDCG@10 (full ranking); with --python PATH also the same
//         configuration in PyTorch (scripts/peers/gru4rec_torch.py) measured in the same run
// timeshap TimeSHAP on ML-100k: one (user, item) at event level with pruning beside the timeshap package
//         (with --python PATH to a virtualenv with torch and timeshap), and a whole user's levels
// explainers  shap (KernelSHAP) and lime on an imported ALS fold-in beside the shap and lime packages
//         (with --python PATH), same users, same run: seconds per explanation, error against exact
//         Shapley values, time ratios
// site    bytes and files of the demo site and of DIR's (default settings): in all, per user, per item,
//         median user page, build time, render pages/s — against the published-site budget
// vae     Mult-VAE (600 → 2·200 → 600, 100 epochs) on DIR and a synthetic N-interaction set, 80/20 random
//         split: s/epoch, NDCG@10, Recall@20; with --python PATH also the same configuration in PyTorch
//         (scripts/peers/vae_peer.py) on the same exported split in the same run
// lxr     LXR on DIR's default build split: a small hyperparameter search on validation users (POS@20),
//         then the fidelity table (lxr, shap, lime, cosine, jaccard, random, exact/gradient) of vae and
//         mf over the build's 200-user sample with 95 % intervals, LXR training time, ms per explanation
// foldin  per factor model on the synthetic ML-100k shape: scorer build, one mask, one gradient, batched
//         masks (medians over 20 users), and the fold-in agreement with the trained model over 100 users
// peers   every side-by-side comparison with a peer package in one run (never in CI): ALS CG and
//         Cholesky vs implicit (ML-100k and the synthetic N set), PMF and MF vs Surprise SVD / SVD++,
//         GRU4Rec vs PyTorch, TimeSHAP vs timeshap, shap/lime explainers vs the shap and lime packages;
//         then one table of ratios (RecLens time / peer time) with both sides' quality figures,
//         also written as CSV (--csv PATH, default peers.csv). Interpreters: --python PATH (implicit,
//         shap, lime), --python-torch PATH (torch, timeshap; default --python), --python-surprise PATH
//         (scikit-surprise; default --python). See README "Side by side with the peers".
// attribution-net  the attribution network, its 4×-wider plain-MLP baseline, Popularity and ItemKNN on DIR,
//         leave-last-out: HR@10 / NDCG@10 among 99 sampled negatives (the paper's protocol) and full
//         ranking, training seconds; mean subset shares by user activity; agreement with shap
// scale   whole `reclens build` runs as child processes (never in CI): the 10M synthetic set (100,000 users,
//         40,000 items; SCALE_MODELS, default popularity, als, bpr, mf, pmf; 1,000 explained users) against
//         peak RSS ≤ 4 GiB and ≤ 15 min, and the ML-1M shape (6,040 users, 3,706 items, 1M interactions,
//         default models, every user explained): each stage's time and peak RSS, site bytes and files
// ab      the same `reclens build` of DIR (--model-cache none) with two binaries alternated R times
//         (--repeat, default 3): --baseline PATH and --candidate PATH (default the `reclens` beside this
//         binary); per step the median wall and CPU seconds of each and their ratio, the whole build's
//         wall, CPU and peak RSS, and how many site files differ between the two (never in CI)
// Peak memory (max RSS) is printed at the end. No argument runs load, build, render and graph.

BLASCoreSelection.restartIfMisdetected()  // measure the kernels `reclens` runs with

var interactions = 1_000_000
var dataPath = "../shared/data/ml-100k"
var repeats = 3
var python: String? = nil
var pythonTorch: String? = nil
var pythonSurprise: String? = nil
var csvPath = "peers.csv"
var baseline: String? = nil
var candidate: String? = nil
var steps: Set<String> = []
var arguments = CommandLine.arguments.dropFirst().makeIterator()
while let argument = arguments.next() {
    switch argument {
    case "--interactions": interactions = Int(arguments.next() ?? "") ?? interactions
    case "--data": dataPath = arguments.next() ?? dataPath
    case "--repeat": repeats = max(1, Int(arguments.next() ?? "") ?? repeats)
    case "--python": python = arguments.next()
    case "--python-torch": pythonTorch = arguments.next()
    case "--python-surprise": pythonSurprise = arguments.next()
    case "--csv": csvPath = arguments.next() ?? csvPath
    case "--baseline": baseline = arguments.next()
    case "--candidate": candidate = arguments.next()
    case "load", "build", "render", "graph", "als", "mf", "gru4rec", "timeshap", "foldin", "explainers", "site", "vae", "lxr", "peers", "attribution-net", "scale", "ab": steps.insert(argument)
    default:
        FileHandle.standardError.write(Data("usage: reclens-bench [--interactions N] [--data DIR] [--repeat R] [--python PATH] [--python-torch PATH] [--python-surprise PATH] [--csv PATH] [--baseline PATH] [--candidate PATH] [load] [build] [render] [graph] [als] [mf] [gru4rec] [timeshap] [foldin] [explainers] [site] [vae] [lxr] [peers] [attribution-net] [scale] [ab]\n".utf8))
        exit(2)
    }
}
if steps.isEmpty { steps = ["load", "build", "render", "graph"] }

func time<T>(_ body: () throws -> T) rethrows -> (T, Double) {
    let start = DispatchTime.now().uptimeNanoseconds
    let value = try body()
    return (value, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
}

func median(_ xs: [Double]) -> Double { xs.sorted()[xs.count / 2] }
func fmt(_ x: Double, _ digits: Int = 3) -> String { formatFixed(x, digits: digits) }

let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("reclens-bench-\(getpid())")
try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
defer { try? FileManager.default.removeItem(at: scratch) }
print("reclens-bench \(RecLensVersion.string), \(ProcessInfo.processInfo.activeProcessorCount) cores, median of \(repeats) runs")

if steps.contains("load") {
    let (dataset, generation) = time {
        SyntheticGenerator.generate(.shaped(interactions: interactions, seed: 42))
    }
    let csv = scratch.appendingPathComponent("synthetic.csv")
    guard FileManager.default.createFile(atPath: csv.path, contents: Data(SyntheticGenerator.writeCSV(dataset))) else {
        FileHandle.standardError.write(Data("cannot write \(csv.path)\n".utf8))
        exit(1)
    }
    var times: [Double] = []
    var loaded: Dataset?
    for _ in 0..<repeats {
        let (d, t) = try time { try DatasetReader.read(path: csv.path, format: .csv, csv: CSVOptions()) }
        times.append(t)
        loaded = d
    }
    print("load     \(loaded!.interactions.count) interactions CSV (\(loaded!.userCount) users, \(loaded!.itemCount) items): \(fmt(median(times))) s  (target < 1 s; generated in \(fmt(generation)) s)")
}

if steps.contains("graph") {
    var rng = SplitMix64(seed: 11)
    let vectors = Matrix(rows: 10_000, columns: 64, gaussianScale: 1, rng: &rng)
    var times: [Double] = []
    var lists: [[ItemNeighbour]] = []
    for _ in 0..<repeats {
        let (l, t) = time { ItemSimilarity.topNeighbours(of: vectors, count: 10) }
        lists = l
        times.append(t)
    }
    print("graph    top-10 cosine neighbours of 10,000 × 64 items: \(fmt(median(times))) s")
    let graph = EgoGraph(center: 0, radius: 2, neighboursPerNode: 10, maxNodes: 60, neighbours: lists)
    let chart = EgoGraphChart(title: "bench", nodes: graph.nodes.map { .init(label: "Item number \($0.item) (1995)", hop: $0.hop, isQuery: $0.hop == 0) },
                              edges: graph.edges.map { .init(from: $0.from, to: $0.to, weight: $0.weight, similarity: Double($0.similarity)) })
    var layoutTimes: [Double] = []
    for _ in 0..<repeats { layoutTimes.append(time { chart.layout() }.1) }
    print("graph    layout + labels of a \(graph.nodes.count)-node, \(graph.edges.count)-edge ego graph: \(fmt(median(layoutTimes) * 1000, 1)) ms")
}

// Two model sets: the foundation's (popularity, ItemKNN: the issue-2 targets apply) and every model.
let modelSets: [(label: String, models: [String])] = [
    ("foundation models (popularity, itemknn)", ["popularity", "itemknn"]),
    ("all \(BuildSettings.knownModels.count) models", BuildSettings.knownModels),
]
if steps.contains("build") || steps.contains("render") {
    guard FileManager.default.fileExists(atPath: dataPath) else {
        print("build    skipped: \(dataPath) not found")
        exit(0)
    }
    for set in modelSets {
        var settings = BuildSettings()
        settings.data = dataPath
        settings.models = set.models
        settings.out = scratch.appendingPathComponent("site").path
        settings.artifacts = scratch.appendingPathComponent("artifacts").path
        settings.quiet = true
        var times: [Double] = []
        var bundle: ArtifactBundle?
        for _ in 0..<(steps.contains("build") ? repeats : 1) {
            let (b, t) = try time { try SiteBuild.build(settings: settings, progress: Progress(quiet: true)) }
            times.append(t)
            bundle = b
        }
        if steps.contains("build") {
            print("build    \(dataPath), \(set.label): \(bundle!.users.count) users, \(bundle!.dataset.itemCount) items, full build \(fmt(median(times))) s  (target < 20 s)")
        }
        if steps.contains("render"), bundle != nil {
            // Render what `reclens render` renders: the artifacts as read back from disk.
            let bundle = try ArtifactStore.read(from: settings.artifacts)
            let templates = try TemplateLoader.load(directory: nil)
            let renderer = try SiteRenderer(templates: templates.files)
            var renderTimes: [Double] = []
            var pageCount = 0
            for _ in 0..<repeats {
                let (files, t) = time { renderer.render(bundle) }
                pageCount = files.keys.count { $0.hasSuffix(".html") }
                renderTimes.append(t)
            }
            let t = median(renderTimes)
            print("render   \(set.label): \(pageCount) pages (+ figures) in \(fmt(t)) s: \(fmt(Double(pageCount) / t, 0)) pages/s  (target >= 1,000)")
        }
    }
}

if steps.contains("als") { try runALSBenchmark(dataPath: dataPath, interactions: interactions, python: python, scratch: scratch) }
if steps.contains("mf") { try runMFBenchmark(dataPath: dataPath) }
if steps.contains("foldin") { runFoldInBenchmark() }
if steps.contains("site") { try runSiteBenchmark(dataPath: dataPath, scratch: scratch) }
if steps.contains("explainers") { try runExplainersBenchmark(dataPath: dataPath, python: python, scratch: scratch) }
if steps.contains("gru4rec") { try runGRU4RecBenchmark(dataPath: dataPath, interactions: interactions, python: python, scratch: scratch) }
if steps.contains("vae") { try runVAEBenchmark(dataPath: dataPath, interactions: interactions, python: python, scratch: scratch) }
if steps.contains("lxr") { try runLXRBenchmark(dataPath: dataPath) }
if steps.contains("attribution-net") { try runAttributionNetBenchmark(dataPath: dataPath) }
if steps.contains("scale") { try runScaleBenchmark(scratch: scratch) }
if steps.contains("ab") { try runABBenchmark(baseline: baseline, candidate: candidate, data: dataPath, runs: repeats, scratch: scratch) }
if steps.contains("timeshap") { try runTimeSHAPBenchmark(dataPath: dataPath, python: python, scratch: scratch, repeats: repeats) }

if steps.contains("peers") {
    try runPeersBenchmark(dataPath: dataPath, interactions: interactions, python: python, pythonTorch: pythonTorch ?? python,
                          pythonSurprise: pythonSurprise ?? python, scratch: scratch, repeats: repeats, csvPath: csvPath)
}

var usage = rusage()
getrusage(RUSAGE_SELF.rawValue, &usage)
print("memory   peak RSS \(fmt(Double(usage.ru_maxrss) / 1024, 1)) MiB")
