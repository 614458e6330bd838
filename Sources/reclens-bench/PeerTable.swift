import Foundation

/// One side-by-side comparison of the `peers` step: the same work done by RecLens and by a peer
/// package in the same run, with each side's time and quality figure.
struct PeerRow {
    /// What was done ("ALS CG(3), 64 factors, s/iteration").
    var work: String
    /// Data it was done on ("ml-100k 80/20").
    var data: String
    /// The peer package and its settings.
    var peer: String
    var peerSeconds: Double
    var oursSeconds: Double
    /// Quality measure and both sides' values ("NDCG@10", 0.35, 0.34); nil when not applicable.
    var quality: String = ""
    var peerQuality: Double? = nil
    var oursQuality: Double? = nil
    /// The target ratio (ours / peer) when the issue sets one.
    var target: Double? = nil

    /// Adds a row to `PeerTable.shared`.
    static func add(work: String, data: String, peer: String, peerSeconds: Double, oursSeconds: Double, quality: String = "",
                    peerQuality: Double? = nil, oursQuality: Double? = nil, target: Double? = nil) {
        PeerTable.shared.add(PeerRow(work: work, data: data, peer: peer, peerSeconds: peerSeconds, oursSeconds: oursSeconds, quality: quality,
                                     peerQuality: peerQuality, oursQuality: oursQuality, target: target))
    }

    /// RecLens's time over the peer's: below 1 RecLens is faster.
    var ratio: Double { oursSeconds / peerSeconds }
}

/// The rows collected by the benchmarks in this run (the `peers` step prints them as one table
/// and writes them as CSV). Benchmarks run one after another on the main thread.
final class PeerTable: @unchecked Sendable {
    static let shared = PeerTable()
    private(set) var rows: [PeerRow] = []

    func add(_ row: PeerRow) { rows.append(row) }

    private static func number(_ x: Double?, _ digits: Int) -> String {
        guard let x, x.isFinite else { return "" }
        return String(format: "%.\(digits)f", x)
    }

    /// Quality figures: 4 decimals, or 2 significant digits in e-notation below 0.001 (errors).
    private static func quality(_ x: Double?) -> String {
        guard let x, x.isFinite else { return "" }
        return x != 0 && abs(x) < 0.001 ? String(format: "%.1e", x) : String(format: "%.4f", x)
    }

    private static func seconds(_ x: Double) -> String {
        x >= 10 ? String(format: "%.1f", x) : x >= 0.1 ? String(format: "%.3f", x) : String(format: "%.4f", x)
    }

    /// The table as Markdown (for the terminal and the README).
    func markdown() -> String {
        var text = "| work | data | peer | peer s | RecLens s | ratio | target | quality | peer | RecLens |\n|---|---|---|---|---|---|---|---|---|---|\n"
        for r in rows {
            let met = r.target.map { r.ratio <= $0 ? "≤ \(Self.number($0, 2)) ✓" : "≤ \(Self.number($0, 2)) ✗" } ?? ""
            // A `|` inside a cell (|Δφ|) is escaped, so the table pastes into Markdown as printed.
            func cell(_ s: String) -> String { s.replacingOccurrences(of: "|", with: "\\|") }
            text += "| \(cell(r.work)) | \(cell(r.data)) | \(cell(r.peer)) | \(Self.seconds(r.peerSeconds)) | \(Self.seconds(r.oursSeconds)) | \(Self.number(r.ratio, 2)) | \(met) | \(cell(r.quality)) | \(Self.quality(r.peerQuality)) | \(Self.quality(r.oursQuality)) |\n"
        }
        return text
    }

    /// The table as CSV (`work,data,peer,peer_seconds,reclens_seconds,ratio,target,quality,peer_quality,reclens_quality`).
    func csv() -> String {
        func field(_ s: String) -> String { s.contains(",") || s.contains("\"") ? "\"\(s.replacingOccurrences(of: "\"", with: "\"\""))\"" : s }
        var text = "work,data,peer,peer_seconds,reclens_seconds,ratio,target,quality,peer_quality,reclens_quality\n"
        for r in rows {
            text += [field(r.work), field(r.data), field(r.peer), String(format: "%.6f", r.peerSeconds), String(format: "%.6f", r.oursSeconds),
                     String(format: "%.4f", r.ratio), Self.number(r.target, 2), field(r.quality), r.peerQuality.map { String(format: "%.6g", $0) } ?? "",
                     r.oursQuality.map { String(format: "%.6g", $0) } ?? ""].joined(separator: ",") + "\n"
        }
        return text
    }
}
