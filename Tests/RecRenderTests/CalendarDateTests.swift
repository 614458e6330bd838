import RecRender
import Testing

@Suite struct CalendarDateTests {
    @Test(arguments: [
        (Int64(0), "1970-01-01"), (874_965_758, "1997-09-22"), (951_782_400, "2000-02-29"), (-1, "1969-12-31"),
        (1_700_000_000, "2023-11-14"), (4_102_444_800, "2100-01-01"),
    ])
    func convertsUnixSeconds(seconds: Int64, iso: String) {
        #expect(CalendarDate(unixSeconds: seconds).isoString == iso)
    }

    @Test func roundTripsMidnights() {
        for day in stride(from: Int64(-800), through: 30_000, by: 37) {
            #expect(CalendarDate(unixSeconds: day * 86_400).unixSeconds == day * 86_400)
        }
    }

    @Test func labels() {
        let date = CalendarDate(unixSeconds: 876_009_600)
        #expect(date.monthYearString == "Oct 1997")
        #expect(date.yearMonthString == "1997-10")
        #expect(date.dayMonthYearString == "5 Oct 1997")
    }
}
