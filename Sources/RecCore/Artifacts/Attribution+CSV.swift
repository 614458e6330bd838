import Foundation

extension Attribution {
    /// Header of ``csv()``.
    public static let csvHeader = "item,player,position,history_item,value"

    /// The attribution as CSV, one row per (explained item, player), items in recommendation
    /// order and players in their order: `item` the raw id of the explained item, `player` the
    /// player's name, `position` −1 … −L for events and event cells (`pruned` for the pruned
    /// group, empty otherwise), `history_item` the raw id of the event's item (for the pruned group
    /// its events' raw ids, oldest first, separated by spaces), `value` the attribution.
    public func csv() -> String {
        var out = Self.csvHeader + "\n"
        let matrix = dense()
        for (t, target) in targets.enumerated() {
            for (p, player) in players.enumerated() {
                let position = player.isPruned ? "pruned" : player.position.map { "\($0)" } ?? ""
                let history = player.group?.joined(separator: " ") ?? player.historyItem ?? ""
                let fields = [target, player.label, position, history, "\(matrix[p][t])"]
                out += fields.map(csvField).joined(separator: ",") + "\n"
            }
        }
        return out
    }
}

/// RFC 4180 quoting when a field holds a comma, quote or line break.
private func csvField(_ s: String) -> String {
    guard s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return s }
    return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
}
