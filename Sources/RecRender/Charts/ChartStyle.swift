/// The stylesheet for the `rl-` classes used by every chart: text, axes, gridlines, series,
/// bars and legends, in a light theme and (under `prefers-color-scheme: dark`) a dark theme.
///
/// Page stylesheets include ``css``; standalone figures embed ``lightCSS``. Data-driven colours
/// (heatmap cells, legend gradients) are inline `fill`s and do not depend on the theme.
public enum ChartStyle {
    /// Theme colours used by the rules.
    struct Theme {
        var background: String, text: String, mutedText: String, axis: String, grid: String, link: String
        var positive: String, negative: String, empty: String, zero: String, series: [String]
        /// Ego-graph colours: edges, query node, nodes at hop 1, 2 and 3+.
        var edge: String, query: String, hops: [String]
    }

    static let light = Theme(background: "#ffffff", text: "#1f2328", mutedText: "#57606a", axis: "#57606a", grid: "#d8dee4",
                             link: "#0550ae", positive: "#8073ac", negative: "#be620a", empty: "#eef1f4", zero: "#f7f7f7",
                             series: Palette.seriesLight,
                             edge: "#8c959f", query: "#D55E00", hops: ["#0072B2", "#56B4E9", "#b9def3"])
    static let dark = Theme(background: "#0d1117", text: "#e6edf3", mutedText: "#9ea7b3", axis: "#8b949e", grid: "#30363d",
                            link: "#6cb6ff", positive: "#a59dd0", negative: "#f0a04b", empty: "#22272e", zero: "#2d333b",
                            series: Palette.seriesDark,
                            edge: "#6e7681", query: "#F07B3F", hops: ["#56B4E9", "#2f7fb5", "#1f4e6e"])

    /// Rules that do not depend on the theme (sizing, line styles).
    static let baseCSS = """
        svg.rl-chart{max-width:100%;height:auto;overflow:visible;font-family:system-ui,-apple-system,'Segoe UI',Roboto,'Helvetica Neue',Arial,sans-serif}
        .rl-title{font-weight:600}
        .rl-axis,.rl-tick{fill:none;stroke-width:1}
        .rl-grid{fill:none;stroke-width:1}
        .rl-minor-grid{fill:none;stroke-width:0.5;stroke-dasharray:2 3}
        .rl-line{fill:none;stroke-width:2;stroke-linejoin:round;stroke-linecap:round}
        .rl-ref{fill:none;stroke-width:1.5;stroke-dasharray:6 4}
        .rl-point{fill-opacity:0.75;stroke-width:1}
        .rl-chart path.rl-dots{fill:none;stroke-width:9;stroke-linecap:round;stroke-opacity:0.55}
        .rl-cell-value{pointer-events:none}
        .rl-cell-empty{stroke-width:0.5}
        .rl-halo{paint-order:stroke;stroke-width:4px;stroke-linejoin:round}
        .rl-chart a:hover text{text-decoration:underline}
        .rl-edge{fill:none;stroke-linecap:round;stroke-opacity:0.55}
        .rl-node{stroke-width:1.5}
        .rl-node-query{stroke-width:2.5}
        .rl-node-label-query{font-weight:600}
        .rl-chart a:hover .rl-node{stroke-width:3}

        """

    /// Colour rules for one theme, each selector scoped to `.rl-chart`.
    static func rules(_ t: Theme) -> String {
        var css = """
            .rl-chart text{fill:\(t.text)}
            .rl-chart .rl-tick-label,.rl-chart .rl-tick-labels text,.rl-chart .rl-axis-title,.rl-chart .rl-desc-text{fill:\(t.mutedText)}
            .rl-chart a text{fill:\(t.link)}
            .rl-chart .rl-axis,.rl-chart .rl-tick{stroke:\(t.axis)}
            .rl-chart .rl-grid,.rl-chart .rl-minor-grid{stroke:\(t.grid)}
            .rl-chart .rl-ref{stroke:\(t.mutedText)}
            .rl-chart .rl-bar,.rl-chart .rl-bar-positive{fill:\(t.positive)}
            .rl-chart .rl-bar-negative{fill:\(t.negative)}
            .rl-chart .rl-whisker{stroke:\(t.text);stroke-width:1.5;fill:none}
            .rl-chart .rl-cell-empty{fill:\(t.empty);stroke:\(t.grid)}
            .rl-chart .rl-legend-frame{fill:none;stroke:\(t.axis)}
            .rl-chart .rl-halo{stroke:\(t.background)}
            .rl-chart text.rl-on-dark{fill:#ffffff}
            .rl-chart text.rl-on-light{fill:#1f2328}
            .rl-chart .rl-cell-zero{fill:\(t.zero)}
            .rl-chart text.rl-on-zero{fill:\(t.text)}
            .rl-chart .rl-edge{stroke:\(t.edge)}
            .rl-chart .rl-node{stroke:\(t.background)}
            .rl-chart .rl-node-query{fill:\(t.query);stroke:\(t.text)}
            .rl-chart .rl-node-hop-1{fill:\(t.hops[0])}
            .rl-chart .rl-node-hop-2{fill:\(t.hops[1])}
            .rl-chart .rl-node-hop-3{fill:\(t.hops[2]);stroke:\(t.axis)}
            .rl-chart a .rl-node-label{fill:\(t.text)}

            """
        for (i, color) in t.series.enumerated() {
            css += ".rl-chart .rl-series-\(i){stroke:\(color);fill:\(color)}\n"
        }
        css += ".rl-chart .rl-series-line{fill:none}\n"
        return css
    }

    /// Light-theme CSS only (embedded in standalone figures).
    public static let lightCSS: String = baseCSS + rules(light)

    /// Light rules plus dark rules inside `@media (prefers-color-scheme: dark)`; include this in
    /// the page stylesheet. Contains no `<`, `>` or `&`.
    public static let css: String = lightCSS + "@media (prefers-color-scheme: dark){\n" + rules(dark) + "}\n"
}
