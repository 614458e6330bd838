import RecCore

/// A model's own decomposition on a user page (explanations whose meaning is `intrinsic`): a
/// stacked bar per recommended item and a plain-language line per item.
extension UserPage {
    /// What a part of the attribution network stands for, in the reader's terms.
    static func partPhrase(_ part: String) -> String {
        let groups = Set(part.split(separator: " ").filter { $0 != "+" }.map(String.init))
        switch (groups.contains("content"), groups.contains("user"), groups.contains("item")) {
        case (true, false, false): return "your demographics and the item's genres"
        case (_, true, false): return "what the model learned from your own history"
        case (_, false, true): return "this item's own audience"
        case (_, true, true): return "the specific match between you and this item"
        default: return part
        }
    }

    /// "mostly this item's own audience (content + item, 62 %)" or "a mix of …".
    static func partsLine(parts: [String], shares: [Double]) -> String {
        let order = shares.indices.sorted { shares[$0] != shares[$1] ? shares[$0] > shares[$1] : $0 < $1 }
        guard let first = order.first else { return "" }
        if shares[first] >= 0.5 {
            return "mostly \(partPhrase(parts[first])) (\(parts[first]): \(Display.percent(shares[first], digits: 0)))"
        }
        let second = order.dropFirst().first
        return "a mix of \(partPhrase(parts[first])) (\(Display.percent(shares[first], digits: 0)))"
            + (second.map { " and \(partPhrase(parts[$0])) (\(Display.percent(shares[$0], digits: 0)))" } ?? "")
    }

    /// Each target's shares of its prediction, parts in player order.
    static func shares(_ attribution: Attribution) -> [[Double]] {
        let dense = attribution.denseValues()
        return attribution.targets.indices.map { t in
            let output = Double(attribution.output[t])
            return attribution.players.indices.map { output > 0 ? Double(dense[$0, t]) / output : 0 }
        }
    }

    /// The stacked bars, the per-item lines and the reason of an intrinsic explanation.
    func intrinsicContext(_ attribution: Attribution, user: UserArtifact, modelName: String, key: String, fileStem: String,
                          standalone: Bool) -> (figure: PlacedFigure, lines: [[String: Any]], reason: String) {
        let parts = attribution.players.map(\.label)
        let shares = Self.shares(attribution)
        let chart = StackedBarChart(
            title: "Where \(modelName)'s predictions for user \(user.id) come from",
            segments: parts, labels: attribution.targets.enumerated().map { "\($0.offset + 1). \(index.title($0.element))" },
            values: shares, rowHrefs: attribution.targets.map { "../items/\(index.slug($0)).html" },
            valueAxisTitle: "Share of the predicted probability", percent: true)
        let figure = PlacedFigure(chart, key: "bars-\(key)", file: "\(fileStem)-shares",
                                  caption: "Each bar is one recommended item (rank order); its segments are the parts of the predicted probability that each sub-network contributes (content = your demographics with the item's genres and year; user = what the model learned from your history; item = who watches the item). Exact values are in the figure's CSV.",
                                  root: "../", standalone: standalone)
        let lines = attribution.targets.enumerated().map { t, id -> [String: Any] in
            ["rank": "\(t + 1)", "title": index.title(id), "slug": index.slug(id), "score": Display.score(attribution.output[t]),
             "line": Self.partsLine(parts: parts, shares: shares[t])]
        }
        let first = attribution.targets.first.map(index.title) ?? ""
        let reason = attribution.targets.isEmpty ? "" :
            "“\(first)” is recommended first (predicted probability \(Display.score(attribution.output[0]))): \(Self.partsLine(parts: parts, shares: shares[0]))."
        return (figure, lines, reason)
    }
}
