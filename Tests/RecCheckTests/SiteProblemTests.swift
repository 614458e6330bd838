import RecCheck
import Testing

@Suite struct SiteProblemTests {
    @Test func printsFileLineMessage() {
        #expect(SiteProblem(file: "users/1.html", line: 12, message: "broken link").description == "users/1.html:12: broken link")
    }
}
