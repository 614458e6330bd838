/// Counts per bin drawn as vertical bars. Bins either all have numeric edges (bars span
/// `lower...upper` on a linear x axis) or are categories (equal-width bars labelled with `label`).
public struct Histogram: Sendable {
    /// One bar.
    public struct Bin: Sendable {
        /// Category label (used when any bin lacks finite edges; also the CSV label).
        public var label: String
        /// Lower edge, or nil for a categorical bin.
        public var lower: Double?
        /// Upper edge, or nil for a categorical bin.
        public var upper: Double?
        /// Height of the bar (a count or frequency, ≥ 0).
        public var count: Double

        /// A numeric bin `lower..<upper` holding `count`; labelled "lower–upper".
        public init(lower: Double, upper: Double, count: Double) {
            self.label = formatCompact(lower) + "–" + formatCompact(upper)
            self.lower = lower
            self.upper = upper
            self.count = count
        }

        /// A categorical bin named `label` holding `count`.
        public init(label: String, count: Double) {
            self.label = label
            self.count = count
        }
    }

    /// Chart title.
    public var title: String
    /// The bins, left to right.
    public var bins: [Bin]
    /// Title of the x axis; empty = none.
    public var xAxisTitle: String
    /// Title of the y axis; empty = none.
    public var yAxisTitle: String
    /// Accessible description; nil = generated.
    public var description: String?

    /// A histogram; see the properties for the meaning of each argument.
    public init(title: String, bins: [Bin], xAxisTitle: String = "", yAxisTitle: String = "count",
                description: String? = nil) {
        self.title = title
        self.bins = bins
        self.xAxisTitle = xAxisTitle
        self.yAxisTitle = yAxisTitle
        self.description = description
    }



    /// The data as CSV: `label,lower,upper,count` (edges empty for categorical bins).
    public func csv() -> String {
        CSVTable(header: ["label", "lower", "upper", "count"], rows: bins.map {
            [$0.label, $0.lower.map(CSVTable.number) ?? "", $0.upper.map(CSVTable.number) ?? "", CSVTable.number($0.count)]
        }).csvString
    }

    /// Whether every bin has finite edges, so the x axis is numeric.
    var isNumeric: Bool {
        bins.allSatisfy { ($0.lower?.isFinite ?? false) && ($0.upper?.isFinite ?? false) }
    }
}
