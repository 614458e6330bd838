import RecApp
import Testing

@Suite struct VersionTests {
    @Test func versionIsSemantic() {
        #expect(RecLensVersion.string.split(separator: ".").count == 3)
    }
}
