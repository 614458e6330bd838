import RecCore

/// `explainers.html`: the fidelity benchmark of the explainers (LXR's metrics), per model: a
/// table with intervals and the best value per column marked, curves, agreement, cost.
struct ExplainersPage {
    let index: SiteIndex

    func render(_ fidelity: FidelityArtifact, renderer: SiteRenderer) -> [(String, String)] {
        let s = fidelity.settings
        var context = index.page(title: "Explainers: how faithful are the explanations?", depth: 0)
        let percent = formatFixed(s.confidence * 100, digits: 0)
        let chunkPercent = formatFixed(100 / Double(max(s.chunks, 1)), digits: 0)
        context["intro"] = "Each explainer ranks the history events of a seeded sample of \(Display.count(s.usersSampled)) users (users with at least 2 training events) by its value for the user's top-1 recommendation, the model's best item outside the user's training items. The ranked history is cut into \(s.chunks) chunks of about \(chunkPercent) % each (as numpy.array_split does); step t removes (or keeps) the t most important chunks, t = 0 … \(s.chunks). Each number below is the area under the curve (the mean over the \(s.chunks + 1) steps) averaged over users, with its \(percent) % bootstrap interval (\(Display.count(s.bootstrapResamples)) resamples, seed \(s.seed)) in small text."
        context["definitions"] = definitions(ks: s.ks)
        context["ksText"] = s.ks.map(String.init).joined(separator: ", ")
        var files: [(String, String)] = []
        context["models"] = fidelity.models.map { model -> [String: Any] in
            let (modelContext, figures) = section(model, settings: s)
            files += figures
            return modelContext
        }
        files.append(("explainers.html", renderer.page("explainers", context)))
        return files
    }

    /// Plain-language definitions of the metrics, in table order.
    private func definitions(ks: [Int]) -> [[String: String]] {
        let k = ks.map(String.init).joined(separator: ", ")
        return [
            ["name": "DEL ↓", "text": "Deletion: the recommended item's score after removing the most important events, rescaled so that 1 is its score with the whole history and 0 its score with no history. A faithful explainer removes what matters first, so the score falls fast: lower is better."],
            ["name": "INS ↑", "text": "Insertion: the same score keeping only the most important events. A faithful explainer's top events alone bring most of the score back: higher is better."],
            ["name": "CNDCG ↓", "text": "1/log₂(rank + 1) of the recommended item after removing the most important events (1 = still first). Lower is better: the item should drop fast."],
            ["name": "POS@K ↓", "text": "Share of steps at which the item is still in the top-K (K = \(k)) after removing the most important events. Lower is better."],
            ["name": "NEG@K ↑", "text": "The same removing the least important events first. A faithful explainer's unimportant events can go without losing the item: higher is better."],
        ]
    }

    private func section(_ model: FidelityArtifact.Model, settings s: FidelityArtifact.Settings) -> ([String: Any], [(String, String)]) {
        let slug = PathSlug.slug(model.name)
        let names = model.rows.first?.summary.metrics.map(\.name) ?? FidelityMetric.all(ks: s.ks).map(\.name)
        let lowerIsBetter = model.rows.first?.summary.metrics.map(\.lowerIsBetter) ?? FidelityMetric.all(ks: s.ks).map(\.lowerIsBetter)
        // Best per column, compared at the printed precision so equal-looking values tie.
        let best: [String?] = names.indices.map { m in
            let values = model.rows.compactMap { $0.summary.metrics[m].mean }
            guard model.rows.count > 1, let pick = lowerIsBetter[m] ? values.min() : values.max() else { return nil }
            return Display.metric(pick)
        }
        let rows = model.rows.map { row -> [String: Any] in
            let cells = row.summary.metrics.enumerated().map { m, metric -> [String: Any] in
                guard let mean = metric.mean else { return ["value": "n/a", "undefined": true] }
                let value = Display.metric(mean)
                var cell: [String: Any] = ["value": value, "best": value == best[m]]
                if let low = metric.low, let high = metric.high { cell["interval"] = "[\(Display.metric(low)), \(Display.metric(high))]" }
                if metric.users < row.summary.users { cell["note"] = "\(metric.users) of \(row.summary.users) users" }
                return cell
            }
            return ["explainer": row.explainer, "kind": row.meaning.kind.rawValue, "summary": row.meaning.summary, "cells": cells,
                    "cost": formatFixed(row.evaluationsPerExplanation, digits: 1), "users": Display.count(row.summary.users)]
        }
        // Two tables, so that each fits a desktop column: the metrics that remove the explainer's
        // most important events first (DEL, CNDCG, POS@K), then those that keep only them or
        // remove the least important first (INS, NEG@K), with the cost.
        let removing = names.indices.filter { ["DEL", "CNDCG"].contains(names[$0]) || names[$0].hasPrefix("POS") }
        let keeping = names.indices.filter { !removing.contains($0) }
        let tables = [(removing, "Removing the most important events first", false),
                      (keeping, "Keeping only the most important events, or removing the least important first", true)]
            .filter { !$0.0.isEmpty }
            .map { metricIndices, caption, withCost -> [String: Any] in
                [
                    "caption": caption, "hasCost": withCost,
                    "columns": metricIndices.map { ["name": names[$0], "arrow": lowerIsBetter[$0] ? "↓" : "↑"] },
                    "rows": rows.map { row -> [String: Any] in
                        let cells = row["cells"] as! [[String: Any]]
                        var tableRow: [String: Any] = ["explainer": row["explainer"]!, "cells": metricIndices.map { cells[$0] }]
                        tableRow["cost"] = withCost ? row["cost"]! : false  // false: no cell (and no lookup up the stack)
                        return tableRow
                    },
                ]
            }
        let agreement = model.agreement.map { a -> [String: String] in
            ["first": a.first, "second": a.second, "tau": a.kendallTau.map { formatFixed($0, digits: 3) } ?? "n/a",
             "overlap": a.topOverlap.map { formatFixed($0, digits: 3) } ?? "n/a", "users": Display.count(a.users), "tauUsers": Display.count(a.tauUsers)]
        }
        let figures = curveFigures(model, slug: slug, settings: s)
        let fixedColumns = ["DEL", "INS"].flatMap { name in s.fixedLengths.map { "\(name) K = \($0)" } }
        let fixedRows = model.rows.map { row -> [String: Any] in
            let values = ["DEL", "INS"].flatMap { name -> [String] in
                let fixed = row.summary.metric(name)?.fixed ?? []
                return s.fixedLengths.indices.map { $0 < fixed.count ? Display.metric(fixed[$0]) : "n/a" }
            }
            return ["explainer": row.explainer, "values": values]
        }
        let context: [String: Any] = [
            "fixedColumns": fixedColumns, "fixedRows": fixedRows, "hasFixed": !s.fixedLengths.isEmpty && !model.rows.isEmpty,
            "slug": slug, "displayName": model.displayName, "users": Display.count(model.users),
            "scoring": scoringText(model.historyScoring), "tables": tables, "rows": rows, "charts": figures.map(\.context),
            "agreement": agreement, "hasAgreement": !agreement.isEmpty,
        ]
        return (context, figures.flatMap(\.files))
    }

    private func scoringText(_ scoring: HistoryScoring) -> String {
        switch scoring {
        case .native: "The model scores any subset of a history by construction."
        case .foldIn: "Removing events re-fits the user side to the remaining history with the items frozen (a fold-in), so the full-history scores approximate the trained model's."
        case .constant: "The model's scores do not depend on the history."
        }
    }

    /// DEL, INS and POS@10 (or the middle K) over the steps, one series per explainer.
    private func curveFigures(_ model: FidelityArtifact.Model, slug: String, settings s: FidelityArtifact.Settings) -> [PlacedFigure] {
        let k = s.ks.contains(10) ? 10 : s.ks.isEmpty ? nil : s.ks[s.ks.count / 2]
        var plots: [(metric: String, key: String, y: String, x: String, caption: String)] = [
            ("DEL", "del", "Score of the recommended item (1 = full history, 0 = none)", "Most important chunks removed (t of \(s.chunks))",
             "Deletion curves: the lower and faster a curve falls, the better the explainer found the events the score rests on."),
            ("INS", "ins", "Score of the recommended item (1 = full history, 0 = none)", "Most important chunks kept (t of \(s.chunks))",
             "Insertion curves: the higher and faster a curve rises, the better the explainer's top events alone explain the score."),
        ]
        if let k {
            plots.append(("POS@\(k)", "pos\(k)", "Share of users with the item still in the top-\(k)", "Most important chunks removed (t of \(s.chunks))",
                          "POS@\(k) curves: the share of users whose recommended item stays in the top-\(k); lower means the removed events mattered."))
        }
        return plots.compactMap { plot in
            let series = model.rows.compactMap { row -> LineChart.Series? in
                guard let curve = row.summary.metric(plot.metric)?.curve, !curve.isEmpty else { return nil }
                return LineChart.Series(name: row.explainer, points: curve.enumerated().map { (x: Double($0.offset), y: $0.element) })
            }
            guard !series.isEmpty else { return nil }
            let chart = LineChart(title: "\(plot.metric) of \(model.displayName)", xAxisTitle: plot.x, yAxisTitle: plot.y, series: series)
            return PlacedFigure(chart, key: "\(slug)-\(plot.key)", file: "explainers-\(slug)-\(plot.key)", caption: plot.caption, root: "")
        }
    }
}
