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
        // The legend is one block per colour step (2 × 8 + neutral).
        let legend = chart.svg(id: "a").components(separatedBy: "<g class=\"rl-legend\">")[1]
        #expect(legend.components(separatedBy: "<rect").count - 1 == 2 * DivergingColorScale.stepsPerArm + 1 + 1)  // + frame
    }

    @Test func cellsAreStepColouredPathsWithoutTooltips() {
        let svg = Self.small.svg(id: "hm")
        #expect(!svg.contains("<title>Toy Story (1995) · Babe"))
        #expect(svg.contains("<path fill=\"#5f3a91\" d=\"M"))  // +max: the top step
        #expect(svg.contains("<path class=\"rl-cell-zero\" d=\"M"))  // exactly zero: the theme's colour
        #expect(svg.contains("class=\"rl-cell-empty\""))  // NaN
        #expect(svg.contains("<a href=\"../items/1.html\">"))
    }

    /// Every finite cell carries its value, negative ones too (a smaller size when the label is
    /// wider than the cell), with one number of decimals per chart.
    @Test func everyFiniteCellIsLabelled() {
        var values: [[Double]] = []
        for r in 0..<6 {
            var row: [Double] = []
            for c in 0..<20 { row.append(Double((r * 20 + c) % 7 - 3) * 0.0137) }
            values.append(row)
        }
        let chart = Heatmap(title: "t", rowLabels: (0..<6).map { "row \($0)" }, columnLabels: (0..<20).map { "c\($0)" }, values: values)
        let svg = chart.svg(id: "t")
        let spans = svg.components(separatedBy: "<tspan x=").dropFirst()
        let labels: [String] = spans.map { span in String(span.split(separator: ">")[1].prefix { $0 != "<" }) }
        #expect(labels.count == 120)
        #expect(labels.contains("-0.041") && labels.contains("0.041") && labels.contains("0.000"))
        #expect(labels.allSatisfy { $0.split(separator: ".").last?.count == 3 })
    }

    /// WCAG AA for every cell label: each step's text colour reaches 4.5:1 on its fill, and the
    /// zero cell's theme colours (light and dark) reach it with the theme's text.
    @Test func everyCellLabelMeetsAAContrast() {
        let scale = DivergingColorScale(maxMagnitude: 1)
        for step in -DivergingColorScale.stepsPerArm...DivergingColorScale.stepsPerArm where step != 0 {
            let text = scale.stepNeedsLightText(step) ? (r: 255, g: 255, b: 255) : DivergingColorScale.darkText
            #expect(DivergingColorScale.contrast(scale.stepColor(step), text) >= 4.5, "step \(step)")
        }
        #expect(DivergingColorScale.contrast((0xf7, 0xf7, 0xf7), (0x1f, 0x23, 0x28)) >= 4.5)
        #expect(DivergingColorScale.contrast((0x2d, 0x33, 0x3b), (0xe6, 0xed, 0xf3)) >= 4.5)
        #expect(ChartStyle.css.contains(".rl-chart .rl-cell-zero{fill:#2d333b}"))
        #expect(ChartStyle.css.contains(".rl-chart text.rl-on-zero{fill:#e6edf3}"))
    }

    @Test func colourStepsRoundUpSoEveryNonZeroValueIsTinted() {
        let scale = DivergingColorScale(maxMagnitude: 1)
        #expect(scale.step(0) == 0)
        #expect(scale.step(1e-9) == 1 && scale.step(-1e-9) == -1)
        #expect(scale.step(1) == 8 && scale.step(-2) == -8)
        #expect(scale.step(.nan) == nil)
        #expect(DivergingColorScale.hex(scale.stepColor(8)) == "#5f3a91")
        #expect(DivergingColorScale.hex(scale.stepColor(0)) == DivergingColorScale.neutral)
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
