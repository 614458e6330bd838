@testable import RecCheck
import Testing

@Suite struct SiteIndexTests {
    @Test func resolvesDotSegmentsAgainstThePageFolder() {
        #expect(SiteIndex.resolve("../figures/x.svg", from: "users/12.html")! == ("figures/x.svg", false))
        #expect(SiteIndex.resolve("./13.html", from: "users/12.html")! == ("users/13.html", false))
        #expect(SiteIndex.resolve("/style.css", from: "users/12.html")! == ("style.css", false))
        #expect(SiteIndex.resolve("..", from: "users/12.html")! == ("", true))
        #expect(SiteIndex.resolve("sub/", from: "index.html")! == ("sub", true))
        #expect(SiteIndex.resolve("../../x.html", from: "users/12.html") == nil)
    }

    @Test func normalizesKeys() {
        #expect(SiteIndex.normalizedKey("./users//12.html") == "users/12.html")
        #expect(SiteIndex.normalizedKey("/style.css") == "style.css")
    }
}
