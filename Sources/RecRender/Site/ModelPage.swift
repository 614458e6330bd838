import RecCore

/// `models/<name>.html`: description, metrics against the popularity baseline, hyperparameters,
/// training curves.
struct ModelPage {
    let index: SiteIndex

    func render(_ model: ModelArtifact, renderer: SiteRenderer) -> [(String, String)] {
        let k = index.bundle.manifest.k
        let slug = PathSlug.slug(model.name)
        var context = index.page(title: model.displayName, depth: 1)
        context["model"] = ["displayName": model.displayName, "summary": model.summary]
        let baseline = index.model(named: "popularity")?.metrics
        let rows: [(String, (RankingMetrics) -> Double)] = [
            ("NDCG@\(k)", \.ndcg), ("HitRate@\(k)", \.hitRate), ("Recall@\(k)", \.recall), ("MRR@\(k)", \.mrr), ("Coverage@\(k)", \.coverage),
        ]
        context["metrics"] = rows.map { name, value in
            ["name": name, "value": Display.metric(value(model.metrics)), "baseline": baseline.map { Display.metric(value($0)) } ?? "–"]
        }
        context["evaluation"] = "Top-\(k) lists over the whole catalogue with each user's training items excluded, averaged over \(Display.count(model.metrics.users)) users with a relevant held-out item (\(index.bundle.dataset.split.summary))."
        context["hyperparameters"] = model.hyperparameters.keys.sorted().map { ["name": $0, "value": model.hyperparameters[$0]!] }
        context["hasHyperparameters"] = !model.hyperparameters.isEmpty
        if model.explainer == "itemknn-exact" {
            context["explainer"] = "Exact attributions: each history item's contribution to a recommended item's score is its stored similarity to that item, so the contributions of a user's history add up exactly to the score. Every user page shows them as a heatmap (history events × recommended items)."
        }
        var files: [(String, String)] = []
        if !model.byActivity.isEmpty {
            let chart = SignedBarChart(
                title: "NDCG@\(k) of \(model.displayName) by length of the user's history",
                labels: model.byActivity.map { "\($0.label) (\($0.metrics.users) users)" }, values: model.byActivity.map(\.metrics.ndcg),
                valueAxisTitle: "NDCG@\(k) (0 = no relevant item in the list, 1 = perfect ranking)")
            let figure = PlacedFigure(chart, key: "activity", file: "model-\(slug)-ndcg-by-activity",
                                      caption: "Users grouped by how many training events they have; the bar is the group's mean NDCG@\(k).", root: "../")
            context["activity"] = figure.context
            files += figure.files
        }
        let figures = model.curves.enumerated().map { c, curve in
            PlacedFigure(
                LineChart(title: curve.name, xAxisTitle: "Epoch", yAxisTitle: curve.name,
                          series: [.init(name: curve.name, points: curve.values.enumerated().map { (x: Double($0.offset + 1), y: $0.element) })],
                          logY: curve.logScale),
                key: "curve-\(c)", file: "model-\(slug)-curve-\(c)", caption: "\(curve.name) after each training epoch.", root: "../")
        }
        context["charts"] = figures.map(\.context)
        context["hasCharts"] = !figures.isEmpty
        files += figures.flatMap(\.files)
        files.append(("models/\(slug).html", renderer.page("model", context)))
        return files
    }
}
