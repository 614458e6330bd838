import RecRender
import Testing

@Suite struct LineChartTests {
    @Test func samplesAreValid() {
        for chart in [SampleCharts.lineChart(), SampleCharts.lineChart(logY: true)] {
            expectValidChart(svg: chart.svg(id: "curve"), figure: chart.figure(id: "curve"), id: "curve")
        }
    }

    @Test func logAxisLabelsPowersOfTen() {
        let chart = LineChart(title: "λ", series: [.init(name: "λ", points: [(1, 0.002), (2, 3), (3, 450)])], logY: true)
        let texts = XMLCheck(chart.svg(id: "l")).texts
        for label in ["0.001", "0.01", "0.1", "1", "10", "100", "1k"] { #expect(texts.contains(label)) }
        #expect(chart.svg(id: "l").contains("rl-minor-grid"))
    }

    @Test func seriesAreDistinguishedByClassDashAndLegend() {
        let svg = SampleCharts.lineChart().svg(id: "l")
        for i in 0..<4 { #expect(svg.contains("rl-series-\(i)")) }
        #expect(svg.contains("stroke-dasharray=\"7 4\""))
        #expect(svg.contains(">MF without regularisation<"))
        #expect(svg.contains(">global mean baseline<"))
    }

    @Test(arguments: [
        LineChart(title: "empty", series: []),
        LineChart(title: "no points", series: [.init(name: "a", points: [])]),
        LineChart(title: "one", series: [.init(name: "a", points: [(1, 1)])]),
        LineChart(title: "zeros", series: [.init(name: "a", points: [(0, 0), (1, 0)])]),
        LineChart(title: "negative", series: [.init(name: "a", points: [(-3, -1), (-1, -5)])]),
        LineChart(title: "nan", series: [.init(name: "a", points: [(1, .nan), (2, 3), (.infinity, 1), (4, 2)])]),
        LineChart(title: "log with zeros", series: [.init(name: "a", points: [(1, 0), (2, -1)])], logY: true),
        LineChart(title: hostileLabel, xAxisTitle: hostileLabel, yAxisTitle: longLabel,
                  series: [.init(name: hostileLabel, points: [(1, 2)]), .init(name: longLabel, points: [(2, 1)])],
                  referenceLine: .init(y: 1.5, label: hostileLabel)),
    ])
    func edgeCasesRenderValidCharts(chart: LineChart) {
        let svg = chart.svg(id: "e")
        expectValidChart(svg: svg, figure: chart.figure(id: "e"), id: "e")
        #expect(!svg.contains("<script>"))
    }

    @Test func csvListsEveryPoint() {
        let chart = LineChart(title: "t", series: [.init(name: "a,b", points: [(1, 0.5), (2, .nan)])])
        #expect(chart.csv() == "series,x,y\n\"a,b\",1,0.5\n\"a,b\",2,\n")
    }

    @Test func deterministic() {
        #expect(SampleCharts.lineChart().figure(id: "x") == SampleCharts.lineChart().figure(id: "x"))
    }
}
