import Foundation
import RecCore
import RecRender

/// The plain-text dataset card `reclens data inspect` prints.
struct DatasetCard {
    let dataset: Dataset
    init(_ dataset: Dataset) { self.dataset = dataset }

    var text: String {
        let m = dataset.interactions
        var lines: [String] = []
        lines.append("dataset       \(dataset.name) (\(dataset.format.rawValue))")
        lines.append("users         \(dataset.userCount)")
        lines.append("items         \(dataset.itemCount)")
        lines.append("interactions  \(m.count)")
        lines.append("density       \(percent(dataset.density))")
        if let first = m.timestamps.min(), let last = m.timestamps.max() {
            lines.append("time range    \(CalendarDate(unixSeconds: first).isoString) – \(CalendarDate(unixSeconds: last).isoString)")
        }
        var histogram: [Float: Int] = [:]
        for r in m.ratings { histogram[r, default: 0] += 1 }
        lines.append("ratings       " + histogram.keys.sorted().map { "\(trim($0)): \(histogram[$0]!)" }.joined(separator: ", "))
        let perUser = (0..<dataset.userCount).map { m.rowCount(ofUser: $0) }.sorted()
        let perItem = m.itemCounts().sorted()
        lines.append("per user      min \(perUser.first ?? 0), median \(median(perUser)), max \(perUser.last ?? 0)")
        lines.append("per item      min \(perItem.first ?? 0), median \(median(perItem)), max \(perItem.last ?? 0)")
        let total = max(m.count, 1)
        let top = perItem.reversed().prefix(max(1, dataset.itemCount / 10)).reduce(0, +)
        lines.append("long tail     the 10 % most popular items hold \(percent(Double(top) / Double(total))) of interactions")
        if !dataset.genreNames.isEmpty { lines.append("genres        \(dataset.genreNames.joined(separator: ", "))") }
        if let features = dataset.users.first?.features, !features.isEmpty {
            lines.append("user features \(features.map(\.name).joined(separator: ", "))")
        }
        lines.append("fingerprint   \(dataset.fingerprint)")
        return lines.joined(separator: "\n") + "\n"
    }

    private func median(_ sorted: [Int]) -> Int { sorted.isEmpty ? 0 : sorted[sorted.count / 2] }
    private func trim(_ x: Float) -> String { x == x.rounded() ? "\(Int(x))" : "\(x)" }
    private func percent(_ x: Double) -> String {
        let basis = Int((x * 10000).rounded())
        return "\(basis / 100).\(basis % 100 < 10 ? "0" : "")\(basis % 100) %"
    }
}
