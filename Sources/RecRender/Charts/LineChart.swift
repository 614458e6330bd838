/// Several named series of (x, y) points drawn as lines, e.g. training curves or fidelity curves.
///
/// Series are told apart by colour (Okabe–Ito, CSS classes `rl-series-N`), dash pattern and
/// marker shape, and named in a legend above the plot. Either axis can be log10 (non-positive
/// values are then skipped); linear axes get "nice" ticks. Non-finite points break the line.
public struct LineChart: Sendable {
    /// One named line.
    public struct Series: Sendable {
        /// Legend name.
        public var name: String
        /// Points in drawing order.
        public var points: [(x: Double, y: Double)]

        /// A series named `name` through `points`.
        public init(name: String, points: [(x: Double, y: Double)]) {
            self.name = name
            self.points = points
        }
    }

    /// A labelled horizontal line at `y` (e.g. a baseline score).
    public struct ReferenceLine: Sendable {
        /// Height in data units.
        public var y: Double
        /// Text drawn at the right end of the line.
        public var label: String

        /// A reference line at `y` labelled `label`.
        public init(y: Double, label: String) {
            self.y = y
            self.label = label
        }
    }

    /// Chart title.
    public var title: String
    /// Title of the x axis; empty = none.
    public var xAxisTitle: String
    /// Title of the y axis; empty = none.
    public var yAxisTitle: String
    /// The lines, in legend order.
    public var series: [Series]
    /// Use a log10 x axis.
    public var logX: Bool
    /// Use a log10 y axis (major ticks at powers of ten, minor ticks at 2…9 × 10ⁿ).
    public var logY: Bool
    /// Optional horizontal reference line.
    public var referenceLine: ReferenceLine?
    /// Labelled vertical lines at x values (e.g. the epoch early stopping kept).
    public var markers: [(x: Double, label: String)]
    /// Accessible description; nil = generated.
    public var description: String?

    /// A line chart; see the properties for the meaning of each argument.
    public init(title: String, xAxisTitle: String = "", yAxisTitle: String = "", series: [Series],
                logX: Bool = false, logY: Bool = false, referenceLine: ReferenceLine? = nil,
                markers: [(x: Double, label: String)] = [], description: String? = nil) {
        self.title = title
        self.xAxisTitle = xAxisTitle
        self.yAxisTitle = yAxisTitle
        self.series = series
        self.logX = logX
        self.logY = logY
        self.referenceLine = referenceLine
        self.markers = markers
        self.description = description
    }

    /// The data as tidy CSV: `series,x,y`, one line per point (empty field for NaN).
    public func csv() -> String {
        var table = CSVTable(header: ["series", "x", "y"])
        for s in series {
            for p in s.points { table.rows.append([s.name, CSVTable.number(p.x), CSVTable.number(p.y)]) }
        }
        return table.csvString
    }

    /// Whether a point can be drawn on the chosen axes.
    func isDrawable(_ p: (x: Double, y: Double)) -> Bool {
        p.x.isFinite && p.y.isFinite && (!logX || p.x > 0) && (!logY || p.y > 0)
    }

    var generatedDescription: String {
        var text = "Line chart of \(series.count) series"
        if !yAxisTitle.isEmpty { text += ": \(yAxisTitle)" }
        if !xAxisTitle.isEmpty { text += " against \(xAxisTitle)" }
        if logY { text += ", log-scale y axis" }
        let names = series.map(\.name).joined(separator: ", ")
        return text + (names.isEmpty ? "." : " (\(names)).")
    }
}
