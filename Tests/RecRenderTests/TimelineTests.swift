import RecRender
import Testing

@Suite struct TimelineTests {
    @Test func sampleIsValidWithDateTicksAndTooltips() {
        let chart = SampleCharts.timeline()
        let svg = chart.svg(id: "history")
        expectValidChart(svg: svg, figure: chart.figure(id: "history"), id: "history")
        #expect(svg.contains(">Jan 1998<"))
        #expect(svg.contains("<title>Toy Story (1995) — 1997-09-23 — 1</title>"))
        #expect(svg.contains("<a href=\"../items/1.html\">"))
    }

    @Test func shortSpansGetDayTicksAndLongSpansYearTicks() {
        let day = Timeline(title: "t", points: [.init(time: 875_000_000, value: 3, label: "a"),
                                                .init(time: 875_300_000, value: 4, label: "b")])
        #expect(day.svg(id: "d").contains(" 1997<"))
        let years = Timeline(title: "t", points: [.init(time: 0, value: 3, label: "a"),
                                                  .init(time: 1_000_000_000, value: 4, label: "b")])
        #expect(years.svg(id: "y").contains(">1980<"))
    }

    @Test(arguments: [
        Timeline(title: "empty", points: []),
        Timeline(title: "one", points: [.init(time: 875_000_000, value: 4, label: "a")]),
        Timeline(title: "nan", points: [.init(time: 1, value: .nan, label: "a"), .init(time: 2, value: 0, label: "b")]),
        Timeline(title: hostileLabel, points: [.init(time: -86_400 * 400, value: -2, label: hostileLabel, href: "javascript:x")]),
    ])
    func edgeCasesRenderValidCharts(chart: Timeline) {
        let svg = chart.svg(id: "e")
        expectValidChart(svg: svg, figure: chart.figure(id: "e"), id: "e")
        #expect(!svg.contains("javascript:"))
    }

    @Test func csv() {
        let chart = Timeline(title: "t", points: [.init(time: 874_965_758, value: 4, label: "Heat, 1995")])
        #expect(chart.csv() == "time,date,value,label\n874965758,1997-09-22,4,\"Heat, 1995\"\n")
    }
}
