import RecCore

/// `users/index.html` and `items/index.html`.
struct ListPages {
    let index: SiteIndex

    func users(_ renderer: SiteRenderer) -> (String, String) {
        let bundle = index.bundle
        var context = index.page(title: "Explained users", depth: 1)
        context["count"] = Display.count(bundle.users.count)
        context["selection"] = index.userSelection
        context["k"] = "\(bundle.manifest.k)"
        context["modelNames"] = bundle.models.map(\.displayName)
        context["users"] = bundle.users.map { user -> [String: Any] in
            [
                "id": user.id, "slug": PathSlug.slug(user.id), "events": "\(user.history.count)",
                "relevant": "\(user.heldOut.filter { $0.relevant == true }.count)",
                "top": bundle.models.map { model in
                    ["title": user.recommendations.first { $0.model == model.name }?.items.first.map { index.title($0.item) } ?? "–"]
                },
            ]
        }
        return ("users/index.html", renderer.page("users", context))
    }

    func models(_ renderer: SiteRenderer) -> (String, String) {
        var context = index.page(title: "Models", depth: 1)
        let k = index.bundle.manifest.k
        context["k"] = "\(k)"
        context["models"] = index.bundle.models.map { model -> [String: Any] in
            [
                "slug": PathSlug.slug(model.name), "displayName": model.displayName, "summary": model.summary,
                "ndcg": formatFixed(model.metrics.ndcg, digits: 4), "hitRate": formatFixed(model.metrics.hitRate, digits: 4),
                "scoring": model.historyScoring?.kind.rawValue ?? "–",
                "explainers": model.explainers.map(\.name).joined(separator: ", "),
            ]
        }
        return ("models/index.html", renderer.page("models", context))
    }

    func items(_ renderer: SiteRenderer) -> (String, String) {
        let d = index.bundle.dataset
        var context = index.page(title: "Items", depth: 1)
        context["count"] = Display.count(d.itemCount)
        context["items"] = index.itemsByPopularity.map { i -> [String: Any] in
            let item = d.items[i]
            return [
                "rank": "\(index.popularityRank[i])", "title": item.title, "slug": index.itemSlugs[i], "year": item.year.map { "\($0)" } ?? "",
                "genres": item.genres.joined(separator: ", "), "interactions": Display.count(item.interactions),
                "meanRating": item.interactions > 0 ? formatFixed(Double(item.meanRating), digits: 2) : "–",
            ]
        }
        return ("items/index.html", renderer.page("items", context))
    }
}
