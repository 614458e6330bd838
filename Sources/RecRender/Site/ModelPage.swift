import RecCore

/// `models/<name>.html`: description, metrics against the popularity baseline, hyperparameters,
/// training curves.
struct ModelPage {
    let index: SiteIndex

    func render(_ model: ModelArtifact, renderer: SiteRenderer) -> [(String, String)] {
        let k = index.bundle.manifest.k
        let slug = PathSlug.slug(model.name)
        var context = index.page(title: model.displayName, depth: 1)
        context["model"] = ["displayName": model.displayName, "summary": model.summary, "scoreMeaning": model.scoreUnit?.meaning ?? ""]
        let popularity = index.model(named: "popularity")
        let baseline = popularity?.metrics
        let rows: [(String, (RankingMetrics) -> Double)] = [
            ("NDCG@\(k)", \.ndcg), ("HitRate@\(k)", \.hitRate), ("Recall@\(k)", \.recall), ("MRR@\(k)", \.mrr), ("Coverage@\(k)", \.coverage),
        ]
        var metricRows = rows.map { name, value in
            ["name": name, "value": Display.metric(value(model.metrics)), "baseline": baseline.map { Display.metric(value($0)) } ?? "–"]
        }
        if let rmse = model.rmse {
            metricRows.append(["name": "RMSE (held-out ratings)", "value": Display.metric(rmse), "baseline": "–"])
        }
        if let sampled = model.sampled {
            let popular = popularity?.sampled
            metricRows.append(["name": "NDCG@\(k) among \(sampled.negatives) sampled negatives", "value": Display.metric(sampled.ndcg), "baseline": popular.map { Display.metric($0.ndcg) } ?? "–"])
            metricRows.append(["name": "HitRate@\(k) among \(sampled.negatives) sampled negatives", "value": Display.metric(sampled.hitRate), "baseline": popular.map { Display.metric($0.hitRate) } ?? "–"])
        }
        context["metrics"] = metricRows
        context["evaluation"] = "Top-\(k) lists over the whole catalogue with each user's training items excluded, averaged over \(Display.count(model.metrics.users)) users with a relevant held-out item (\(index.bundle.dataset.split.summary))."
        context["hyperparameters"] = model.hyperparameters.keys.sorted().map { ["name": $0, "value": model.hyperparameters[$0]!] }
        context["hasHyperparameters"] = !model.hyperparameters.isEmpty
        context["explainers"] = model.explainers.map { ["name": $0.name, "kind": $0.meaning.kind.rawValue, "summary": $0.meaning.summary] }
        context["hasExplainers"] = !model.explainers.isEmpty
        if let scoring = model.historyScoring {
            context["historyScoring"] = scoring.summary
        }
        if let agreement = model.foldInAgreement {
            context["foldInAgreement"] = "How closely the explained fold-in tracks the trained model, over \(Display.count(agreement.users)) explained users: their top-\(agreement.k) lists share \(Display.percent(agreement.meanTopKOverlap, digits: 0)) of their items on average, and the two score vectors have a mean Spearman correlation of \(formatFixed(agreement.meanSpearman, digits: 3)). Explanations describe the fold-in; the top-\(agreement.k) list on user pages is the trained model's."
        }
        if let file = model.importedFrom {
            context["imported"] = "This model was not trained by RecLens: its parameters were imported from \(file) (--import) and are evaluated, explained and rendered like a trained model."
        }
        if let fidelity = index.fidelity(ofModel: model.name) {
            context["fidelity"] = fidelitySentence(fidelity)
            context["fidelitySlug"] = slug
        }
        var files: [(String, String)] = []
        if !model.byActivity.isEmpty {
            let chart = SignedBarChart(
                title: "NDCG@\(k) of \(model.displayName) by length of the user's history",
                labels: model.byActivity.map { "\($0.label) (\($0.metrics.users) users)" }, values: model.byActivity.map(\.metrics.ndcg),
                valueAxisTitle: "NDCG@\(k) (0 = no relevant item in the list, 1 = perfect ranking)",
                intervals: model.byActivity.allSatisfy { $0.ndcgInterval != nil } ? model.byActivity.map { ($0.ndcgInterval!.low, $0.ndcgInterval!.high) } : nil)
            let whiskers = chart.intervals == nil ? "" : " Whiskers: the 95 % bootstrap interval of the mean over the group's users (small groups have wide ones)."
            let figure = PlacedFigure(chart, key: "activity", file: "model-\(slug)-ndcg-by-activity",
                                      caption: "Users grouped by how many training events they have; the bar is the group's mean NDCG@\(k).\(whiskers)", root: "../")
            context["activity"] = figure.context
            files += figure.files
        }
        if let summary = model.sequenceSummary {
            let figures = sequenceFigures(summary, model: model, slug: slug, k: k)
            context["explanationCharts"] = figures.map(\.context)
            files += figures.flatMap(\.files)
        }
        if let summary = model.intrinsicSummary {
            let intrinsic = intrinsicContext(summary, model: model, slug: slug)
            context["intrinsic"] = intrinsic.context
            files += intrinsic.files
        }
        let figures = curveFigures(model, slug: slug)
        context["charts"] = figures.map(\.context)
        context["hasCharts"] = !figures.isEmpty
        files += figures.flatMap(\.files)
        files.append(("models/\(slug).html", renderer.page("model", context)))
        return files
    }

    /// Training curves as charts: learned λ on a log scale; RMSE of this model and of its
    /// comparison model together; every other curve on its own.
    func curveFigures(_ model: ModelArtifact, slug: String) -> [PlacedFigure] {
        func isLambda(_ c: TrainingCurve) -> Bool { c.name.contains("λ") || c.name.lowercased().contains("lambda") }
        func isRMSE(_ c: TrainingCurve) -> Bool { c.name.contains("RMSE") }
        func series(_ c: TrainingCurve, prefix: String = "") -> LineChart.Series {
            .init(name: prefix + c.name, points: c.values.enumerated().filter { $0.element.isFinite }.map { (x: Double($0.offset + 1), y: $0.element) })
        }
        /// One marker per distinct kept epoch of the curves, named by model when several models are drawn.
        func kept(_ curves: [(TrainingCurve, String)]) -> [(x: Double, label: String)] {
            var seen: [String] = []
            return curves.compactMap { curve, owner in
                guard let epoch = curve.keptEpoch, !seen.contains(owner) else { return nil }
                seen.append(owner)
                return (Double(epoch), (owner.isEmpty ? "" : owner + ": ") + "kept epoch \(epoch)")
            }
        }
        var figures: [PlacedFigure] = []
        let lambdas = model.curves.filter(isLambda)
        if !lambdas.isEmpty {
            let chart = LineChart(title: "Learned regularisation of \(model.displayName)", xAxisTitle: "Epoch",
                                  yAxisTitle: "Prior precision λ (log scale)", series: lambdas.map { series($0) }, logY: true,
                                  markers: kept(lambdas.map { ($0, "") }))
            figures.append(PlacedFigure(chart, key: "lambda", file: "model-\(slug)-lambda",
                                        caption: "The prior precisions λ are learned with the factors: a larger λ pulls the factors harder towards 0.\(lambdas.first?.keptEpoch.map { " The dashed line marks epoch \($0), whose parameters the model kept (lowest hold-out RMSE)." } ?? "")", root: "../"))
        }
        var rmse = model.curves.filter(isRMSE).map { series($0, prefix: model.comparedWith == nil ? "" : "\(model.displayName): ") }
        var rmseCurves = model.curves.filter(isRMSE).map { ($0, model.comparedWith == nil ? "" : model.displayName) }
        var caption = "Root-mean-square error of the predicted ratings after each epoch, on the training and on the held-out ratings."
        if let other = model.comparedWith.flatMap(index.model(named:)) {
            rmse += other.curves.filter(isRMSE).map { series($0, prefix: "\(other.displayName): ") }
            rmseCurves += other.curves.filter(isRMSE).map { ($0, other.displayName) }
            caption += " \(other.displayName) is the same model without the learned prior: its validation RMSE turns up while its training RMSE keeps falling (overfitting)."
        }
        let rmseMarkers = kept(rmseCurves)
        if !rmseMarkers.isEmpty { caption += " Dashed: the epoch whose parameters a model with early stopping kept (lowest hold-out RMSE)." }
        if Set(rmseCurves.map(\.0.values.count)).count > 1 {
            caption += " Lines that end early belong to a model whose training stopped there, some epochs after its hold-out RMSE last fell."
        }
        if !rmse.isEmpty {
            let chart = LineChart(title: "RMSE per epoch", xAxisTitle: "Epoch", yAxisTitle: "RMSE (rating points)", series: rmse, markers: rmseMarkers)
            figures.append(PlacedFigure(chart, key: "rmse", file: "model-\(slug)-rmse", caption: caption, root: "../"))
        }
        // Per-subset mixture weights (the attribution network) share one chart.
        let mixturePrefix = "mean mixture weight of "
        let mixture = model.curves.filter { $0.name.hasPrefix(mixturePrefix) }
        if !mixture.isEmpty {
            let chart = LineChart(title: "Mean mixture weight of each sub-network", xAxisTitle: "Epoch", yAxisTitle: "Mean weight over the epoch's samples",
                                  series: mixture.map { c in .init(name: String(c.name.dropFirst(mixturePrefix.count)), points: series(c).points) })
            figures.append(PlacedFigure(chart, key: "mixture", file: "model-\(slug)-mixture",
                                        caption: "How the training samples are shared between the sub-networks: each line is a sub-network's mean normalised mixture weight α_s / Σα over the samples of an epoch.", root: "../"))
        }
        for (c, curve) in model.curves.enumerated() where !isLambda(curve) && !isRMSE(curve) && !curve.name.hasPrefix(mixturePrefix) {
            let chart = LineChart(title: curve.name, xAxisTitle: "Epoch", yAxisTitle: curve.name, series: [series(curve)], logY: curve.logScale,
                                  markers: kept([(curve, "")]))
            let keptNote = curve.keptEpoch.map { " The dashed line marks epoch \($0), whose parameters the model kept (early stopping)." } ?? ""
            figures.append(PlacedFigure(chart, key: "curve-\(c)", file: "model-\(slug)-curve-\(c)", caption: "\(curve.name) after each training epoch.\(keptNote)", root: "../"))
        }
        return figures
    }

    /// "3 explainers were benchmarked over 200 users; by deletion (DEL, lower is better) the most faithful is shap (0.1234)."
    func fidelitySentence(_ fidelity: FidelityArtifact.Model) -> String {
        let count = fidelity.rows.count
        var text = "\(count) explainer\(count == 1 ? " was" : "s were") benchmarked on this model over \(Display.count(fidelity.users)) users."
        let scored = fidelity.rows.compactMap { row in row.summary.metric("DEL")?.mean.map { (row.explainer, $0) } }
        if count > 1, let best = scored.min(by: { $0.1 < $1.1 }) {
            text += " By deletion (DEL, lower is better) the most faithful is \(best.0) (\(Display.metric(best.1)))."
        }
        return text
    }
}
