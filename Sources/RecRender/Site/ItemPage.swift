import RecCore

/// `items/<id>.html`: facts and nearest neighbours.
struct ItemPage {
    let index: SiteIndex

    func render(_ i: Int, renderer: SiteRenderer) -> [(String, String)] {
        let d = index.bundle.dataset
        let item = d.items[i]
        let slug = index.itemSlugs[i]
        var files: [(String, String)] = []
        var context = index.page(title: item.title, depth: 1)
        context["item"] = [
            "id": item.id, "title": item.title, "year": item.year.map { "\($0)" } ?? "", "genres": item.genres.joined(separator: ", "),
            "interactions": Display.count(item.interactions), "trainInteractions": Display.count(item.trainInteractions),
            "popularityRank": Display.count(index.popularityRank[i]),
            "meanRating": item.interactions > 0 ? formatFixed(Double(item.meanRating), digits: 2) : "–",
        ]
        context["itemCount"] = Display.count(d.itemCount)
        let neighbours = index.bundle.neighbours
        context["neighbourModel"] = neighbours != nil
        context["similarity"] = neighbours?.similarity ?? ""
        let row = neighbours?.rows[i] ?? []
        context["hasNeighbours"] = !row.isEmpty
        context["neighbours"] = row.enumerated().map { r, n in
            [
                "rank": "\(r + 1)", "title": index.title(n.item), "slug": index.slug(n.item),
                "similarity": formatFixed(Double(n.similarity), digits: 3),
                "interactions": index.itemIndex[n.item].map { Display.count(d.items[$0].interactions) } ?? "",
            ]
        }
        if !row.isEmpty {
            let chart = SignedBarChart(
                title: "Items most similar to \(item.title)", labels: row.map { index.title($0.item) },
                values: row.map { Double($0.similarity) }, valueAxisTitle: "Cosine similarity (0 = no shared users, 1 = same users)")
            let figure = PlacedFigure(chart, key: "neighbours", file: "item-\(slug)-neighbours",
                                      caption: "Similarity of the nearest neighbours (\(neighbours!.model)).", root: "../")
            context["chart"] = figure.context
            files += figure.files
        }
        files.append(("items/\(slug).html", renderer.page("item", context)))
        return files
    }
}
