import RecCore

/// `users/<id>.html`: history timeline, each model's top-K list, attribution heatmap and a
/// plain-language reason.
struct UserPage {
    let index: SiteIndex
    /// Heatmap rows: the most important history events; the rest are summed in one row.
    static let heatmapRows = 8
    /// History table rows (most recent first); the timeline and its CSV hold every event.
    static let historyRows = 30

    func render(_ user: UserArtifact, renderer: SiteRenderer) -> [(String, String)] {
        let slug = PathSlug.slug(user.id)
        var files: [(String, String)] = []
        var context = index.page(title: "User \(user.id)", depth: 1)
        let relevantCount = user.heldOut.filter { $0.relevant == true }.count
        var facts: [String: Any] = [
            "id": user.id, "historyCount": "\(user.history.count)", "heldOutCount": "\(user.heldOut.count)",
            "relevantCount": "\(relevantCount)", "features": user.features.map { ["name": $0.name, "value": $0.value] },
        ]
        if let first = user.history.first, let last = user.history.last {
            let (from, to) = (Display.date(first.timestamp), Display.date(last.timestamp))
            facts["span"] = from == to ? "on \(from)" : "from \(from) to \(to)"
        }
        context["user"] = facts
        let count = user.history.count
        let shown = min(count, Self.historyRows)
        context["historyShown"] = "\(shown)"
        context["historyTruncated"] = shown < count
        context["history"] = user.history.enumerated().reversed().prefix(Self.historyRows).map { offset, event in
            [
                "position": "\(offset - count)", "date": Display.date(event.timestamp), "title": index.title(event.item),
                "slug": index.slug(event.item), "rating": Display.rating(event.rating),
            ]
        }
        context["hasHeldOut"] = !user.heldOut.isEmpty
        context["heldOut"] = user.heldOut.map {
            ["title": index.title($0.item), "slug": index.slug($0.item), "rating": Display.rating($0.rating), "relevant": $0.relevant == true] as [String: Any]
        }
        if !user.history.isEmpty {
            let timeline = Timeline(
                title: "History of user \(user.id)",
                points: user.history.map { Timeline.Point(time: $0.timestamp, value: Double($0.rating), label: index.title($0.item)) },
                valueAxisTitle: "Rating")
            let figure = PlacedFigure(timeline, key: "timeline", file: "user-\(slug)-timeline",
                                      caption: "Each dot is one training event: when it happened and the rating given (darker where events overlap). The table below names the most recent ones.", root: "../",
                                      standalone: renderer.pageFigures)
            context["timeline"] = figure.context
            files += figure.files
        }
        var glance: [[String: Any]] = []
        var explainedOnPage: Set<String> = []
        var readingExplained = false
        context["models"] = user.recommendations.map { recommendations -> [String: Any] in
            let model = index.model(named: recommendations.model)
            let modelSlug = PathSlug.slug(recommendations.model)
            let integral = recommendations.items.allSatisfy { $0.score == $0.score.rounded() }
            var entry: [String: Any] = [
                "slug": modelSlug, "displayName": model?.displayName ?? recommendations.model, "hasItems": !recommendations.items.isEmpty,
                "scoreUnit": model?.scoreUnit?.short ?? "", "scoreMeaning": model?.scoreUnit?.meaning ?? "",
            ]
            let modelName = model?.displayName ?? recommendations.model
            var explanations: [[String: Any]] = []
            var attributionTable: AttributionTable?
            let shown = recommendations.explanations.filter { !$0.attribution.targets.isEmpty }
            for (index, explanation) in shown.enumerated() {
                let attribution = explanation.attribution
                // Every explanation shows its top events (the #1 item's values); only the first
                // one's table needs every item's.
                let top = attribution.values(forTarget: 0)
                let key = "\(modelSlug)-\(PathSlug.slug(explanation.explainer))"
                var item: [String: Any] = [
                    "name": explanation.explainer, "kind": attribution.meaning.kind.rawValue, "id": key,
                    "top": topEvents(attribution, top: top, count: 3), "primary": index == 0, "last": index == shown.count - 1,
                ]
                // What an explainer's values mean is said once per page, under its first table.
                if index == 0, explainedOnPage.insert(explanation.explainer).inserted { item["meaning"] = attribution.meaning.summary }
                // The model's first explainer gets the reason and the explanation table (and for
                // sequences its TimeSHAP figures); the others' top events make one sentence.
                if index == 0, attribution.meaning.kind == .intrinsic {
                    let intrinsic = intrinsicContext(attribution, user: user, modelName: modelName, key: key, fileStem: "user-\(slug)-\(key)",
                                                     standalone: renderer.pageFigures)
                    item["reason"] = intrinsic.reason
                    item["bars"] = intrinsic.figure.context
                    item["hasBars"] = true
                    item["partLines"] = intrinsic.lines
                    item["hasPartLines"] = !intrinsic.lines.isEmpty
                    files += intrinsic.figure.files
                } else if index == 0 {
                    item["reason"] = reason(attribution, top: top, user: user, sequential: explanation.sequence != nil,
                                            modelScores: recommendations.items.map { Double($0.score) })
                    let (heatmap, rows) = heatmap(attribution, dense: attribution.denseValues(), top: top, user: user, modelName: modelName)
                    let caption = heatmapCaption(attribution, heatmap: heatmap, user: user, modelScores: recommendations.items.map { Double($0.score) })
                    let file = "user-\(slug)-\(key)-attribution"
                    // The chart is the table on the page; its SVG + CSV are written on demand.
                    if renderer.pageFigures {
                        files += PlacedFigure(heatmap, key: "heatmap-\(key)", file: file, caption: caption, root: "../").files
                    }
                    let table = AttributionTable(heatmap: heatmap, targets: attribution.targets,
                                                 positions: rows.map(\.position), titles: rows.map(\.title), hrefs: heatmap.rowHrefs)
                    attributionTable = table
                    var context: [String: Any] = [
                        "events": table.events, "eventCount": "\(table.events.count)", "legend": table.legend, "caption": caption,
                        "valueName": attribution.meaning.valueName, "id": key,
                    ]
                    // How to read the cells is said under the page's first table.
                    if !readingExplained {
                        context["reading"] = "Each cell is a history event's (column) \(attribution.meaning.valueName) for a recommended item (row): purple positive, orange negative."
                        readingExplained = true
                    }
                    if renderer.pageFigures { context["file"] = file }
                    entry["table"] = context
                    if let details = explanation.sequence {
                        let figures = sequenceFigures(details, events: attribution, user: user, modelName: modelName, fileStem: "user-\(slug)-\(key)", key: key,
                                                      standalone: renderer.pageFigures)
                        item["sequenceFigures"] = figures.map(\.context)
                        item["hasSequenceFigures"] = !figures.isEmpty
                        item["sequenceNote"] = "TimeSHAP on the \(details.pruning.eventCount) most recent events; absent events are replaced by the \(details.baseline); \(details.methodNote(players: attribution.players.count))."
                        files += figures.flatMap(\.files)
                    }
                }
                explanations.append(item)
            }
            // The list, built once the explanation table (if any) can add each row's cells.
            entry["items"] = recommendations.items.map {
                var row: [String: Any] = ["rank": "\($0.rank)", "title": index.title($0.item), "slug": index.slug($0.item),
                                          "score": integral ? Display.count(Int($0.score)) : Display.score($0.score), "relevant": $0.relevant]
                if let table = attributionTable { row["cells"] = table.cellMarkup(for: $0.item) }
                return row
            }
            if let first = recommendations.items.first {
                var row: [String: Any] = ["slug": modelSlug, "displayName": modelName, "title": index.title(first.item), "itemSlug": index.slug(first.item),
                                          "hits": "\(recommendations.items.filter(\.relevant).count)"]
                // The primary explainer's first event, already ranked for its row of `explanations`.
                if let primary = shown.first, let top = (explanations.first?["top"] as? [[String: Any]])?.first {
                    row["because"] = top
                    row["explainer"] = primary.explainer
                }
                glance.append(row)
            }
            if let first = recommendations.items.first, shown.count > 1 {
                entry["comparisonTitle"] = "“\(index.title(first.item))”"
            }
            entry["otherNames"] = shown.dropFirst().map(\.explainer).joined(separator: ", ")
            entry["userID"] = user.id
            entry["modelName"] = recommendations.model
            entry["hasFidelity"] = self.index.fidelity(ofModel: recommendations.model) != nil
            entry["hasComparison"] = shown.count > 1
            entry["explanations"] = explanations
            entry["others"] = Array(explanations.dropFirst())
            entry["hasExplanations"] = !explanations.isEmpty
            if explanations.isEmpty, let note = model?.historyScoring, note.kind == .constant, let first = recommendations.items.first {
                let interactions = index.itemIndex[first.item].map { index.bundle.dataset.items[$0].trainInteractions } ?? 0
                entry["reason"] = "\(modelName) recommends the most-watched items this user has not seen yet: “\(index.title(first.item))” has \(Display.count(interactions)) training interactions. The list is the same for everyone, so no history item explains it."
            }
            return entry
        }
        context["glance"] = glance
        context["hasGlance"] = !glance.isEmpty
        context["contents"] = user.recommendations.map { ["slug": PathSlug.slug($0.model), "displayName": index.model(named: $0.model)?.displayName ?? $0.model] }
        if !renderer.pageFigures { context["figureCommand"] = "reclens figure users/\(slug).html" }
        files.append(("users/\(slug).html", renderer.page("user", context)))
        return files
    }

    /// The `count` events with the largest values for the top recommendation, largest first.
    func topEvents(_ attribution: Attribution, top: [Float], count: Int) -> [[String: Any]] {
        let ranked = rankedForTop(attribution, top: top, limit: count)
        return ranked.map { p in
            let player = attribution.players[p]
            let title = player.group.map { "\($0.count) older events" } ?? player.historyItem.map(index.title) ?? player.label
            var entry: [String: Any] = ["title": title, "value": Display.score(top[p]), "linked": player.historyItem != nil, "last": p == ranked.last]
            if let id = player.historyItem { entry["slug"] = index.slug(id) }
            return entry
        }
    }

    /// Players with a non-zero value for the top recommendation, largest value first (ties: the
    /// more recent event first).
    /// At most `limit` of them: the first `limit` of the whole ranking, found in one pass.
    /// - Parameter top: each player's value for the top recommendation
    ///   (`attribution.values(forTarget: 0)`).
    func rankedForTop(_ attribution: Attribution, top: [Float], limit: Int? = nil) -> [Int] {
        // The sort keys in flat arrays: comparing through `players[p]` copies a player per
        // comparison, for histories of hundreds of events.
        let position = attribution.players.map { $0.position ?? 0 }
        let candidates = attribution.players.indices.filter { top[$0] != 0 }
        let before: (Int, Int) -> Bool = { top[$0] != top[$1] ? top[$0] > top[$1] : position[$0] > position[$1] }
        guard let limit else { return candidates.sorted(by: before) }
        return Self.first(limit, of: candidates, by: before)
    }

    /// `indices.sorted(by: before).prefix(count)` (a stable sort) in O(n · count): each index is
    /// inserted after every kept index it does not strictly precede.
    static func first(_ count: Int, of indices: [Int], by before: (Int, Int) -> Bool) -> [Int] {
        var kept: [Int] = []
        kept.reserveCapacity(count + 1)
        for index in indices {
            var slot = kept.count
            while slot > 0 && before(index, kept[slot - 1]) { slot -= 1 }
            if slot < count {
                kept.insert(index, at: slot)
                if kept.count > count { kept.removeLast() }
            }
        }
        return kept
    }

    /// Rows: the events the reason names (the three largest values for the #1 item), then the
    /// largest total |contribution| over all items, `heatmapRows` in all, most recent first; the
    /// caption says how much of each score the others give. Also each row's position label and
    /// title, the column headers of the explanation table.
    func heatmap(_ attribution: Attribution, dense: Attribution.DenseValues, top: [Float], user: UserArtifact, modelName: String) -> (Heatmap, [(position: String, title: String)]) {
        let importance = (0..<dense.players).map { dense.row($0).reduce(0) { $0 + abs(Double($1)) } }
        // The events the reason names (largest values for the #1 item) are always rows; the
        // other rows are the largest contributors over all items.
        let named = rankedForTop(attribution, top: top, limit: 3)
        let position = attribution.players.map { $0.position ?? -1_000_000 }
        let others = Self.first(Self.heatmapRows, of: attribution.players.indices.filter { !named.contains($0) }) {
            importance[$0] != importance[$1] ? importance[$0] > importance[$1] : position[$0] > position[$1]
        }
        let shown = (named + others).prefix(Self.heatmapRows)
            .sorted { position[$0] > position[$1] }
        var labels: [String] = [], hrefs: [String?] = [], values: [[Double]] = []
        var rows: [(position: String, title: String)] = []
        for p in shown {
            let player = attribution.players[p]
            if let group = player.group {
                labels.append("\(group.count) older events (pruned)")
                rows.append(("", "\(group.count) older events (pruned)"))
            } else {
                let title = player.historyItem.map(index.title) ?? player.label
                labels.append("\(player.position.map { "\($0)" } ?? "") \(title)")
                rows.append((player.position.map { AttributionTable.signed("\($0)") } ?? "", title))
            }
            hrefs.append(player.historyItem.map { "../items/\(index.slug($0)).html" })
            values.append(dense.row(p).map(Double.init))
        }
        return (Heatmap(
            title: "Why \(modelName) recommends these items to user \(user.id) (\(attribution.explainer))",
            rowLabels: labels, columnLabels: attribution.targets.enumerated().map { "\($0.offset + 1). \(index.title($0.element))" },
            values: values, rowAxisTitle: "History event (−1 = latest)", columnAxisTitle: "Recommended item (rank in the list above)",
            valueCaption: attribution.meaning.valueName, rowHrefs: hrefs,
            columnHrefs: attribution.targets.map { "../items/\(index.slug($0)).html" },
            columnTicks: attribution.targets.indices.map { "\($0 + 1)" }), rows)
    }

    /// What the heatmap shows and how much of each score the shown rows explain.
    func heatmapCaption(_ attribution: Attribution, heatmap: Heatmap, user: UserArtifact, modelScores: [Double] = []) -> String {
        let shares = attribution.targets.indices.compactMap { t -> Double? in
            let total = Double(attribution.output[t] - attribution.baseline[t])
            guard total != 0 else { return nil }
            return heatmap.values.reduce(0) { $0 + $1[t] } / total
        }
        let meaning = attribution.meaning
        var caption = ""
        if meaning.additive {
            caption += Self.differs(attribution, from: modelScores)
                ? "An item's values add up to its re-solved score (the user's vector fitted again to this history, which can differ slightly from the model's score in the table) minus its score with an empty history."
                : "An item's values add up to its score minus its score with an empty history."
        } else {
            caption += "They rank the history but do not add up to the score."
        }
        let others = attribution.players.count - heatmap.rowLabels.count
        if meaning.additive, others > 0, let low = shares.min(), let high = shares.max() {
            caption += " The \(heatmap.rowLabels.count) events shown (the largest contributors) give \(Display.percent(low, digits: 0))–\(Display.percent(high, digits: 0)) of each item's total; the other \(others) events give the rest."
        }
        caption += " Exact values: the chart's CSV."
        return caption
    }

    /// Whether the explained scores (`output`) differ from the model's scores in the table (a
    /// fold-in explanation of a model whose trained user vector is not the re-solved one).
    static func differs(_ attribution: Attribution, from modelScores: [Double]) -> Bool {
        zip(attribution.output, modelScores).contains { abs(Double($0) - $1) > 5e-4 * max(1, abs($1)) }
    }

    /// "“T” is recommended first mainly because of …" from the top-1 target's largest positive
    /// values; shares of the score are quoted only when the values add up to it.
    /// - Parameters:
    ///   - top: `attribution.values(forTarget: 0)`, computed once per explanation by the caller.
    ///   - sequential: the explanation carries sequence details (absent events were replaced by
    ///     baseline events, older ones possibly grouped): the reason says so.
    ///   - modelScores: the model's scores of the targets (the table beside the reason); when the
    ///     explained scores differ, the reason quotes both.
    func reason(_ attribution: Attribution, top: [Float], user: UserArtifact, sequential: Bool = false, modelScores: [Double] = []) -> String {
        if sequential || attribution.players.contains(where: { $0.group != nil }) {
            return sequenceReason(attribution, user: user)
        }
        let meaning = attribution.meaning
        let output = Double(attribution.output[0]), baseline = Double(attribution.baseline[0])
        // The same order as the table's columns (`rankedForTop`: ties go to the more recent event),
        // so that the events named are the ones shown.
        let positive = rankedForTop(attribution, top: top).filter { top[$0] > 0 }
            .map { (player: $0, value: top[$0]) }
        let title = index.title(attribution.targets[0])
        guard !positive.isEmpty else {
            return "“\(title)” ranks first, but no history event has a positive \(meaning.valueName) for it."
        }
        let latest = user.history.last?.timestamp ?? 0
        let top = positive.prefix(3)
        let parts = top.map { cell -> String in
            let player = attribution.players[cell.player]
            let offset = user.history.count + (player.position ?? 0)
            let event = offset >= 0 && offset < user.history.count ? user.history[offset] : nil
            let when = event.map { latest - $0.timestamp < 86_400 ? "one of your latest events" : "\(Display.duration(latest - $0.timestamp)) before your latest event" } ?? ""
            let rated = event.map { "rated \(Display.rating($0.rating))★, " } ?? ""
            return "“\(player.historyItem.map(index.title) ?? player.label)” (\(rated)\(when))"
        }
        let list = parts.count == 1 ? parts[0] : parts.dropLast().joined(separator: ", ") + " and " + parts.last!
        guard meaning.additive, meaning.scoreUnits, output - baseline > 0 else {
            return "“\(title)” is recommended first; by \(meaning.kind.rawValue), the history items that weigh most for it are \(list)."
        }
        let share = top.reduce(0) { $0 + Double($1.value) } / (output - baseline)
        var gain = baseline == 0
            ? "of its score \(formatFixed(output, digits: 3))"
            : "of the score it gains over an empty history (\(formatFixed(baseline, digits: 3)) → \(formatFixed(output, digits: 3)))"
        if let modelScore = modelScores.first, Self.differs(attribution, from: modelScores) {
            gain = (baseline == 0 ? "of its re-solved score \(formatFixed(output, digits: 3))" : "of the re-solved score it gains over an empty history (\(formatFixed(baseline, digits: 3)) → \(formatFixed(output, digits: 3)))")
                + " — the user's vector fitted again to this history; the trained model's score in the table is \(formatFixed(modelScore, digits: 3))"
        }
        return "“\(title)” is recommended first mainly because of \(list): \(top.count == 1 ? "this event gives" : "these \(top.count) events give") \(Display.percent(share, digits: 0)) \(gain). In all, \(positive.count) of the \(user.history.count) history events add to it."
    }
}
