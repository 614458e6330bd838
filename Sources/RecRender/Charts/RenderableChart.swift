/// What a page needs of a chart: inline SVG, a standalone figure and its data as CSV.
public protocol RenderableChart: Sendable {
    /// The drawing: frame (size, title, description) and body elements; inner ids start with `id`.
    func drawing(id: String) -> (ChartFrame, [SVGElement])
    /// The plotted data as CSV for `figures/NAME.csv`.
    func csv() -> String
}

extension RenderableChart {
    /// Inline `<svg>` for an HTML page; its root has `id` and every inner id starts with it.
    public func svg(id: String) -> String {
        let (frame, body) = drawing(id: id)
        return frame.renderInline(id: id, body: body)
    }

    /// A standalone SVG document (light theme embedded) for `figures/NAME.svg`.
    public func figure(id: String) -> String { rendered(id: id).figure }

    /// Both at the cost of one drawing.
    public func rendered(id: String) -> (inline: String, figure: String) {
        let (frame, body) = drawing(id: id)
        return frame.render(id: id, body: body)
    }
}

extension Heatmap: RenderableChart {}
extension LineChart: RenderableChart {}
extension SignedBarChart: RenderableChart {}
extension Histogram: RenderableChart {}
extension Timeline: RenderableChart {}
