/// A user's history over time: one point per event at (date, value), e.g. (when rated, rating).
/// The x axis shows UTC clock times for histories under two days (the date in the axis title),
/// else UTC dates (days, months or years by span); points are drawn as translucent
/// dots (one path), so dense histories stay light; labels and links are in ``csv()``.
public struct Timeline: Sendable {
    /// One event.
    public struct Point: Sendable {
        /// When, in Unix seconds (UTC).
        public var time: Int64
        /// The value on the y axis (e.g. a rating).
        public var value: Double
        /// Item title (in the CSV).
        public var label: String

        /// An event at `time` with `value`, described by `label`.
        public init(time: Int64, value: Double, label: String) {
            self.time = time
            self.value = value
            self.label = label
        }
    }

    /// Chart title.
    public var title: String
    /// The events, in any order.
    public var points: [Point]
    /// Title of the y axis, e.g. "rating"; empty = none.
    public var valueAxisTitle: String
    /// Title of the x axis; empty = none.
    public var timeAxisTitle: String
    /// Accessible description; nil = generated.
    public var description: String?

    /// A timeline; see the properties for the meaning of each argument.
    public init(title: String, points: [Point], valueAxisTitle: String = "rating", timeAxisTitle: String = "date (UTC)",
                description: String? = nil) {
        self.title = title
        self.points = points
        self.valueAxisTitle = valueAxisTitle
        self.timeAxisTitle = timeAxisTitle
        self.description = description
    }



    /// The time axis title: `timeAxisTitle`, or for a clock-time axis (spans under two days),
    /// whose ticks carry no date, the default's "time (UTC) on 22 Sep 1997" ("on 22–23 Sep 1997"
    /// across midnight) or a custom title followed by the days; empty when `timeAxisTitle` is.
    func axisTitle(start: Int64, end: Int64) -> String {
        guard !timeAxisTitle.isEmpty, DateTicks.usesClockTime(start: start, end: end) else { return timeAxisTitle }
        let first = CalendarDate(unixSeconds: start), last = CalendarDate(unixSeconds: end)
        let days = first == last ? first.dayMonthYearString
            : first.year == last.year && first.month == last.month ? "\(first.day)–\(last.dayMonthYearString)"
            : "\(first.dayMonthYearString) – \(last.dayMonthYearString)"
        return timeAxisTitle == "date (UTC)" ? "time (UTC) on \(days)" : "\(timeAxisTitle), \(days)"
    }

    /// The data as CSV: `time,date,value,label` (time in Unix seconds, date ISO UTC).
    public func csv() -> String {
        CSVTable(header: ["time", "date", "value", "label"], rows: points.map {
            [String($0.time), CalendarDate(unixSeconds: $0.time).isoString, CSVTable.number($0.value), $0.label]
        }).csvString
    }

    public func drawing(id: String) -> (ChartFrame, [SVGElement]) {
        let shown = points.filter { $0.value.isFinite }
        guard !shown.isEmpty else { return ChartFrame.empty(title: title) }
        let height = 300.0, top = ChartFrame.titleBand + 12, bottom = height - 52
        var start = shown.map(\.time).min()!, end = shown.map(\.time).max()!
        // A 2.5 % margin on each side (at least 30 s): a history rated within an hour spreads
        // over the width with clock-time ticks instead of sitting in one column of a days axis.
        let pad = max((end - start) / 40, 30)
        start -= pad
        end += pad
        let yScale = Scale.linear(dataMin: shown.map(\.value).min()!, dataMax: shown.map(\.value).max()!,
                                  range: (bottom, top), tickCount: 5)
        let yAxis = Axis(edge: .left, scale: yScale, title: valueAxisTitle)
        let left = 12 + (valueAxisTitle.isEmpty ? 0 : 20) + yAxis.maxLabelWidth + 10
        let area = PlotArea(left: left, top: top, width: ChartFrame.naturalWidth - left - 24, height: bottom - top)
        let xScale = Scale.fixed(domain: Double(start)...Double(end), range: (area.left, area.right))
        let xAxis = Axis(edge: .bottom, scale: xScale, ticks: DateTicks.ticks(start: start, end: end), title: axisTitle(start: start, end: end))
        var body = [xAxis.element(area: area, titleOffset: 38), yAxis.element(area: area, titleOffset: yAxis.maxLabelWidth + 18)]
        // All dots in one path of zero-length segments with round caps: ~12 bytes per event
        // instead of a circle, a link and a tooltip each (the events, titles and links are in the
        // page's history table and the figure's CSV).
        var d = ""
        for point in shown.sorted(by: { ($0.time, $0.label) < ($1.time, $1.label) }) {
            d += "M\(formatCoordinate(xScale(Double(point.time)))) \(formatCoordinate(yScale(point.value)))h0"
        }
        body.append(SVGElement("path", ["class": "rl-dots rl-series-0", "d": SVGValue(d)]))
        let first = CalendarDate(unixSeconds: shown.map(\.time).min()!), last = CalendarDate(unixSeconds: shown.map(\.time).max()!)
        let description = description
            ?? "Timeline of \(shown.count) events from \(first.isoString) to \(last.isoString)\(valueAxisTitle.isEmpty ? "" : ", \(valueAxisTitle) on the vertical axis")."
        return (ChartFrame(height: height, title: title, description: description), body)
    }
}
