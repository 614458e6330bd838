import Foundation
import RecApp
import RecCore
import RecRender

/// `site`: the weight of the published site, the demo (embedded synthetic data) and DIR, at default
/// settings (all models, the default explainers, fidelity benchmark): bytes and files in all, per
/// explained user and per item, the median user page, build time and render pages/s, against the
/// targets of 120 KB + 3 files per user plus 30 KB + 2 files per item and a median user page ≤ 100 KB.
func runSiteBenchmark(dataPath: String, scratch: URL) throws {
    var runs: [(label: String, data: String?)] = [("demo (embedded synthetic)", nil)]
    if FileManager.default.fileExists(atPath: dataPath) { runs.append((dataPath, dataPath)) } else { print("site     \(dataPath) not found: demo only") }
    for run in runs {
        var settings = BuildSettings()
        settings.data = run.data
        settings.out = scratch.appendingPathComponent("site-weight").path
        settings.artifacts = scratch.appendingPathComponent("site-weight-artifacts").path
        settings.quiet = true
        let (bundle, buildTime) = try time { try SiteBuild.build(settings: settings, progress: Progress(quiet: true)) }
        let files = siteFiles(settings.out)
        let total = files.reduce(0) { $0 + $1.bytes }
        let users = bundle.users.count, items = bundle.dataset.items.count
        let userPages = files.filter { $0.path.hasPrefix("users/") && $0.path != "users/index.html" }
        let itemPages = files.filter { $0.path.hasPrefix("items/") && $0.path != "items/index.html" }
        let userBytes = userPages.reduce(0) { $0 + $1.bytes }, itemBytes = itemPages.reduce(0) { $0 + $1.bytes }
        let median = userPages.map(\.bytes).sorted()[userPages.count / 2]
        let budgetBytes = users * 120_000 + items * 30_000, budgetFiles = users * 3 + items * 2
        print("site     \(run.label): \(users) users, \(items) items: \(fmt(Double(total) / 1e6, 1)) MB in \(files.count) files (budget \(fmt(Double(budgetBytes) / 1e6, 1)) MB, \(budgetFiles) files)")
        print("site       per user \(fmt(Double(userBytes) / Double(max(users, 1)) / 1e3, 1)) KB in \(fmt(Double(userPages.count) / Double(max(users, 1)), 2)) files, median user page \(fmt(Double(median) / 1e3, 1)) KB (target ≤ 100); per item \(fmt(Double(itemBytes) / Double(max(items, 1)) / 1e3, 1)) KB in \(fmt(Double(itemPages.count) / Double(max(items, 1)), 2)) files")
        let read = try ArtifactStore.read(from: settings.artifacts)
        let renderer = try SiteRenderer(templates: try TemplateLoader.load(directory: nil).files)
        let (rendered, renderTime) = time { renderer.render(read) }
        let pages = rendered.keys.count { $0.hasSuffix(".html") }
        print("site       build \(fmt(buildTime, 1)) s; render \(pages) pages in \(fmt(renderTime, 2)) s: \(fmt(Double(pages) / renderTime, 0)) pages/s (target ≥ 1,000)")
    }
}

/// Every file under `folder` with its size.
private func siteFiles(_ folder: String) -> [(path: String, bytes: Int)] {
    var result: [(String, Int)] = []
    let enumerator = FileManager.default.enumerator(atPath: folder)!
    while let relative = enumerator.nextObject() as? String {
        let attributes = try? FileManager.default.attributesOfItem(atPath: folder + "/" + relative)
        guard attributes?[.type] as? FileAttributeType == .typeRegular else { continue }
        result.append((relative, (attributes?[.size] as? Int) ?? 0))
    }
    return result
}
