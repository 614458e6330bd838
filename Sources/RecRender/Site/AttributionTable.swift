import Foundation
import RecCore

/// An attribution heatmap drawn on a user page as the ranked list it explains: one table row per
/// recommended item (rank, title, score) followed by one cell per history event the heatmap shows
/// (its rows, here columns), each cell coloured on the heatmap's diverging scale and labelled with
/// its value.
///
/// Why a table and not the SVG beside a list: the list and the chart had the same ten items twice
/// (once as titles, once as ranks to look up); one table shows each item's score and its reasons
/// on one line, reflows on a phone (the item column stays in view while the cells scroll) and
/// is lighter (no coordinates; the colours are 17 shared CSS classes): on the demo a model's
/// list and heatmap took ~11.5 KB of a user page, its table and note take ~5 KB. The chart itself
/// is unchanged: `reclens figure` (or `--figures`) writes it as SVG + CSV, and the page links
/// the two files when it has them.
struct AttributionTable {
    /// The step classes of the diverging scale inside `table.xt`: `z` (zero, themed), `p1`…`p8`
    /// and `n1`…`n8`; each sets the cell's colour and the label colour that contrasts more
    /// with it (≥ 4.5:1, WCAG AA, for every step).
    static var css: String {
        let scale = DivergingColorScale(maxMagnitude: 1)
        let steps = DivergingColorScale.stepsPerArm
        // The legend: the 17 steps as hard stops of one gradient, −max on the left.
        let stops = (-steps...steps).enumerated().map { k, step -> String in
            let color = step == 0 ? ChartStyle.light.zero : DivergingColorScale.hex(scale.stepColor(step))
            return "\(color) \(formatFixed(Double(k) * 100 / 17, digits: 2))% \(formatFixed(Double(k + 1) * 100 / 17, digits: 2))%"
        }
        var css = """
            table.xt thead th{white-space:normal;vertical-align:bottom}
            table.xt td:nth-child(2){min-width:10rem;max-width:17rem}
            table.xt th.ev{font-weight:400;font-size:.8rem;line-height:1.25;min-width:4.4rem;max-width:7rem;overflow-wrap:break-word}
            table.xt th.ev .pos{display:block;color:var(--muted)}
            table.xt th.xt-group{font-weight:400;color:var(--muted);font-size:.85rem;white-space:normal;border-bottom:1px solid var(--line)}
            table.xt tbody td:nth-child(n+4){text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap;border-bottom:1px solid var(--bg);border-left:1px solid var(--bg);-webkit-print-color-adjust:exact;print-color-adjust:exact}
            .xt-scale{display:inline-block;vertical-align:middle;width:9rem;height:.8rem;margin:0 .3rem;background:linear-gradient(to right,\(stops.joined(separator: ",")));-webkit-print-color-adjust:exact;print-color-adjust:exact}
            .xt .z{background:\(ChartStyle.light.zero);color:\(ChartStyle.light.text)}

            """
        for step in 1...steps {
            for signed in [step, -step] {
                let text = scale.stepNeedsLightText(signed) ? "#ffffff" : DivergingColorScale.hex(DivergingColorScale.darkText)
                css += ".xt .\(className(signed)){background:\(DivergingColorScale.hex(scale.stepColor(signed)));color:\(text)}\n"
            }
        }
        css += "@media (prefers-color-scheme: dark){.xt .z{background:\(ChartStyle.dark.zero);color:\(ChartStyle.dark.text)}}\n"
        css += "@media print{.xt .z{background:\(ChartStyle.light.zero);color:#000000}}\n"
        return css
    }

    /// The class of a colour step (0 = zero): `z`, `p1`…`p8`, `n1`…`n8`.
    static func className(_ step: Int) -> String {
        step == 0 ? "z" : step > 0 ? "p\(step)" : "n\(-step)"
    }

    /// Header cells: one per history event shown (the heatmap's rows, most recent first).
    let events: [[String: Any]]

    /// One cell: its colour step's class (`z`, `p1`…`n8`; empty for a NaN cell) and its label.
    struct Cell: Equatable {
        var step: String
        var label: String
        static let empty = Cell(step: "", label: "")
    }

    /// Per recommended item (in the order of `targets`), its cells; nil for an item the
    /// explanation does not cover.
    private let cellsByTarget: [String: [Cell]]
    /// The colour legend's two ends (the bar between them is `.xt-scale` in the stylesheet).
    let legend: [String: Any]

    /// - Parameters:
    ///   - heatmap: rows = history events (labels "POSITION TITLE"), columns = `targets`.
    ///   - positions, titles, hrefs: per heatmap row, its position label ("−3", or "" for a group),
    ///     display title and link (nil = none).
    init(heatmap: Heatmap, targets: [String], positions: [String], titles: [String], hrefs: [String?]) {
        events = heatmap.rowLabels.indices.map { r in
            var event: [String: Any] = ["position": positions[r], "title": titles[r]]
            if let href = hrefs[r] { event["href"] = href }
            return event
        }
        let scale = heatmap.colorScale
        let digits = scale.maxMagnitude > 0 ? max(0, min(6, 1 - Int(log10(scale.maxMagnitude).rounded(.down)))) : 0
        var cells: [String: [Cell]] = [:]
        for (c, target) in targets.enumerated() where cells[target] == nil {
            cells[target] = heatmap.rowLabels.indices.map { r in
                let v = heatmap.value(row: r, column: c)
                guard let step = scale.step(v) else { return .empty }
                return Cell(step: Self.className(step), label: Self.signed(formatFixed(v, digits: digits)))
            }
        }
        cellsByTarget = cells
        let m = scale.maxMagnitude
        legend = ["low": Self.signed(formatCompact(-m)), "high": formatCompact(m)]
    }

    /// The cells of a recommended item's row (empty cells when the explanation lacks it).
    func cells(for item: String) -> [Cell] {
        cellsByTarget[item] ?? events.map { _ in .empty }
    }

    /// The cells of a recommended item's row as markup, `<td class="STEP">LABEL</td>` each
    /// (escaped). Written here rather than by the template, as a chart's SVG is: a user page has
    /// about a thousand cells, each of which cost a context dictionary and two template lookups.
    func cellMarkup(for item: String) -> String {
        var out = MarkupBuffer(capacity: 32 * events.count)
        for cell in cells(for: item) {
            out.append("<td class=\"" as StaticString)
            out.appendXMLEscaped(cell.step)
            out.append("\">" as StaticString)
            out.appendXMLEscaped(cell.label)
            out.append("</td>" as StaticString)
        }
        return out.string
    }

    /// A typographic minus: as wide as a digit, so negative labels fit their cells as well as
    /// positive ones.
    static func signed(_ text: String) -> String {
        text.hasPrefix("-") ? "−" + text.dropFirst() : text
    }
}
