import Foundation

// The `ab` step (never in CI): the same whole `reclens build` with two binaries, alternated, so
// that a slow or noisy machine's drift hits both alike (on the 2-core machine of this project one
// binary's ML-100k build ranged 59–72 s in one morning, so single runs are not comparisons).
//
//   reclens-bench --baseline OLD/reclens [--candidate NEW/reclens] [--repeat R] [--data DIR] ab
//
// Each run is `reclens build --data DIR --model-cache none` into its own scratch folder; each
// binary finds its own templates. Per step, the median over the R runs of each binary and the
// ratio candidate / baseline:
// - the time until the leaderboard's line (load, split, training, evaluation), from the timeline;
// - explaining, the fidelity benchmark, the agreement, artifacts, render and check, from the
//   steps' own log lines (wall, and CPU where the binary prints it);
// - the whole build's wall and CPU time (getrusage of the children) and peak RSS (VmHWM).
// Then how many site files of each baseline–candidate pair differ (0 = the change kept the site's
// bytes).
func runABBenchmark(baseline: String?, candidate: String?, data: String, runs: Int, scratch: URL) throws {
    let beside = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent().appendingPathComponent("reclens").path
    guard let baseline else {
        print("ab       needs --baseline PATH: a reclens binary to compare with (e.g. a clean clone's release build of an older commit)")
        return
    }
    let binaries = [("baseline", baseline), ("candidate", candidate ?? beside)]
    for (name, path) in binaries where !FileManager.default.isExecutableFile(atPath: path) {
        print("ab       \(name) \(path) is not an executable")
        return
    }
    print("ab       baseline \(binaries[0].1)\nab       candidate \(binaries[1].1)\nab       \(runs) runs each, alternated: reclens build --data \(data) --model-cache none")
    var results: [[ABRun]] = [[], []]
    var differing: [Int] = []
    for r in 0..<runs {
        var sites: [String] = []
        for (b, (name, path)) in binaries.enumerated() {
            let folder = scratch.appendingPathComponent("ab-\(name)")
            try? FileManager.default.removeItem(at: folder)
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let site = folder.appendingPathComponent("site").path
            let run = try ABRun.measure(binary: path, arguments: [
                "build", "--data", data, "--model-cache", "none", "--out", site, "--artifacts", folder.appendingPathComponent("artifacts").path,
            ])
            guard run.status == 0 else {
                print("ab       \(name) run \(r + 1) exited with \(run.status)")
                return
            }
            print("ab       run \(r + 1) \(name.padding(toLength: 9, withPad: " ", startingAt: 0)) \(run.summary)")
            fflush(nil)
            results[b].append(run)
            sites.append(site)
        }
        differing.append(differingFiles(sites[0], sites[1]))
    }
    let steps = ABRun.stepNames.filter { step in results.allSatisfy { $0.contains { $0.wall[step] != nil } } }
    print("ab       step (median of \(runs))          baseline    candidate   candidate/baseline")
    func row(_ label: String, _ a: Double?, _ b: Double?, unit: String = "s") {
        guard let a, let b else { return }
        let ratio = a > 0 ? fmt(b / a, 2) : "–"
        print("ab       \(label.padding(toLength: 30, withPad: " ", startingAt: 0)) \((fmt(a, 2) + " " + unit).leftAligned(11)) \((fmt(b, 2) + " " + unit).leftAligned(11)) \(ratio)")
    }
    for step in steps {
        row(step + " (wall)", median(results[0].compactMap { $0.wall[step] }), median(results[1].compactMap { $0.wall[step] }))
        let cpu = results.map { runs in runs.compactMap { $0.cpu[step] } }
        if cpu.allSatisfy({ $0.count == runs }) { row(step + " (CPU)", median(cpu[0]), median(cpu[1])) }
    }
    row("whole build (wall)", median(results[0].map(\.total)), median(results[1].map(\.total)))
    row("whole build (CPU)", median(results[0].map(\.totalCPU)), median(results[1].map(\.totalCPU)))
    row("peak RSS", median(results[0].map { $0.peak / 1024 / 1024 }), median(results[1].map { $0.peak / 1024 / 1024 }), unit: "MiB")
    print("ab       site files that differ between the pair of each run: \(differing.map(String.init).joined(separator: ", "))")
}

/// One child build: its steps' wall and CPU seconds (by step name), the whole run's wall and CPU
/// seconds and peak RSS (bytes), and its exit status.
struct ABRun {
    var wall: [String: Double] = [:]
    var cpu: [String: Double] = [:]
    var total = 0.0, totalCPU = 0.0, peak = 0.0
    var status: Int32 = 0

    static let stepNames = ["until the leaderboard", "explain", "fidelity", "agreement", "artifacts", "render", "check"]
    /// Log-line prefixes (after "reclens: ") of the steps that print their own time.
    static let prefixes = [("explained ", "explain"), ("fidelity benchmark", "fidelity"), ("measured the fold-ins' agreement", "agreement"),
                           ("wrote artifacts", "artifacts"), ("rendered ", "render"), ("checked ", "check")]

    var summary: String {
        let steps = Self.stepNames.compactMap { step in wall[step].map { "\(step) \(fmt($0, 1))" } }.joined(separator: ", ")
        return "whole \(fmt(total, 1)) s, \(fmt(totalCPU, 1)) s CPU, peak \(fmt(peak / 1024 / 1024, 0)) MiB; \(steps)"
    }

    static func measure(binary: String, arguments: [String]) throws -> ABRun {
        var run = ABRun()
        let before = childrenCPUSeconds()
        let (status, wall) = try runChild(URL(fileURLWithPath: binary), arguments) { line, elapsed, pid in
            run.peak = max(run.peak, Double(peakResidentBytes(pid: pid) ?? 0))
            guard line.hasPrefix("reclens: ") else { return }
            let text = String(line.dropFirst("reclens: ".count))
            if text.hasPrefix("computed the leaderboard") { run.wall["until the leaderboard"] = elapsed }
            guard let step = prefixes.first(where: { text.hasPrefix($0.0) })?.1, let times = parseTimes(text) else { return }
            run.wall[step] = times.wall
            if let cpu = times.cpu { run.cpu[step] = cpu }
        }
        (run.total, run.totalCPU, run.status) = (wall, childrenCPUSeconds() - before, status)
        return run
    }

    /// The times of a step line's last parenthesis that starts with a time: "(22.6 s, 45.0 s CPU)",
    /// "(812 ms)", "(2.3 s, 4.6 s CPU; 2449 pages, …)".
    static func parseTimes(_ line: String) -> (wall: Double, cpu: Double?)? {
        for part in line.split(separator: "(").reversed() {
            let fields = part.split(whereSeparator: { $0 == ")" || $0 == ";" }).first.map { $0.split(separator: ",") } ?? []
            guard let first = fields.first, let wall = seconds(first) else { continue }
            let cpu = fields.dropFirst().first.flatMap { field -> Double? in
                let trimmed = field.trimmingCharacters(in: .whitespaces)
                return trimmed.hasSuffix(" CPU") ? seconds(Substring(trimmed.dropLast(4))) : nil
            }
            return (wall, cpu)
        }
        return nil
    }

    /// "22.6 s" or "812 ms" in seconds; nil for anything else.
    static func seconds(_ text: Substring) -> Double? {
        let words = text.split(separator: " ")
        guard words.count == 2, let value = Double(words[0]) else { return nil }
        switch words[1] {
        case "s": return value
        case "ms": return value / 1000
        default: return nil
        }
    }
}

/// User + system CPU seconds of the waited-for children so far.
private func childrenCPUSeconds() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_CHILDREN.rawValue, &usage)
    return Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6 + Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6
}

/// Files present in only one of two folders or with different bytes.
private func differingFiles(_ a: String, _ b: String) -> Int {
    func files(_ folder: String) -> Set<String> {
        var result = Set<String>()
        let enumerator = FileManager.default.enumerator(atPath: folder)
        while let relative = enumerator?.nextObject() as? String {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: folder + "/" + relative, isDirectory: &isDirectory), !isDirectory.boolValue { result.insert(relative) }
        }
        return result
    }
    let left = files(a), right = files(b)
    return left.symmetricDifference(right).count
        + left.intersection(right).filter { FileManager.default.contents(atPath: a + "/" + $0) != FileManager.default.contents(atPath: b + "/" + $0) }.count
}

private func median(_ values: [Double]) -> Double? {
    guard !values.isEmpty else { return nil }
    let sorted = values.sorted(), n = sorted.count
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2
}

private extension String {
    func leftAligned(_ width: Int) -> String { count >= width ? self : self + String(repeating: " ", count: width - count) }
}
