/// The geometry charts are laid out for: the web's 720-unit-wide charts, or a paper column.
///
/// A paper figure of physical width w inches laid out `width` units wide prints one unit at
/// 72·w/width points, so every font is raised to at least `minimumFontSize` units, the size that
/// prints at `minimumPoints` (8 pt by default). Single column (3.5 in) lays charts out 360 units
/// wide, double column (7 in) 720: both print their smallest text at 8 pt and their labels at
/// 8.4 pt. Charts read it through `ChartFrame` while they draw (`FigureLayout.$current`).
public struct FigureLayout: Sendable, Equatable {
    /// viewBox width of a chart.
    public var width: Double = 720
    /// Smallest font size in viewBox units (0 = the chart's own sizes).
    public var minimumFontSize: Double = 0
    /// Whether the chart draws its title (papers put it in the caption).
    public var showsTitle = true
    /// Physical width in inches written on the standalone `<svg>` (nil = pixels, for the web).
    public var inches: Double?

    public init() {}

    /// A paper column: `inches` wide (3.5 single, 7 double column), text at least
    /// `minimumPoints` at print size.
    public static func paper(inches: Double, minimumPoints: Double = 8, showsTitle: Bool = false) -> FigureLayout {
        var layout = FigureLayout()
        layout.width = inches < 5 ? 360 : 720
        layout.minimumFontSize = minimumPoints * layout.width / (72 * inches)
        layout.showsTitle = showsTitle
        layout.inches = inches
        return layout
    }

    /// `size` raised to the minimum.
    public func font(_ size: Double) -> Double { max(size, minimumFontSize) }

    @TaskLocal public static var current = FigureLayout()
}
