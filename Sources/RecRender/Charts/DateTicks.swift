/// Readable date ticks for a time axis in Unix seconds: clock times (UTC) for spans under two
/// days, else whole days, months or years, chosen so that at most `maxTicks` fall in the span.
enum DateTicks {
    /// Clock-time steps in seconds, for spans under two days.
    static let clockSteps: [Int64] = [10, 30, 60, 120, 300, 600, 900, 1_800, 3_600, 7_200, 10_800, 21_600, 43_200]

    /// Whether `start...end` is labelled by clock time ("14:05") rather than by date.
    static func usesClockTime(start: Int64, end: Int64) -> Bool { end - start < 2 * 86_400 }

    /// Ticks (value in Unix seconds, label) inside `start...end`.
    static func ticks(start: Int64, end: Int64, maxTicks: Int = 8) -> [AxisTick] {
        let span = Double(max(end - start, 1))
        let day = 86_400.0
        if usesClockTime(start: start, end: end) {
            for step in clockSteps where span / Double(step) <= Double(maxTicks) {
                var ticks: [AxisTick] = []
                var t = start >= 0 ? (start + step - 1) / step * step : start / step * step  // the first multiple of step ≥ start
                while t <= end {
                    ticks.append(AxisTick(value: Double(t), label: clockLabel(t, seconds: step < 60)))
                    t += step
                }
                return ticks
            }
        }
        for stepDays in [1, 2, 7, 14] where span / (Double(stepDays) * day) <= Double(maxTicks) {
            var ticks: [AxisTick] = []
            var t = (start / 86_400 + (start % 86_400 == 0 ? 0 : 1)) * 86_400
            if stepDays == 7 { t += Int64((7 - Int((t / 86_400 + 3) % 7)) % 7) * 86_400 }  // Mondays
            while t <= end {
                ticks.append(AxisTick(value: Double(t), label: CalendarDate(unixSeconds: t).dayMonthYearString))
                t += Int64(stepDays) * 86_400
            }
            return ticks
        }
        let first = CalendarDate(unixSeconds: start)
        for stepMonths in [1, 2, 3, 6, 12, 24, 60, 120, 240, 600] where span / (Double(stepMonths) * 30.44 * day) <= Double(maxTicks) {
            var ticks: [AxisTick] = []
            var date = first.day == 1 && first.unixSeconds == start ? first : first.addingMonths(1)
            if stepMonths >= 12 {
                while date.month != 1 || date.year % (stepMonths / 12) != 0 { date = date.addingMonths(1) }
            } else {
                while (date.month - 1) % stepMonths != 0 { date = date.addingMonths(1) }
            }
            while date.unixSeconds <= end {
                let label = stepMonths >= 12 ? String(date.year) : date.monthYearString
                ticks.append(AxisTick(value: Double(date.unixSeconds), label: label))
                date = date.addingMonths(stepMonths)
            }
            return ticks
        }
        return []
    }

    /// "HH:MM" (or "HH:MM:SS") of `t` in UTC.
    static func clockLabel(_ t: Int64, seconds: Bool) -> String {
        let inDay = ((t % 86_400) + 86_400) % 86_400
        func two(_ n: Int64) -> String { n < 10 ? "0\(n)" : "\(n)" }
        let label = two(inDay / 3_600) + ":" + two(inDay % 3_600 / 60)
        return seconds ? label + ":" + two(inDay % 60) : label
    }
}
