import Foundation
import RecRender
import Testing

@Suite struct HeatmapTests {
    static let small = Heatmap(title: "Attributions for user 7 & friends", rowLabels: ["Toy Story (1995)", "Heat"],
                               columnLabels: ["Babe", "Fargo"], values: [[0.5, -0.25], [.nan, 0]],
                               rowAxisTitle: "history", columnAxisTitle: "recommended", valueCaption: "Shapley value",
                               rowHrefs: ["../items/1.html", nil], columnHrefs: [])

    @Test func goldenSmallHeatmap() throws {
        try expectGolden(Self.small.svg(id: "hm"), named: "heatmap-small.svg")
    }

    @Test func sampleIsValidInlineAndStandalone() {
        let chart = SampleCharts.heatmap()
        expectValidChart(svg: chart.svg(id: "user-1-heatmap"), figure: chart.figure(id: "user-1-heatmap"), id: "user-1-heatmap")
        #expect(chart.svg(id: "a").contains("url(#a-legend-gradient)"))
    }

    @Test func cellsCarryTooltipsAndInlineFills() {
        let svg = Self.small.svg(id: "hm")
        #expect(svg.contains("<title>Toy Story (1995) · Babe: 0.5 Shapley value</title>"))
        #expect(svg.contains("<title>Heat · Babe: no value</title>"))
        #expect(svg.contains("fill=\"#5f3a91\""))  // +max
        #expect(svg.contains("fill=\"\(DivergingColorScale.neutral)\""))  // zero
        #expect(svg.contains("<a href=\"../items/1.html\">"))
    }

    @Test func escapesHostileLabelsEverywhere() {
        let chart = Heatmap(title: hostileLabel, rowLabels: [hostileLabel], columnLabels: [hostileLabel],
                            values: [[1]], rowAxisTitle: hostileLabel, columnAxisTitle: hostileLabel,
                            valueCaption: hostileLabel, rowHrefs: ["x\"><script>"])
        let svg = chart.svg(id: "x"), figure = chart.figure(id: "x")
        expectValidChart(svg: svg, figure: figure, id: "x")
        #expect(!svg.contains("<script>") && !figure.contains("<script>"))
        #expect(svg.contains("&lt;script&gt;"))
        #expect(chart.csv().hasPrefix("row,column,value\n\"<script>alert(1)</script> & \"\"quoted\"\""))
    }

    @Test(arguments: [
        Heatmap(title: "empty", rowLabels: [], columnLabels: [], values: []),
        Heatmap(title: "one", rowLabels: ["a"], columnLabels: ["b"], values: [[3]]),
        Heatmap(title: "zeros", rowLabels: ["a", "b"], columnLabels: ["c"], values: [[0], [0]]),
        Heatmap(title: "negative", rowLabels: ["a", "b"], columnLabels: ["c"], values: [[-1], [-3]]),
        Heatmap(title: "nan", rowLabels: ["a"], columnLabels: ["b", "c"], values: [[.nan, .nan]]),
        Heatmap(title: "ragged", rowLabels: ["a", "b"], columnLabels: ["c", "d"], values: [[1]]),
        Heatmap(title: longLabel, rowLabels: [longLabel], columnLabels: Array(repeating: longLabel, count: 20),
                values: [Array(repeating: 0.1, count: 20)], rowAxisTitle: longLabel, columnAxisTitle: longLabel),
    ])
    func edgeCasesRenderValidCharts(chart: Heatmap) {
        expectValidChart(svg: chart.svg(id: "e"), figure: chart.figure(id: "e"), id: "e")
    }

    @Test func emptyHeatmapSaysNoData() {
        #expect(Heatmap(title: "t", rowLabels: [], columnLabels: [], values: []).svg(id: "e").contains(">No data<"))
    }

    @Test func allZerosUseTheNeutralColourAndLegend() {
        let chart = Heatmap(title: "z", rowLabels: ["a"], columnLabels: ["b"], values: [[0]])
        #expect(chart.colorScale.maxMagnitude == 0)
        #expect(!chart.svg(id: "z").contains("linearGradient"))
    }

    @Test func longLabelsAreTruncatedWithTheFullTextInATitle() {
        let chart = Heatmap(title: "t", rowLabels: [longLabel], columnLabels: ["b"], values: [[1]])
        let svg = chart.svg(id: "t")
        #expect(svg.contains("…"))
        #expect(svg.contains("<title>\(longLabel.xmlEscaped)</title>"))
    }

    /// Speed lives in `reclens-bench` (render step), not in a timed test.
    @Test func deterministic() {
        let chart = SampleCharts.heatmap()
        #expect(chart.svg(id: "d") == chart.svg(id: "d"))
        #expect(chart.csv() == chart.csv())
    }

    @Test func csvIsTidyRowMajor() {
        #expect(Self.small.csv() == """
            row,column,value
            Toy Story (1995),Babe,0.5
            Toy Story (1995),Fargo,-0.25
            Heat,Babe,
            Heat,Fargo,0

            """)
    }
}
