import RecRender
import Testing

@Suite struct SignedBarChartTests {
    @Test func sampleIsValidAndColoursBySign() {
        let chart = SampleCharts.barChart()
        let svg = chart.svg(id: "bars")
        expectValidChart(svg: svg, figure: chart.figure(id: "bars"), id: "bars")
        #expect(svg.contains("rl-bar-positive") && svg.contains("rl-bar-negative"))
        #expect(svg.contains(">-0.135<") && svg.contains(">0.412<"))
    }

    @Test(arguments: [
        SignedBarChart(title: "empty", labels: [], values: []),
        SignedBarChart(title: "one", labels: ["a"], values: [2]),
        SignedBarChart(title: "zeros", labels: ["a", "b"], values: [0, 0]),
        SignedBarChart(title: "negative", labels: ["a", "b"], values: [-1, -0.5]),
        SignedBarChart(title: "nan", labels: ["a", "b"], values: [.nan, 1]),
        SignedBarChart(title: hostileLabel, labels: [hostileLabel, longLabel], values: [1, -1], valueAxisTitle: hostileLabel),
    ])
    func edgeCasesRenderValidCharts(chart: SignedBarChart) {
        expectValidChart(svg: chart.svg(id: "e"), figure: chart.figure(id: "e"), id: "e")
    }

    @Test func csv() {
        #expect(SignedBarChart(title: "t", labels: ["x \"y\"", "z"], values: [1.5, -2]).csv()
            == "label,value\n\"x \"\"y\"\"\",1.5\nz,-2\n")
    }
}
