import RecRender
import Testing

@Suite struct HistogramTests {
    @Test func sampleIsValid() {
        let chart = SampleCharts.histogram()
        expectValidChart(svg: chart.svg(id: "hist"), figure: chart.figure(id: "hist"), id: "hist")
        #expect(chart.svg(id: "hist").contains("<title>20–70: 900</title>"))
    }

    @Test(arguments: [
        Histogram(title: "empty", bins: []),
        Histogram(title: "one", bins: [.init(lower: 0, upper: 1, count: 3)]),
        Histogram(title: "zeros", bins: [.init(lower: 0, upper: 1, count: 0), .init(lower: 1, upper: 2, count: 0)]),
        Histogram(title: "categories", bins: [.init(label: hostileLabel, count: 2), .init(label: longLabel, count: 5)]),
        Histogram(title: "nan", bins: [.init(label: "a", count: .nan), .init(label: "b", count: 1)]),
    ])
    func edgeCasesRenderValidCharts(chart: Histogram) {
        expectValidChart(svg: chart.svg(id: "e"), figure: chart.figure(id: "e"), id: "e")
    }

    @Test func csv() {
        let chart = Histogram(title: "t", bins: [.init(lower: 0, upper: 0.5, count: 4), .init(label: "a,b", count: 1)])
        #expect(chart.csv() == "label,lower,upper,count\n0–0.5,0,0.5,4\n\"a,b\",,,1\n")
    }
}
