import Foundation

extension SyntheticGenerator {
    /// The dataset as a generic ratings CSV: header `user,item,rating,timestamp`, LF line ends,
    /// rows user by user in time order, raw ids. Readable by `CSVParser` with default options.
    /// - Complexity: O(n); about 20 bytes per row.
    public static func writeCSV(_ dataset: Dataset) -> [UInt8] {
        let m = dataset.interactions
        var out: [UInt8] = []
        out.reserveCapacity(m.count * 24 + 64)
        out.append(contentsOf: "user,item,rating,timestamp\n".utf8)
        let users = dataset.userIDs.map { Array($0.utf8) }, items = dataset.itemIDs.map { Array($0.utf8) }
        for u in 0..<m.userCount {
            for k in m.range(ofUser: u) {
                out.append(contentsOf: users[u]); out.append(0x2C)
                out.append(contentsOf: items[Int(m.items[k])]); out.append(0x2C)
                let r = m.ratings[k]
                if r == r.rounded() && abs(r) < 1e9 { appendInteger(Int64(r), to: &out) } else { out.append(contentsOf: String(r).utf8) }
                out.append(0x2C)
                appendInteger(m.timestamps[k], to: &out)
                out.append(0x0A)
            }
        }
        return out
    }

    /// The item catalogue as a CSV with header `item,title,genres` (genres `|`-separated,
    /// titles quoted per RFC 4180 when they hold a comma, quote or line break).
    public static func writeItemsCSV(_ dataset: Dataset) -> [UInt8] {
        var text = "item,title,genres\n"
        for (i, info) in dataset.items.enumerated() {
            let title = info.title.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
                ? "\"" + info.title.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : info.title
            text += "\(dataset.itemIDs[i]),\(title),\(info.genres.map { dataset.genreNames[$0] }.joined(separator: "|"))\n"
        }
        return Array(text.utf8)
    }

    @inline(__always) private static func appendInteger(_ value: Int64, to out: inout [UInt8]) {
        var v = value.magnitude
        if value < 0 { out.append(UInt8(ascii: "-")) }
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var n = 0
        withUnsafeMutableBytes(of: &digits) { buffer in
            repeat {
                buffer[n] = UInt8(48 + v % 10); v /= 10; n += 1
            } while v > 0
            for j in stride(from: n - 1, through: 0, by: -1) { out.append(buffer[j]) }
        }
    }
}
