@testable import RecApp
import Testing

@Suite struct BLASCoreSelectionTests {
    static func flags(_ line: String) -> Set<Substring> { Set(line.split(separator: " ")) }

    @Test func bestCoreTheFlagsAllow() {
        #expect(BLASCoreSelection.coreType(flags: Self.flags("fpu sse4_2 avx avx2 fma avx512f avx512dq avx512cd avx512bw avx512vl")) == "SkylakeX")
        #expect(BLASCoreSelection.coreType(flags: Self.flags("fpu sse4_2 avx avx2 fma avx512f")) == "Haswell")
        #expect(BLASCoreSelection.coreType(flags: Self.flags("fpu sse4_2 avx")) == "Sandybridge")
        #expect(BLASCoreSelection.coreType(flags: Self.flags("fpu sse3 sse4_2")) == nil)
    }
}
