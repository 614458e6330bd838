/// A chart placed on a page: its inline markup for the template and, when the page writes its
/// figures, the standalone SVG and CSV files.
struct PlacedFigure {
    /// Template context of `partials/figure`.
    let context: [String: Any]
    /// `figures/<file>.svg` and `figures/<file>.csv` contents; empty when not written.
    let files: [(String, String)]

    /// - Parameters:
    ///   - key: unique within the page ("timeline", "heatmap-itemknn"); ids derive from it.
    ///   - file: figure file name without extension, unique within the site.
    ///   - standalone: write `figures/<file>.svg` and `.csv` and link them from the caption.
    ///     Per-user and per-item pages leave them to `reclens figure` (or `--figures`), which
    ///     keeps the site at a few files per page.
    init(_ chart: some RenderableChart, key: String, file: String, caption: String, root: String, standalone: Bool = true) {
        if standalone {
            let (inline, figure) = chart.rendered(id: "chart-\(key)")
            context = ["id": "fig-\(key)", "svg": inline, "file": file, "caption": caption, "root": root]
            files = [("figures/\(file).svg", figure), ("figures/\(file).csv", chart.csv())]
        } else {
            context = ["id": "fig-\(key)", "svg": chart.svg(id: "chart-\(key)"), "caption": caption, "root": root]
            files = []
        }
    }
}
