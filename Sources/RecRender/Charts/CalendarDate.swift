/// A proleptic-Gregorian UTC calendar date computed from Unix seconds without Foundation
/// (Howard Hinnant's `civil_from_days`), so output never depends on the machine's locale or zone.
public struct CalendarDate: Sendable, Hashable, Comparable {
    /// Year (may be ≤ 0 for dates before 1 AD).
    public var year: Int
    /// Month, 1...12.
    public var month: Int
    /// Day of the month, 1...31.
    public var day: Int

    static let monthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// The date `year`-`month`-`day`.
    public init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// The UTC date containing the instant `unixSeconds` (seconds since 1970-01-01T00:00:00Z).
    public init(unixSeconds: Int64) {
        let days = unixSeconds >= 0 ? unixSeconds / 86_400 : -((-unixSeconds + 86_399) / 86_400)
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        self.init(year: Int(yoe + era * 400 + (m <= 2 ? 1 : 0)), month: Int(m), day: Int(d))
    }

    /// Seconds since the epoch at 00:00 UTC of this date.
    public var unixSeconds: Int64 {
        let y = Int64(month <= 2 ? year - 1 : year)
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let m = Int64(month)
        let doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + Int64(day) - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return (era * 146_097 + doe - 719_468) * 86_400
    }

    /// ISO 8601 date, e.g. `"1997-10-05"`.
    public var isoString: String { yearMonthString + "-" + twoDigits(day) }

    /// Year and month, e.g. `"1997-10"`.
    public var yearMonthString: String { String(year) + "-" + twoDigits(month) }

    /// Short month and year, e.g. `"Oct 1997"`.
    public var monthYearString: String { Self.monthNames[month - 1] + " " + String(year) }

    /// Day, short month and year, e.g. `"5 Oct 1997"`.
    public var dayMonthYearString: String { String(day) + " " + monthYearString }

    /// The first day of the month `months` months after this date's month.
    func addingMonths(_ months: Int) -> CalendarDate {
        let index = year * 12 + (month - 1) + months
        let y = index >= 0 ? index / 12 : -((-index + 11) / 12)
        return CalendarDate(year: y, month: index - y * 12 + 1, day: 1)
    }

    public static func < (a: CalendarDate, b: CalendarDate) -> Bool {
        (a.year, a.month, a.day) < (b.year, b.month, b.day)
    }

    private func twoDigits(_ n: Int) -> String { n < 10 ? "0" + String(n) : String(n) }
}
