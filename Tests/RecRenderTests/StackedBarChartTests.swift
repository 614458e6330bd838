import Foundation
import RecRender
import Testing

@Suite struct StackedBarChartTests {
    static let small = StackedBarChart(
        title: "Where the predictions of user 7 & friends come from", segments: ["content", "content + user", "content + item", "<all>"],
        labels: ["1. Toy Story (1995)", "2. Heat & Dust"], values: [[0.1, 0.2, 0.3, 0.4], [0.7, 0, 0.05, 0.25]],
        rowHrefs: ["../items/1.html", nil], valueAxisTitle: "Share of the predicted probability")

    @Test func goldenSmallStackedBars() throws {
        try expectGolden(Self.small.svg(id: "sb"), named: "stacked-bars-small.svg")
    }

    @Test func validInlineAndStandaloneWithEscapedText() {
        expectValidChart(svg: Self.small.svg(id: "sb"), figure: Self.small.figure(id: "sb"), id: "sb")
        let svg = Self.small.svg(id: "sb")
        #expect(svg.contains("Heat &amp; Dust") && svg.contains("&lt;all&gt;") && !svg.contains("<all>"))
        #expect(svg.contains("<a href=\"../items/1.html\">"))
    }

    /// One rectangle per non-zero segment (zeros leave no sliver), wide ones labelled in percent.
    @Test func segmentsAreDrawnAndLabelled() {
        let svg = Self.small.svg(id: "sb")
        let bars = svg.components(separatedBy: "<g class=\"rl-bars\">")[1]
        #expect(bars.components(separatedBy: "<rect").count - 1 == 7)
        #expect(bars.contains(">70 %<") && bars.contains(">40 %<"))
        #expect(Self.small.csv().hasPrefix("label,content,content + user,content + item,<all>\n") || Self.small.csv().hasPrefix("label,content,content + user,content + item,\"<all>\"\n"))
    }
}
