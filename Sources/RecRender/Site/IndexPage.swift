import RecCore

/// `index.html`: dataset card, split, leaderboard and entry points.
struct IndexPage {
    let index: SiteIndex

    func render(_ renderer: SiteRenderer) -> [(String, String)] {
        let bundle = index.bundle
        let d = bundle.dataset
        let k = bundle.manifest.k
        var files: [(String, String)] = []
        var context = index.page(title: "\(d.name) overview", depth: 0)

        let span = d.lastTimestamp - d.firstTimestamp
        context["dataset"] = [
            "name": d.name, "format": d.format, "userCount": Display.count(d.userCount), "itemCount": Display.count(d.itemCount),
            "interactions": Display.count(d.interactionCount),
            "density": "\(Display.percent(d.density, digits: 2)) of the user × item matrix is filled",
            "ratingScale": "\(Display.rating(d.ratingMin)) to \(Display.rating(d.ratingMax)); mean \(formatFixed(meanRating(d), digits: 2))",
            "timeSpan": "\(Display.date(d.firstTimestamp)) to \(Display.date(d.lastTimestamp)) (\(Display.duration(span)))",
            "filters": d.filterSummary, "genres": d.genreNames.joined(separator: ", "),
            "userFeatures": d.userFeatureNames.joined(separator: ", "),
        ] as [String: Any]

        let histogram = Histogram(
            title: "Rating distribution", bins: d.ratingHistogram.map { Histogram.Bin(label: Display.rating($0.rating), count: Double($0.count)) },
            xAxisTitle: "Rating", yAxisTitle: "Interactions")
        let counts = index.itemsByPopularity.map { Double(d.items[$0].interactions) }
        let longTail = LineChart(
            title: "Popularity long tail", xAxisTitle: "Item rank by popularity", yAxisTitle: "Interactions (log scale)",
            series: [.init(name: "interactions per item", points: counts.enumerated().filter { $0.element > 0 }.map { (x: Double($0.offset + 1), y: $0.element) })],
            logY: true)
        let top = counts.prefix(max(1, counts.count / 10)).reduce(0, +)
        let total = max(1, counts.reduce(0, +))
        let figures = [
            PlacedFigure(histogram, key: "ratings", file: "rating-histogram", caption: "How often each rating value occurs.", root: ""),
            PlacedFigure(longTail, key: "popularity", file: "popularity-long-tail",
                         caption: "Interactions per item, items sorted from most to least popular. The 10 % most popular items hold \(Display.percent(top / total)) of all interactions.", root: ""),
        ]
        context["charts"] = figures.map(\.context)
        files += figures.flatMap(\.files)

        let s = d.split
        context["split"] = [
            "strategy": s.strategy, "summary": s.summary, "train": Display.count(s.trainInteractions), "test": Display.count(s.testInteractions),
            "relevant": Display.count(s.relevantInteractions), "users": Display.count(s.evaluatedUsers),
            "relevance": s.minRelevantRating.map { "rating ≥ \(Display.rating($0))" } ?? "every test interaction",
        ]
        context["k"] = "\(k)"
        context["modelCount"] = "\(bundle.models.count)"
        let trainItems = d.items.count { $0.trainInteractions > 0 }
        context["models"] = leaderboard(bundle.models, catalogue: d.itemCount, trainItems: trainItems)
        context["catalogue"] = Display.count(d.itemCount)
        context["trainItems"] = Display.count(trainItems)
        let tests = Self.pairedTests(bundle.models, k: k)
        context["pairedTests"] = tests
        context["hasPairedTests"] = !tests.isEmpty
        context["explainedUsers"] = Display.count(bundle.users.count)
        context["userSelection"] = index.userSelection
        context["sampleUsers"] = bundle.users.prefix(24).map {
            ["id": $0.id, "slug": PathSlug.slug($0.id), "events": "\($0.history.count)"]
        }
        files.append(("index.html", renderer.page("index", context)))
        return files
    }

    private func meanRating(_ d: DatasetArtifact) -> Double {
        let n = d.ratingHistogram.reduce(0) { $0 + $1.count }
        return n == 0 ? 0 : d.ratingHistogram.reduce(0) { $0 + Double($1.rating) * Double($1.count) } / Double(n)
    }

    /// Leaderboard rows with the best value of each column marked (highest; lowest RMSE), each
    /// per-user mean with its 95 % interval, and "≈" on the models a paired test cannot tell
    /// from the column's best.
    private func leaderboard(_ models: [ModelArtifact], catalogue: Int, trainItems: Int) -> [[String: Any]] {
        let columns: [(RankingMetrics) -> Double] = [\.ndcg, \.hitRate, \.recall, \.mrr, \.coverage]
        let keys: [LeaderboardMetric?] = [.ndcg, .hitRate, .recall, .mrr, nil]
        let best = columns.map { column in models.map { column($0.metrics) }.max() ?? 0 }
        let bestRMSE = models.compactMap(\.rmse).min()
        let sampledColumns: [(SampledMetrics) -> Double] = [\.ndcg, \.hitRate]
        let sampledKeys: [LeaderboardMetric] = [.sampledNDCG, .sampledHitRate]
        let bestSampled = sampledColumns.map { column in models.compactMap { $0.sampled.map(column) }.max() }
        func cell(_ value: Double?, best: Bool, _ model: ModelArtifact, _ metric: LeaderboardMetric?) -> [String: Any] {
            var cell: [String: Any] = ["value": value.map(Display.metric) ?? "–", "best": models.count > 1 && best]
            if value != nil, let metric, let u = model.uncertainty?[metric.key] {
                cell["interval"] = "\(Display.metric(u.low))–\(Display.metric(u.high))"
                cell["tie"] = u.versusBest.map { !$0.isSignificant } ?? false
            }
            return cell
        }
        return models.map { model in
            var cells = columns.enumerated().map { c, column in
                cell(column(model.metrics), best: column(model.metrics) == best[c], model, keys[c])
            }
            // Coverage over the training items too: RePlay's denominator.
            if trainItems > 0 {
                let covered = (model.metrics.coverage * Double(catalogue)).rounded()
                cells[4]["interval"] = "RePlay: \(Display.metric(covered / Double(trainItems)))"
            }
            cells.append(cell(model.rmse, best: model.rmse != nil && model.rmse == bestRMSE, model, nil))
            for (c, column) in sampledColumns.enumerated() {
                let value = model.sampled.map(column)
                cells.append(cell(value, best: value != nil && value == bestSampled[c], model, sampledKeys[c]))
            }
            return ["slug": PathSlug.slug(model.name), "displayName": model.displayName, "metrics": cells]
        }
    }

    /// Per tested column: the best model, the models significantly below it and those a paired
    /// test cannot tell from it.
    static func pairedTests(_ models: [ModelArtifact], k: Int) -> [[String: Any]] {
        let titles: [LeaderboardMetric: String] = [
            .ndcg: "NDCG@\(k)", .hitRate: "HitRate@\(k)", .recall: "Recall@\(k)", .mrr: "MRR@\(k)",
            .sampledNDCG: "NDCG@\(k) (100 neg.)", .sampledHitRate: "HitRate@\(k) (100 neg.)",
        ]
        return LeaderboardMetric.allCases.compactMap { metric -> [String: Any]? in
            let tests = models.compactMap { model in model.uncertainty?[metric.key]?.versusBest.map { (model, $0) } }
            guard let best = tests.first?.1.best, let bestModel = models.first(where: { $0.name == best }) else { return nil }
            func list(_ rows: [(ModelArtifact, PairedTest)]) -> String {
                rows.isEmpty ? "none" : rows.map { "\($0.0.displayName) (\(Display.pValue($0.1.adjustedP)))" }.joined(separator: ", ")
            }
            return [
                "metric": titles[metric]!, "best": bestModel.displayName,
                "below": list(tests.filter { $0.1.isSignificant }), "tied": list(tests.filter { !$0.1.isSignificant }),
            ]
        }
    }
}
