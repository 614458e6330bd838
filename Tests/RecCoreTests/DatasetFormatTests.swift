import RecCore
import Testing

@Suite struct DatasetFormatTests {
    @Test func parsesNamesAndAliases() throws {
        #expect(try DatasetFormat.parse("movielens-100k") == .movieLens100k)
        #expect(try DatasetFormat.parse("ML-1M") == .movieLens1m)
        #expect(try DatasetFormat.parse("ml-latest-small") == .movieLensLatest)
        #expect(try DatasetFormat.parse("csv") == .csv)
    }

    @Test func unknownNameListsValidOnes() {
        expectDataError(file: "--format", line: 0, "unknown dataset format 'parquet'; expected one of: movielens-100k, movielens-1m, movielens-latest, csv, synthetic") {
            _ = try DatasetFormat.parse("parquet")
        }
    }
}
