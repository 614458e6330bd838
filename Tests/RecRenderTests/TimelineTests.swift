import RecRender
import Testing

@Suite struct TimelineTests {
    @Test func sampleIsValidWithDateTicksAndOneDotPerEvent() {
        let chart = SampleCharts.timeline()
        let svg = chart.svg(id: "history")
        expectValidChart(svg: svg, figure: chart.figure(id: "history"), id: "history")
        #expect(svg.contains(">Jan 1998<"))
        // Every event is one zero-length segment of the dots path; no per-dot markup.
        let dots = svg.components(separatedBy: "class=\"rl-dots rl-series-0\" d=\"")[1].prefix { $0 != "\"" }
        #expect(dots.components(separatedBy: "h0").count - 1 == chart.points.count)
        #expect(!svg.contains("<circle"))
        #expect(chart.csv().contains("Toy Story (1995)"))
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
        Timeline(title: hostileLabel, points: [.init(time: -86_400 * 400, value: -2, label: hostileLabel)]),
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
