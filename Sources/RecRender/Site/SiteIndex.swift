import RecCore

/// Lookups shared by every page of one render: items by raw id, slugs, site-wide context.
/// A class: every page renderer and its closures share one instance (a struct of this many
/// references cost a retain each per copy, ~1 % of a render).
final class SiteIndex: Sendable {
    let bundle: ArtifactBundle
    /// Dense index of each raw item id.
    let itemIndex: [String: Int]
    /// Slug of each item, in catalogue order.
    let itemSlugs: [String]
    /// 1-based popularity rank of each item (by interactions, ties by catalogue order).
    let popularityRank: [Int]
    /// Layout context (`site.*`).
    let site: [String: String]
    /// Each item's neighbours (dense indices) under the ego-graph similarity; empty without one.
    let neighbourRows: [[ItemNeighbour]]
    /// Ego graph radius and neighbours per node, from the run's settings.
    let egoRadius: Int
    let egoNeighbours: Int

    init(_ bundle: ArtifactBundle) {
        self.bundle = bundle
        var index: [String: Int] = [:]
        for (i, item) in bundle.dataset.items.enumerated() { index[item.id] = i }
        itemIndex = index
        itemSlugs = bundle.dataset.items.map { PathSlug.slug($0.id) }
        var rank = [Int](repeating: 0, count: bundle.dataset.items.count)
        let order = bundle.dataset.items.indices.sorted {
            let a = bundle.dataset.items[$0].interactions, b = bundle.dataset.items[$1].interactions
            return a != b ? a > b : $0 < $1
        }
        for (r, i) in order.enumerated() { rank[i] = r + 1 }
        popularityRank = rank
        let lookup = index
        neighbourRows = bundle.neighbours?.rows.map { row in
            row.compactMap { n in lookup[n.item].map { ItemNeighbour(item: $0, similarity: n.similarity) } }
        } ?? []
        egoRadius = Int(bundle.manifest.settings["ego.radius"] ?? "") ?? 2
        egoNeighbours = Int(bundle.manifest.settings["ego.neighbours"] ?? "") ?? 5
        site = [
            "tool": bundle.manifest.tool, "datasetName": bundle.dataset.name, "seed": "\(bundle.manifest.seed)",
            "fingerprint": bundle.manifest.datasetFingerprint, "schemaVersion": "\(bundle.manifest.schemaVersion)",
        ]
    }

    /// Items in popularity order.
    var itemsByPopularity: [Int] { bundle.dataset.items.indices.sorted { popularityRank[$0] < popularityRank[$1] } }

    func title(_ rawItem: String) -> String { itemIndex[rawItem].map { bundle.dataset.items[$0].title } ?? "Item \(rawItem)" }
    func slug(_ rawItem: String) -> String { itemIndex[rawItem].map { itemSlugs[$0] } ?? PathSlug.slug(rawItem) }

    func model(named name: String) -> ModelArtifact? { bundle.models.first { $0.name == name } }

    /// Whether the site has `explainers.html` (a fidelity benchmark with at least one model).
    var hasFidelity: Bool { !(bundle.fidelity?.models.isEmpty ?? true) }

    /// The fidelity benchmark of the model named `name`, when it has explainer rows.
    func fidelity(ofModel name: String) -> FidelityArtifact.Model? {
        bundle.fidelity?.models.first { $0.name == name && !$0.rows.isEmpty }
    }

    /// Base context of a page `depth` folders below the site root.
    func page(title: String, depth: Int) -> [String: Any] {
        ["title": title, "root": String(repeating: "../", count: depth), "site": site, "hasFidelity": hasFidelity]
    }

    /// How the explained users were chosen, as a phrase.
    var userSelection: String {
        let requested = bundle.manifest.settings["users"] ?? ""
        let split = bundle.dataset.split
        let withHistory = split.trainUsers == bundle.dataset.userCount ? "" : " with a training history (\(Display.count(split.trainUsers)) of \(Display.count(bundle.dataset.userCount)); the others have no event before the split)"
        if Int(requested) != nil || requested == "all" {
            if bundle.users.count == split.trainUsers { return "every user" + withHistory }
            return "a seeded random sample of \(Display.count(bundle.users.count)) users" + withHistory
        }
        return "users chosen by id"
    }
}
