/// A matrix of signed values (e.g. attributions: history events × recommended items) drawn as
/// coloured cells on a diverging scale centred at 0 (``DivergingColorScale``), with row and
/// column labels (optionally links), a per-cell tooltip "row · column: value" and a legend bar.
///
/// Shape: `rowLabels.count` rows × `columnLabels.count` columns; `values[r][c]` is the cell in
/// row r, column c. Missing entries and NaN are drawn as empty cells. Designed for up to ~25 rows
/// and ~20 columns; long column labels are rotated −40° and truncated with an ellipsis.
public struct Heatmap: Sendable {
    /// Chart title (visible, and the accessible name).
    public var title: String
    /// One label per row, top to bottom.
    public var rowLabels: [String]
    /// One label per column, left to right.
    public var columnLabels: [String]
    /// Cell values, `values[row][column]`; NaN = empty.
    public var values: [[Double]]
    /// Title of the row axis (drawn vertically on the left); empty = none.
    public var rowAxisTitle: String
    /// Title of the column axis (drawn below the column labels); empty = none.
    public var columnAxisTitle: String
    /// What a value is, with its unit (legend caption and CSV context), e.g. "Shapley value".
    public var valueCaption: String
    /// Optional link per row label (nil or missing = no link).
    public var rowHrefs: [String?]
    /// Optional link per column label (nil or missing = no link).
    public var columnHrefs: [String?]
    /// Short labels drawn under the columns instead of ``columnLabels`` (e.g. ranks "1"…"10"
    /// whose titles a table beside the chart gives); nil = draw ``columnLabels``. The CSV and
    /// the description always use ``columnLabels``.
    public var columnTicks: [String]?
    /// Print each value inside its cell when the cell is large enough.
    public var showsValues: Bool
    /// Accessible description; nil = generated from the data.
    public var description: String?

    /// A heatmap; see the properties for the meaning of each argument.
    public init(title: String, rowLabels: [String], columnLabels: [String], values: [[Double]],
                rowAxisTitle: String = "", columnAxisTitle: String = "", valueCaption: String = "value",
                rowHrefs: [String?] = [], columnHrefs: [String?] = [], columnTicks: [String]? = nil,
                showsValues: Bool = true, description: String? = nil) {
        self.columnTicks = columnTicks
        self.title = title
        self.rowLabels = rowLabels
        self.columnLabels = columnLabels
        self.values = values
        self.rowAxisTitle = rowAxisTitle
        self.columnAxisTitle = columnAxisTitle
        self.valueCaption = valueCaption
        self.rowHrefs = rowHrefs
        self.columnHrefs = columnHrefs
        self.showsValues = showsValues
        self.description = description
    }

    /// The value in `row`, `column`; NaN when missing.
    public func value(row: Int, column: Int) -> Double {
        guard row < values.count, column < values[row].count else { return .nan }
        return values[row][column]
    }

    /// The diverging colour scale used for the cells: symmetric in the largest finite |value|.
    public var colorScale: DivergingColorScale {
        DivergingColorScale(values: values.joined())
    }



    /// The data as tidy CSV: `row,column,value`, one line per cell in row-major order
    /// (empty value for NaN).
    public func csv() -> String {
        var table = CSVTable(header: ["row", "column", "value"])
        for (r, row) in rowLabels.enumerated() {
            for (c, column) in columnLabels.enumerated() {
                table.rows.append([row, column, CSVTable.number(value(row: r, column: c))])
            }
        }
        return table.csvString
    }

    /// The generated accessible description.
    var generatedDescription: String {
        let finite = values.joined().filter { $0.isFinite }
        var text = "Heatmap of \(rowLabels.count) rows"
        if !rowAxisTitle.isEmpty { text += " (\(rowAxisTitle))" }
        text += " by \(columnLabels.count) columns"
        if !columnAxisTitle.isEmpty { text += " (\(columnAxisTitle))" }
        if let lo = finite.min(), let hi = finite.max() {
            text += "; \(valueCaption) from \(formatCompact(lo)) to \(formatCompact(hi))"
        }
        text += ". Negative values are orange, positive values purple, zero near white."
        return text
    }
}
