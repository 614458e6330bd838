import RecCore

/// The global view of a sequential model's TimeSHAP explanations on its model page.
extension ModelPage {
    func sequenceFigures(_ summary: SequenceExplanationSummary, model: ModelArtifact, slug: String, k: Int) -> [PlacedFigure] {
        var figures: [PlacedFigure] = []
        let positions = summary.positionMeanAbs.indices.filter { summary.positionUsers[$0] > 0 }
        if !positions.isEmpty {
            let chart = SignedBarChart(
                title: "Mean |Shapley value| by event position (\(model.displayName))",
                labels: positions.map { "−\($0 + 1) (\(summary.positionUsers[$0]) users\(summary.positionPruned[$0] > 0 ? ", \(Display.percent(summary.positionPruned[$0], digits: 0)) pruned" : ""))" },
                values: positions.map { summary.positionMeanAbs[$0] },
                valueAxisTitle: "Mean |φ| over recommended items and users (score units)")
            figures.append(PlacedFigure(chart, key: "positions", file: "model-\(slug)-positions",
                                        caption: "How much the event at each position (−1 = most recent) moves the recommended items' scores, over the \(summary.users) explained users where that event was a separate player; the share of users whose event at that position was pruned (grouped with the older events) is in brackets.", root: "../"))
        }
        if !summary.features.isEmpty {
            let chart = SignedBarChart(
                title: "Mean Shapley value per feature group (\(model.displayName))",
                labels: summary.features.map { "\($0.name) (mean |φ| \(formatFixed($0.meanAbs, digits: 3)))" }, values: summary.features.map(\.mean),
                valueAxisTitle: "Mean φ over recommended items and users (score units)")
            figures.append(PlacedFigure(chart, key: "feature-means", file: "model-\(slug)-features",
                                        caption: "Feature-level TimeSHAP averaged over the explained users: a positive bar means the group (taken across the kept events) raises the recommended items' scores on average; the mean absolute value shows how much it matters either way.", root: "../"))
        }
        if let d = summary.deletion, d.removed.count > 1 {
            let x = d.removed.map(Double.init)
            let drop = LineChart(
                title: "Deletion curve (\(model.displayName))", xAxisTitle: "Event players removed", yAxisTitle: "Mean drop of the top-1 item's score",
                series: deletionSeries(x, attributed: d.attributedDrop, random: d.randomDrop, randomName: "random order"))
            figures.append(PlacedFigure(drop, key: "deletion", file: "model-\(slug)-deletion",
                                        caption: "Faithfulness check over \(summary.users) users: events (and the pruned group) are replaced by the baseline event, the most attributed first or in random order; a faithful explanation makes the score drop faster than random removal.", root: "../"))
            let kept = LineChart(
                title: "Top-1 item still in the top-\(k) (\(model.displayName))", xAxisTitle: "Event players removed", yAxisTitle: "Share of users",
                series: deletionSeries(x, attributed: d.attributedInTopK, random: d.randomInTopK, randomName: "random order"))
            figures.append(PlacedFigure(kept, key: "deletion-topk", file: "model-\(slug)-deletion-topk",
                                        caption: "Share of users whose top recommendation stays in their top-\(k) after the removals; for random order, the share over users and their seeded random orders (each order counted like the attributed one).", root: "../"))
        }
        return figures
    }
}

/// The two lines of a deletion check: removal by attribution and in random order, against the
/// number of players removed.
func deletionSeries(_ x: [Double], attributed: [Double], random: [Double], randomName: String) -> [LineChart.Series] {
    [
        .init(name: "most attributed first", points: zip(x, attributed).map { (x: $0, y: $1) }),
        .init(name: randomName, points: zip(x, random).map { (x: $0, y: $1) }),
    ]
}
