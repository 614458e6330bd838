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

    /// Most MovieLens users rate their whole history in one sitting: such a history spreads over
    /// the width on a clock-time axis with the day in the axis title.
    @Test func historiesWithinHoursGetClockTicksAndTheDayInTheTitle() {
        // 22 Sep 1997 10:02:38 UTC and 46 minutes later.
        let session = Timeline(title: "t", points: [.init(time: 874_922_558, value: 3, label: "a"),
                                                    .init(time: 874_925_318, value: 4, label: "b")])
        let svg = session.svg(id: "s")
        expectValidChart(svg: svg, figure: session.figure(id: "s"), id: "s")
        #expect(svg.contains(">10:10<") && svg.contains(">10:40<"), "ticks every 10 minutes")
        #expect(svg.contains("time (UTC) on 22 Sep 1997"))
        // The two dots are far apart (they sat in one column of a days axis before).
        let dots = svg.components(separatedBy: "class=\"rl-dots rl-series-0\" d=\"")[1].prefix { $0 != "\"" }
        let xs = dots.split(separator: "M").map { Double($0.split(separator: " ")[0])! }
        #expect(xs.count == 2 && xs[1] - xs[0] > 400)
        // Across midnight the title names both days; a custom title keeps its words.
        let night = Timeline(title: "t", points: [.init(time: 874_972_800 - 600, value: 3, label: "a"),
                                                  .init(time: 874_972_800 + 600, value: 4, label: "b")], timeAxisTitle: "when")
        let nightSVG = night.svg(id: "n")
        #expect(nightSVG.contains("when, 22–23 Sep 1997") && nightSVG.contains(">00:00<"))
        // Seconds-level steps below a few minutes.
        let burst = Timeline(title: "t", points: [.init(time: 874_922_400, value: 3, label: "a"), .init(time: 874_922_460, value: 4, label: "b")])
        #expect(burst.svg(id: "b").contains(">10:00:30<"))
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
