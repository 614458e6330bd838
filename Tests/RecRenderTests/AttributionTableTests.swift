import Foundation
@testable import RecRender
import Testing

/// The explanation table of user pages (the heatmap drawn as table cells).
@Suite struct AttributionTableTests {
    static func rgb(_ hex: Substring) -> (r: Int, g: Int, b: Int) {
        let v = Int(hex.dropFirst(), radix: 16)!
        return (v >> 16, (v >> 8) & 0xff, v & 0xff)
    }

    /// WCAG AA computed from the stylesheet itself: every step class's text colour on its
    /// background reaches 4.5:1, and so does the zero class in the light, dark and print themes.
    @Test func everyCellClassMeetsAAContrastInTheStylesheet() throws {
        let css = AttributionTable.css
        let rule = try Regex(#"\.xt \.([pnz][0-9]?)\{background:(#[0-9a-f]{6});color:(#[0-9a-f]{6})\}"#)
        var classes: Set<String> = []
        for match in css.matches(of: rule) {
            let name = String(match.output[1].substring!)
            let background = Self.rgb(match.output[2].substring!), text = Self.rgb(match.output[3].substring!)
            #expect(DivergingColorScale.contrast(background, text) >= 4.5, "class \(name)")
            classes.insert(name)
        }
        #expect(classes.count == 2 * DivergingColorScale.stepsPerArm + 1)
        #expect(css.matches(of: rule).count == 2 * DivergingColorScale.stepsPerArm + 3)  // zero: light, dark, print
    }

    /// Every finite value gets a label with the same number of decimals whatever its sign (a
    /// typographic minus, as wide as a digit); a NaN cell is empty; rows follow the targets.
    @Test func everyFiniteCellIsLabelledAndNegativesAsWideAsPositives() {
        let heatmap = Heatmap(title: "t", rowLabels: ["-1 a", "-2 b", "-3 c"], columnLabels: ["x", "y"],
                              values: [[0.5, -0.5], [-0.012, .nan], [0, 0.25]])
        let table = AttributionTable(heatmap: heatmap, targets: ["X", "Y"], positions: ["−1", "−2", "−3"], titles: ["a", "b", "c"],
                                     hrefs: [nil, "../items/b.html", nil])
        #expect(table.events.count == 3)
        #expect(table.events[1]["href"] as? String == "../items/b.html")
        let x = table.cells(for: "X"), y = table.cells(for: "Y")
        #expect(x.map(\.label) == ["0.50", "−0.01", "0.00"])
        #expect(x.map(\.step) == ["p8", "n1", "z"])
        #expect(y.map(\.label) == ["−0.50", "", "0.25"])
        #expect(y.map(\.step) == ["n8", "", "p4"])
        #expect(table.cells(for: "unknown") == [.empty, .empty, .empty])
        #expect(table.cellMarkup(for: "Y") == "<td class=\"n8\">−0.50</td><td class=\"\"></td><td class=\"p4\">0.25</td>")
        #expect(table.cellMarkup(for: "unknown") == String(repeating: "<td class=\"\"></td>", count: 3))
        #expect(table.legend["low"] as? String == "−0.5" && table.legend["high"] as? String == "0.5")
    }
}
