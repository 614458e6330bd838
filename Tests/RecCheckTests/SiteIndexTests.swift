@testable import RecCheck
import Testing

@Suite struct SiteIndexTests {
    @Test func resolvesDotSegmentsAgainstThePageFolder() {
        #expect(SiteIndex.resolve("../figures/x.svg", inFolder: "users")! == ("figures/x.svg", false))
        #expect(SiteIndex.resolve("./13.html", inFolder: "users")! == ("users/13.html", false))
        #expect(SiteIndex.resolve("/style.css", inFolder: "users")! == ("style.css", false))
        #expect(SiteIndex.resolve("..", inFolder: "users")! == ("", true))
        #expect(SiteIndex.resolve("sub/", inFolder: "")! == ("sub", true))
        #expect(SiteIndex.resolve("../../x.html", inFolder: "users") == nil)
    }

    @Test func folderOfAFile() {
        #expect(SiteIndex.folder(of: "users/12.html") == "users")
        #expect(SiteIndex.folder(of: "index.html") == "")
    }

    @Test func normalizesKeys() {
        #expect(SiteIndex.normalizedKey("./users//12.html") == "users/12.html")
        #expect(SiteIndex.normalizedKey("/style.css") == "style.css")
    }
}
