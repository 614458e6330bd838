import Dispatch
import Foundation
import RecCore

/// Turns a dataset, its split and trained models into artifact values (pure, no I/O).
struct ArtifactAssembler {
    let dataset: Dataset
    let split: Split
    let settings: BuildSettings

    func datasetArtifact() -> DatasetArtifact {
        let m = dataset.interactions
        var histogram: [Float: Int] = [:]
        for r in m.ratings { histogram[r, default: 0] += 1 }
        var counts = [Int](repeating: 0, count: dataset.itemCount)
        var sums = [Double](repeating: 0, count: dataset.itemCount)
        for k in 0..<m.count {
            counts[Int(m.items[k])] += 1
            sums[Int(m.items[k])] += Double(m.ratings[k])
        }
        let trainCounts = split.train.itemCounts()
        let items = (0..<dataset.itemCount).map { i in
            let info = dataset.items[i]
            return ItemRecord(
                id: dataset.itemIDs[i], title: dataset.title(ofItem: i), genres: info.genres.map { dataset.genreNames[$0] },
                year: info.year, interactions: counts[i], trainInteractions: trainCounts[i],
                meanRating: counts[i] > 0 ? Float(sums[i] / Double(counts[i])) : 0)
        }
        let s = settings
        let splitArtifact = SplitArtifact(
            strategy: s.split.name, summary: s.split.summary, testFraction: s.split.testFraction,
            minRelevantRating: split.minRelevantRating, trainInteractions: split.train.count, testInteractions: split.test.count,
            relevantInteractions: split.relevantCount, evaluatedUsers: split.evaluableUserCount,
            trainUsers: (0..<split.train.userCount).count { split.train.rowCount(ofUser: $0) > 0 })
        return DatasetArtifact(
            name: dataset.name, format: dataset.format.rawValue, userCount: dataset.userCount, itemCount: dataset.itemCount,
            interactionCount: m.count, density: dataset.density, ratingMin: dataset.ratingScale.lowerBound,
            ratingMax: dataset.ratingScale.upperBound,
            ratingHistogram: histogram.keys.sorted().map { RatingCount(rating: $0, count: histogram[$0]!) },
            genreNames: dataset.genreNames, userFeatureNames: dataset.users.first?.features.map(\.name) ?? [],
            firstTimestamp: m.timestamps.min() ?? 0, lastTimestamp: m.timestamps.max() ?? 0,
            filterSummary: filterSummary, split: splitArtifact, items: items)
    }

    var filterSummary: String {
        let f = settings.filter
        if f.isIdentity { return "none" }
        var parts: [String] = []
        if let r = f.minRating { parts.append("ratings ≥ \(r) kept (implicit feedback)") }
        if f.minUserInteractions > 1 { parts.append("users with ≥ \(f.minUserInteractions) interactions") }
        if f.minItemInteractions > 1 { parts.append("items with ≥ \(f.minItemInteractions) interactions") }
        if f.iterate { parts.append("iterated to a fixed point (k-core)") }
        return parts.joined(separator: "; ")
    }

    func modelArtifact(_ model: any Recommender, metrics: RankingMetrics, byActivity: [ActivityMetrics], sampled: SampledMetrics?) -> ModelArtifact {
        let imported = settings.imports.first { $0.name == model.name }
        return ModelArtifact(
            name: model.name, displayName: model.displayName, summary: model.summary, hyperparameters: model.hyperparameters,
            metrics: metrics, byActivity: byActivity, curves: (model as? any TrainingCurveReporting)?.curves ?? [],
            historyScoring: (model as? any HistoryConditionedRecommender).map { HistoryScoringInfo(kind: $0.historyScoring, summary: $0.historyScoringSummary) },
            rmse: (model as? any RatingPredictor).map { rmse($0) },
            comparedWith: model.name == "pmf" && settings.models.contains("mf") ? "mf" : (model.name == "mf" && settings.models.contains("pmf") ? "pmf" : nil),
            importedFrom: (model as? ImportedFactorModel)?.sourceName ?? imported.map { lastPathComponent($0.path) }, sampled: sampled,
            scoreUnit: model.scoreUnit)
    }

    /// The explainers' settings of the build (TimeSHAP's baseline item resolved against the dataset).
    func explainerSettings() throws -> ExplainerSettings {
        var e = ExplainerSettings()
        e.seed = settings.seed
        let o = settings.explainerOptions
        e.shapBudget = o.shapBudget
        e.shapExactLimit = o.shapExactLimit
        e.limeSamples = o.limeSamples
        e.limeKernelWidth = Double(o.limeKernelWidth)
        e.limeRidge = Double(o.limeRidge)
        e.integratedGradientSteps = o.integratedGradientsSteps
        e.lxr = o.lxr
        e.lxr.seed = settings.seed
        e.timeshap = try timeSHAPConfiguration()
        return e
    }

    /// The TimeSHAP configuration of the build (baseline item resolved against the dataset).
    func timeSHAPConfiguration() throws -> TimeSHAP.Configuration {
        var c = settings.timeshap
        c.seed = settings.seed
        if let raw = settings.baselineItem {
            guard let item = dataset.itemIDs.firstIndex(of: raw) else {
                throw DataError(file: "--explain-baseline", "baseline item '\(raw)' is not an item of the dataset; expected a raw item id such as \(dataset.itemIDs.first ?? "1")")
            }
            c.baseline = .item(item)
        }
        return c
    }

    /// RMSE of a rating model over every held-out test interaction (parallel over users,
    /// summed in user order).
    func rmse(_ model: any RatingPredictor) -> Double {
        let test = split.test
        var sums = [Double](repeating: 0, count: test.userCount)
        sums.withUnsafeMutableBufferPointer { buffer in
            let output = UnsafeSendable(buffer)
            DispatchQueue.concurrentPerform(iterations: test.userCount) { u in
                var sum = 0.0
                for k in test.range(ofUser: u) {
                    let error = Double(model.predictedRating(user: u, item: Int(test.items[k])) - test.ratings[k])
                    sum += error * error
                }
                output.buffer[u] = sum
            }
        }
        return test.count == 0 ? 0 : (sums.reduce(0, +) / Double(test.count)).squareRoot()
    }

    /// History, held-out items, top-K per model and every planned explainer's explanation of each
    /// user (parallel over users; BLAS single-threaded inside).
    func userArtifacts(users: [Int], models: [any Recommender], plan: ExplainerPlan, context: ExplanationContext, progress: Progress) -> [UserArtifact] {
        BLAS.withSingleThread { userArtifactsParallel(users: users, models: models, plan: plan, context: context, progress: progress) }
    }

    private func userArtifactsParallel(users: [Int], models: [any Recommender], plan: ExplainerPlan, context: ExplanationContext, progress: Progress) -> [UserArtifact] {
        let lists = models.map { Evaluator.topKLists($0, train: split.train, users: users, k: settings.k) }
        var result = [UserArtifact?](repeating: nil, count: users.count)
        // One user per work item, the longest histories first (the costliest explanations, e.g.
        // TimeSHAP's unpruned games), so that no long user starts last while the other core idles.
        let order = split.train.longestHistoriesFirst(users)
        let done = ConcurrentCounter()
        result.withUnsafeMutableBufferPointer { buffer in
            let output = UnsafeSendable(buffer)
            DispatchQueue.concurrentPerform(iterations: order.count) { k in
                let index = order[k]
                output.buffer[index] = userArtifact(users[index], lists: lists.map { $0[index] }, models: models, plan: plan, context: context)
                progress.update("explaining users", done: done.add(1), total: users.count)
            }
        }
        return result.map { $0! }
    }

    private func userArtifact(_ u: Int, lists: [[ScoredItem]], models: [any Recommender], plan: ExplainerPlan, context: ExplanationContext) -> UserArtifact {
        let ids = dataset.itemIDs
        let relevant = Set(split.relevantItems(ofUser: u))
        let history = split.train.row(u).map { HistoryEvent(item: ids[$0.item], rating: $0.rating, timestamp: $0.timestamp) }
        let heldOut = split.test.row(u).map {
            HistoryEvent(item: ids[$0.item], rating: $0.rating, timestamp: $0.timestamp, relevant: relevant.contains($0.item))
        }
        // Most of a user's explanations (every explainer of every history-conditioned model) have
        // the same players, the user's events: they share one array instead of a copy each.
        var playerArrays: [[Attribution.Player]: [Attribution.Player]] = [:]
        func shared(_ attribution: inout Attribution) {
            if let same = playerArrays[attribution.players] { attribution.players = same } else { playerArrays[attribution.players] = attribution.players }
        }
        let recommendations = models.indices.map { m in
            let model = models[m], list = lists[m]
            let items = list.enumerated().map { rank, scored in
                Recommendation(item: ids[scored.item], score: scored.score, rank: rank + 1, relevant: relevant.contains(scored.item))
            }
            let explainers = plan.perModel[m]
            guard !explainers.isEmpty, !list.isEmpty else { return ModelRecommendations(model: model.name, items: items) }
            let request = ExplanationRequest(model: model, user: u, targets: list.map(\.item), context: context)
            let explanations = explainers.compactMap { explainer -> Explanation? in
                guard var explanation = explainer.explain(request) else { return nil }
                shared(&explanation.attribution)
                if explanation.sequence?.features != nil { shared(&explanation.sequence!.features!) }
                if explanation.sequence?.cells != nil { shared(&explanation.sequence!.cells!) }
                return explanation
            }
            return ModelRecommendations(model: model.name, items: items, explanations: explanations)
        }
        return UserArtifact(
            id: dataset.userIDs[u], features: dataset.users.isEmpty ? [] : dataset.users[u].features, history: history,
            heldOut: heldOut, recommendations: recommendations)
    }

    /// Each item's 10 nearest neighbours under the ego-graph similarity: ItemKNN's stored rows,
    /// or the cosine of a model's item vectors. nil when no model defines a similarity.
    func neighbours(models: [any Recommender]) throws -> NeighboursArtifact? {
        let wanted = settings.ego.similarity
        let candidates = models.filter { $0 is ItemKNN || $0 is any ItemEmbeddingModel }
        let chosen: (any Recommender)?
        if let wanted {
            guard let model = candidates.first(where: { $0.name == wanted }) else {
                let names = candidates.map(\.name)
                throw DataError(file: "--ego-similarity", "no built model '\(wanted)' with an item similarity; expected one of \(names.isEmpty ? "none (build itemknn or a factor model)" : names.joined(separator: ", "))")
            }
            chosen = model
        } else {
            chosen = candidates.first { $0 is ItemKNN } ?? candidates.first
        }
        guard let model = chosen else { return nil }
        let rows: [[ItemNeighbour]]
        let similarity: String
        if let knn = model as? ItemKNN {
            rows = (0..<knn.itemCount).map { i in knn.neighbours(ofItem: i).prefix(10).map { ItemNeighbour(item: $0.item, similarity: $0.score) } }
            similarity = "cosine similarity of the items' sets of training users (ItemKNN)"
        } else {
            let vectors = (model as! any ItemEmbeddingModel).itemVectors
            rows = ItemSimilarity.topNeighbours(of: vectors, count: 10)
            similarity = "cosine similarity of the item factors of \(model.displayName)"
        }
        return NeighboursArtifact(
            model: model.name, similarity: similarity,
            rows: rows.map { row in row.map { NeighboursArtifact.Neighbour(item: dataset.itemIDs[$0.item], similarity: $0.similarity) } })
    }
}

