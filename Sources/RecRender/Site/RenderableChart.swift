/// What a page needs of a chart: inline SVG, a standalone figure and its data as CSV.
public protocol RenderableChart: Sendable {
    /// Inline `<svg>` whose root has `id` and whose inner ids all start with it.
    func svg(id: String) -> String
    /// A standalone SVG document for `figures/NAME.svg`.
    func figure(id: String) -> String
    /// The plotted data as CSV for `figures/NAME.csv`.
    func csv() -> String
}

extension Heatmap: RenderableChart {}
extension LineChart: RenderableChart {}
extension SignedBarChart: RenderableChart {}
extension Histogram: RenderableChart {}
extension Timeline: RenderableChart {}

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
        context = [
            "id": "fig-\(key)", "svg": chart.svg(id: "chart-\(key)"), "file": file, "caption": caption, "root": root,
        ]
        files = [("figures/\(file).svg", chart.figure(id: "chart-\(key)")), ("figures/\(file).csv", chart.csv())]
    }
}
