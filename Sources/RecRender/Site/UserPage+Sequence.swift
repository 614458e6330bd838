import RecCore

/// The TimeSHAP figures of a sequential model on a user page: pruning plot, feature-group bars,
/// cell heatmap, deletion check, and the reason sentence.
extension UserPage {
    func sequenceFigures(_ details: SequenceExplanation, events: Attribution, user: UserArtifact, modelName: String, fileStem: String, key: String, standalone: Bool) -> [PlacedFigure] {
        var figures: [PlacedFigure] = []
        let p = details.pruning
        if p.eventCount > 1 {
            let cuts = p.older.indices.map { Double($0 + 1) }
            var series = [LineChart.Series(name: "|φ| of the older events", points: zip(cuts, p.older).map { (x: $0, y: $1) })]
            series.append(LineChart.Series(name: "|φ| of the recent events", points: zip(cuts, p.recent).map { (x: $0, y: $1) }))
            let chart = LineChart(
                title: "Temporal-coalition pruning for user \(user.id) (\(modelName))", xAxisTitle: "Recent events kept apart (cut)",
                yAxisTitle: "Largest |φ| over the items", series: series,
                referenceLine: p.tolerance > 0 ? .init(y: p.tolerance, label: "η = \(formatFixed(p.tolerance, digits: 3))") : nil)
            let outcome = p.keptCount < p.eventCount
                ? "The first cut where the older events' |φ| is at most η keeps the \(p.keptCount) most recent events as players and groups the \(p.eventCount - p.keptCount) older ones into one “pruned” player."
                : (p.tolerance > 0 ? "No cut brings the older events' |φ| within η, so all \(p.eventCount) events are separate players." : "Pruning is off (η = 0): all \(p.eventCount) events are separate players.")
            figures.append(PlacedFigure(chart, key: "pruning-\(key)", file: "\(fileStem)-pruning",
                                        caption: "Two-player games at every cut: the recent events against all older ones. \(outcome)", root: "../", standalone: standalone))
        }
        if let features = details.features, !features.targets.isEmpty {
            let dense = features.denseValues()
            let values = (0..<dense.players).map { dense.row($0).reduce(0) { $0 + Double($1) } / Double(features.targets.count) }
            let chart = SignedBarChart(
                title: "Feature groups behind \(modelName)'s recommendations for user \(user.id)",
                labels: features.players.map { $0.isPruned ? "pruned events (all features)" : $0.label }, values: values,
                valueAxisTitle: "Mean Shapley value over the \(features.targets.count) recommended items")
            figures.append(PlacedFigure(chart, key: "features-\(key)", file: "\(fileStem)-features",
                                        caption: "Each feature group across the kept events is one player (absent = the baseline event's value); a bar is its mean contribution to the recommended items' scores. Per-item values: reclens attributions --level feature.", root: "../", standalone: standalone))
        }
        if let cells = details.cells, !cells.targets.isEmpty {
            let heatmap = cellHeatmap(cells, user: user, modelName: modelName)
            figures.append(PlacedFigure(heatmap, key: "cells-\(key)", file: "\(fileStem)-cells",
                                        caption: "Cell level for the top recommendation “\(index.title(cells.targets[0]))”: the most important events (rows) × feature groups (columns), each cell one player; the remaining features of an event, the remaining events of a feature and the pruned events are grouped players.", root: "../", standalone: standalone))
        }
        if let d = details.deletion, d.removed.count > 1 {
            let steps = d.removed.map(Double.init)
            let chart = LineChart(
                title: "Deletion check for user \(user.id): “\(index.title(d.target))”", xAxisTitle: "Event players removed",
                yAxisTitle: "Score of the top recommendation",
                series: deletionSeries(steps, attributed: d.attributedScore, random: d.randomScore, randomName: "random order (mean of orders)"))
            let last = d.removed.count - 1
            figures.append(PlacedFigure(chart, key: "deletion-\(key)", file: "\(fileStem)-deletion",
                                        caption: "Removing (replacing by the baseline) the events with the largest attributions first should lower the score faster than removing them at random. After \(d.removed[last]) removals its rank is \(Int(d.attributedRank[last])) (attribution order) against \(formatFixed(d.randomRank[last], digits: 1)) on average (random order).", root: "../", standalone: standalone))
        }
        return figures
    }

    /// Rows: top events, then "other events" and the pruned group; columns: top feature groups,
    /// then "other features"; values for the first explained item.
    func cellHeatmap(_ cells: Attribution, user: UserArtifact, modelName: String) -> Heatmap {
        var rowKeys: [String] = [], columnKeys: [String] = []
        var rowLabels: [String] = [], rowHrefs: [String?] = []
        func rowKey(_ p: Attribution.Player) -> String { p.isPruned ? "pruned" : p.position.map { "\($0)" } ?? "other" }
        for player in cells.players {
            let r = rowKey(player)
            if !rowKeys.contains(r) {
                rowKeys.append(r)
                if player.isPruned {
                    rowLabels.append("\(player.group?.count ?? 0) pruned events")
                    rowHrefs.append(nil)
                } else if let position = player.position {
                    rowLabels.append("\(position) \(player.historyItem.map(index.title) ?? player.label)")
                    rowHrefs.append(player.historyItem.map { "../items/\(index.slug($0)).html" })
                } else {
                    rowLabels.append("other events")
                    rowHrefs.append(nil)
                }
            }
            let c = player.isPruned ? "all features" : player.feature ?? "all features"
            if !columnKeys.contains(c) { columnKeys.append(c) }
        }
        var values = [[Double]](repeating: [Double](repeating: .nan, count: columnKeys.count), count: rowKeys.count)
        let dense = cells.denseValues()
        for (p, player) in cells.players.enumerated() {
            let r = rowKeys.firstIndex(of: rowKey(player))!
            let c = columnKeys.firstIndex(of: player.isPruned ? "all features" : player.feature ?? "all features")!
            values[r][c] = Double(dense[p, 0])
        }
        return Heatmap(
            title: "Events × features behind “\(index.title(cells.targets[0]))” for user \(user.id) (\(modelName))",
            rowLabels: rowLabels, columnLabels: columnKeys, values: values,
            rowAxisTitle: "Event", columnAxisTitle: "Feature group", valueCaption: "Shapley value", rowHrefs: rowHrefs)
    }

    /// "“T” is recommended first mainly because of …" from a TimeSHAP event attribution.
    func sequenceReason(_ events: Attribution, user: UserArtifact) -> String {
        let title = index.title(events.targets[0])
        let gap = Double(events.output[0] - events.baseline[0])
        let first = events.values(forTarget: 0)
        let positive = events.players.indices.filter { first[$0] > 0 }
            .sorted { first[$0] != first[$1] ? first[$0] > first[$1] : $0 > $1 }
        guard !positive.isEmpty, gap > 0 else {
            return "“\(title)” ranks first, but no recent event raises its score above the all-baseline sequence's."
        }
        let top = positive.prefix(3)
        let parts = top.map { p -> String in
            let player = events.players[p]
            if let group = player.group { return "the \(group.count) older events taken together" }
            let position = player.position ?? 0
            let offset = user.history.count + position
            let rating = offset >= 0 && offset < user.history.count ? ", rated \(Display.rating(user.history[offset].rating))★" : ""
            let when = position == -1 ? "your latest event" : "your \(ordinal(-position)) latest event"
            return "“\(player.historyItem.map(index.title) ?? player.label)” (\(when)\(rating))"
        }
        let share = top.reduce(0) { $0 + Double(first[$1]) } / gap
        let list = parts.count == 1 ? parts[0] : parts.dropLast().joined(separator: ", ") + " and " + parts.last!
        return "“\(title)” is recommended first mainly because of \(list): \(top.count == 1 ? "it gives" : "together they give") \(Display.percent(share, digits: 0)) of the score it gains over a sequence of baseline events (\(formatFixed(Double(events.baseline[0]), digits: 3)) → \(formatFixed(Double(events.output[0]), digits: 3)))."
    }
}

private func ordinal(_ n: Int) -> String {
    let suffix = (n % 100 >= 11 && n % 100 <= 13) ? "th" : (n % 10 == 1 ? "st" : n % 10 == 2 ? "nd" : n % 10 == 3 ? "rd" : "th")
    return "\(n)\(suffix)"
}
