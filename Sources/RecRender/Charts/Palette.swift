/// Colour-blind-safe colours and line styles shared by the charts.
///
/// Series use the Okabe–Ito palette (Okabe & Ito 2008) through CSS classes `rl-series-0` …
/// `rl-series-7`, so light and dark themes can tune them in ``ChartStyle/css``; each series also
/// gets its own dash pattern and marker shape so it stays distinguishable in greyscale.
public enum Palette {
    /// Okabe–Ito colours for series on a light background, in series order.
    public static let seriesLight = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#D55E00", "#56B4E9",
                                     "#000000", "#B8A200"]
    /// The same hues adjusted for a dark background (blue lightened, black turned light grey).
    public static let seriesDark = ["#56B4E9", "#E69F00", "#2BC49A", "#E08FC0", "#F07B3F", "#9AD0F5",
                                    "#E6E6E6", "#F0E442"]
    /// SVG `stroke-dasharray` per series (nil = solid), cycling with the colours.
    public static let dashPatterns: [String?] = [nil, "7 4", "2 3", "9 3 2 3", "4 4", "12 4", "2 6", "6 2 2 2"]

    /// Number of distinct series styles before they repeat.
    public static var seriesCount: Int { seriesLight.count }

    /// The CSS class for series `index` (wraps around).
    public static func seriesClass(_ index: Int) -> String { "rl-series-\(index % seriesCount)" }

    /// The dash pattern for series `index` (nil = solid).
    public static func dashPattern(_ index: Int) -> String? { dashPatterns[index % dashPatterns.count] }

    /// Marker shape for series `index`: a closed path of radius `r` centred on (x, y).
    /// Shapes cycle through circle, square, triangle, diamond, inverted triangle.
    public static func markerPath(_ index: Int, x: Double, y: Double, r: Double) -> String {
        func p(_ a: Double, _ b: Double) -> String { formatCoordinate(a) + "," + formatCoordinate(b) }
        switch index % 5 {
        case 0:
            return "M\(p(x - r, y))a\(formatCoordinate(r)),\(formatCoordinate(r)) 0 1,0 \(formatCoordinate(2 * r)),0"
                + "a\(formatCoordinate(r)),\(formatCoordinate(r)) 0 1,0 \(formatCoordinate(-2 * r)),0Z"
        case 1:
            let s = r * 0.9
            return "M\(p(x - s, y - s))H\(formatCoordinate(x + s))V\(formatCoordinate(y + s))H\(formatCoordinate(x - s))Z"
        case 2:
            return "M\(p(x, y - r * 1.15))L\(p(x + r, y + r * 0.75))L\(p(x - r, y + r * 0.75))Z"
        case 3:
            return "M\(p(x, y - r * 1.2))L\(p(x + r, y))L\(p(x, y + r * 1.2))L\(p(x - r, y))Z"
        default:
            return "M\(p(x, y + r * 1.15))L\(p(x + r, y - r * 0.75))L\(p(x - r, y - r * 0.75))Z"
        }
    }
}
