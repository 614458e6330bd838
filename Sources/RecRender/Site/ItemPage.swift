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
                                      caption: "Similarity of the nearest neighbours (\(neighbours!.model)).", root: "../",
                                      standalone: renderer.pageFigures)
            context["chart"] = figure.context
            files += figure.files
        }
        if !row.isEmpty {
            let ego = egoGraph(i)
            let figure = PlacedFigure(ego, key: "ego", file: "item-\(slug)-ego",
                                      caption: "Ego graph: the item (large), its \(index.egoNeighbours) nearest neighbours and theirs, up to \(index.egoRadius) hops. Thicker edges join closer neighbours (similarity rank); click a node to open its page.", root: "../",
                                      standalone: renderer.pageFigures)
            context["ego"] = figure.context
            files += figure.files
        }
        if !renderer.pageFigures && !row.isEmpty { context["figureCommand"] = "reclens figure items/\(slug).html" }
        files.append(("items/\(slug).html", renderer.page("item", context)))
        return files
    }

    /// The ego graph of item `i` over the neighbour rows, as a chart.
    func egoGraph(_ i: Int) -> EgoGraphChart {
        let d = index.bundle.dataset
        let graph = EgoGraph(center: i, radius: index.egoRadius, neighboursPerNode: index.egoNeighbours, neighbours: index.neighbourRows)
        let nodes = graph.nodes.map { node in
            EgoGraphChart.Node(label: d.items[node.item].title, href: "../items/\(index.itemSlugs[node.item]).html", hop: node.hop, isQuery: node.item == i)
        }
        let edges = graph.edges.map { EgoGraphChart.Edge(from: $0.from, to: $0.to, weight: $0.weight, similarity: Double($0.similarity)) }
        return EgoGraphChart(title: "Neighbourhood of \(d.items[i].title)", nodes: nodes, edges: edges)
    }
}
