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
        context["models"] = leaderboard(bundle.models)
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

    /// Leaderboard rows with the best value of each column marked (highest; lowest RMSE).
    private func leaderboard(_ models: [ModelArtifact]) -> [[String: Any]] {
        let columns: [(RankingMetrics) -> Double] = [\.ndcg, \.hitRate, \.recall, \.mrr, \.coverage]
        let best = columns.map { column in models.map { column($0.metrics) }.max() ?? 0 }
        let bestRMSE = models.compactMap(\.rmse).min()
        let sampledColumns: [(SampledMetrics) -> Double] = [\.ndcg, \.hitRate]
        let bestSampled = sampledColumns.map { column in models.compactMap { $0.sampled.map(column) }.max() }
        return models.map { model in
            var cells = columns.enumerated().map { c, column in
                let value = column(model.metrics)
                return ["value": Display.metric(value), "best": models.count > 1 && value == best[c]] as [String: Any]
            }
            cells.append(["value": model.rmse.map(Display.metric) ?? "–", "best": model.rmse != nil && model.rmse == bestRMSE && models.count > 1])
            for (c, column) in sampledColumns.enumerated() {
                let value = model.sampled.map(column)
                cells.append(["value": value.map(Display.metric) ?? "–", "best": models.count > 1 && value != nil && value == bestSampled[c]])
            }
            return ["slug": PathSlug.slug(model.name), "displayName": model.displayName, "metrics": cells]
        }
    }
}
