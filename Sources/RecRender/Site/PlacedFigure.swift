/// A chart placed on a page: its inline markup for the template and its two figure files.
struct PlacedFigure {
    /// Template context of `partials/figure`.
    let context: [String: Any]
    /// `figures/<file>.svg` and `figures/<file>.csv` contents.
    let files: [(String, String)]

    /// - Parameters:
    ///   - key: unique within the page ("timeline", "heatmap-itemknn"); ids derive from it.
    ///   - file: figure file name without extension, unique within the site.
    init(_ chart: some RenderableChart, key: String, file: String, caption: String, root: String) {
        let (inline, figure) = chart.rendered(id: "chart-\(key)")
        context = ["id": "fig-\(key)", "svg": inline, "file": file, "caption": caption, "root": root]
        files = [("figures/\(file).svg", figure), ("figures/\(file).csv", chart.csv())]
    }
}
