import Foundation

// The `scale` step (never in CI): whole `reclens build` runs on synthetic data of two sizes, each as
// its own child process so that its peak RSS is its own.
//
//   10M         100,000 users, 40,000 items, 10,000,000 interactions; the models that scale to it
//               (SCALE_MODELS, default popularity, als, bpr, mf, pmf); 1,000 explained users,
//               fidelity, render and check; targets: peak RSS ≤ 4 GiB, wall time ≤ 15 min.
//   ML-1M shape 6,040 users, 3,706 items, 1,000,000 interactions, the default models, every user
//               explained: build time and site size.
//
// For each run: every progress line of the build with the wall time since the start and the child's
// peak RSS so far (VmHWM), then the totals and the site's bytes and files. SCALE_RUNS=10m or ml1m
// runs one of them.
func runScaleBenchmark(scratch: URL) throws {
    let reclens = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent().appendingPathComponent("reclens")
    guard FileManager.default.isExecutableFile(atPath: reclens.path) else {
        print("scale    \(reclens.path) not found: build it first (swift build -c release)")
        return
    }
    let env = ProcessInfo.processInfo.environment
    let models = env["SCALE_MODELS"] ?? "popularity,als,bpr,mf,pmf"
    let runs: [(name: String, arguments: [String])] = [
        ("10m", ["--synthetic-size", "100000,40000,10000000", "--models", models, "--users", "1000"]),
        ("ml1m", ["--synthetic-size", "6040,3706,1000000", "--users", "all"]),
    ].filter { run in env["SCALE_RUNS"].map { $0.split(separator: ",").contains(Substring(run.name)) } ?? true }
    for run in runs {
        let folder = scratch.appendingPathComponent("scale-\(run.name)")
        try? FileManager.default.removeItem(at: folder)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let site = folder.appendingPathComponent("site").path, artifacts = folder.appendingPathComponent("artifacts").path
        let arguments = ["build"] + run.arguments + ["--out", site, "--artifacts", artifacts, "--model-cache", "none"]
        print("scale    \(run.name): reclens \(arguments.joined(separator: " "))")
        fflush(nil)
        let (status, wall) = try runChild(reclens, arguments) { line, elapsed, pid in
            guard !line.hasPrefix(" "), !line.isEmpty else { return }
            let peak = peakResidentBytes(pid: pid).map { "\(fmt(Double($0) / 1024 / 1024 / 1024, 2)) GiB" } ?? "?"
            print("scale      \(fmt(elapsed, 1).leftPadded(7)) s  peak \(peak.leftPadded(9))  \(line.replacingOccurrences(of: "reclens: ", with: "").prefix(150))")
            fflush(nil)  // each stage as it ends, also into a file
        }
        var usage = rusage()
        getrusage(RUSAGE_CHILDREN.rawValue, &usage)
        let (bytes, files) = folderSize(site)
        print("scale    \(run.name): exit \(status), wall \(fmt(wall, 1)) s (\(fmt(wall / 60, 1)) min), peak RSS of the children so far \(fmt(Double(usage.ru_maxrss) / 1024 / 1024, 2)) GiB; site \(fmt(Double(bytes) / 1e6, 1)) MB in \(files) files")
    }
}

/// Bytes and regular files under `folder`.
private func folderSize(_ folder: String) -> (bytes: Int, files: Int) {
    var bytes = 0, files = 0
    let enumerator = FileManager.default.enumerator(atPath: folder)
    while let relative = enumerator?.nextObject() as? String {
        let attributes = try? FileManager.default.attributesOfItem(atPath: folder + "/" + relative)
        guard attributes?[.type] as? FileAttributeType == .typeRegular else { continue }
        bytes += (attributes?[.size] as? Int) ?? 0
        files += 1
    }
    return (bytes, files)
}

private extension String {
    func leftPadded(_ width: Int) -> String { count >= width ? self : String(repeating: " ", count: width - count) + self }
}
