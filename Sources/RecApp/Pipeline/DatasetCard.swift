import Foundation
import RecCore

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
            lines.append("time range    \(utcDate(first)) – \(utcDate(last))")
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

/// "1997-09-20" for Unix seconds (UTC), without Foundation date formatting.
func utcDate(_ seconds: Int64) -> String {
    let days = Int((seconds >= 0 ? seconds : seconds - 86_399) / 86_400)
    // Civil-from-days (Howard Hinnant).
    let z = days + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let doe = z - era * 146_097
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    let mp = (5 * doy + 2) / 153
    let d = doy - (153 * mp + 2) / 5 + 1
    let month = mp < 10 ? mp + 3 : mp - 9
    let year = yoe + era * 400 + (month <= 2 ? 1 : 0)
    func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
    return "\(year)-\(two(month))-\(two(d))"
}
