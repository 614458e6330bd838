import Foundation
import RecApp
import RecCore
import RecTestSupport
import Testing

@Suite struct DatasetReaderTests {
    func fixture(_ path: String) -> String { (try? SharedData.materializedFixture(path)) ?? path }

    @Test func detectsEachFormat() throws {
        #expect(try DatasetReader.read(path: fixture("ml-100k-mini"), format: nil).format == .movieLens100k)
        #expect(try DatasetReader.read(path: fixture("ml-100k-mini/u.data"), format: nil).name == "ml-100k-mini")
        let oneM = try DatasetReader.read(path: fixture("ml-1m-mini"), format: nil)
        #expect(oneM.format == .movieLens1m && oneM.items[1].title == "Misérables, Les (1995)")
        let latest = try DatasetReader.read(path: fixture("ml-latest-mini"), format: nil)
        #expect(latest.format == .movieLensLatest && latest.items[1].title == "American President, The (1995)")
        let tsv = try DatasetReader.read(path: fixture("csv/tab.tsv"), format: nil)
        #expect(tsv.format == .csv && tsv.name == "tab" && tsv.interactions.count == 3)
    }

    @Test func csvWithItemsFileRelativeToTheRatings() throws {
        var options = CSVOptions()
        options.itemsFile = "items.csv"
        let d = try DatasetReader.read(path: fixture("csv/semicolon.csv"), format: nil, csv: options)
        #expect(d.items[0].title == "Café <Noir> & \"Friends\" (1996)")
    }

    @Test func explicitFormatOverridesDetection() throws {
        let error = #expect(throws: DataError.self) {
            _ = try DatasetReader.read(path: fixture("ml-1m-mini"), format: .movieLens100k)
        }
        #expect(error?.file.hasSuffix("ml-1m-mini/u.data") == true && error?.message == "file not found")
    }

    @Test func undetectableFolderAndMissingPath() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("reclens-reader-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let error = #expect(throws: DataError.self) { _ = try DatasetReader.read(path: folder.path, format: nil) }
        #expect(error?.message.contains("no u.data, ratings.dat or ratings.csv found") == true)
        let missing = #expect(throws: DataError.self) { _ = try DatasetReader.read(path: folder.path + "/nope", format: nil) }
        #expect(missing?.file == folder.path + "/nope" && missing?.message == "no such file or folder")
        // A file of bytes with a MovieLens error names the full path and line.
        let bad = folder.appendingPathComponent("u.data")
        try Data("1,2,3,4\n".utf8).write(to: bad)
        let parse = #expect(throws: DataError.self) { _ = try DatasetReader.read(path: folder.path, format: nil) }
        #expect(parse?.description == "\(bad.path):1: expected 4 tab-separated fields (user, item, rating, timestamp), found 1")
    }

    @Test(.enabled(if: SharedData.movieLens("ml-100k") != nil)) func realMovieLens100k() throws {
        let d = try DatasetReader.read(path: try #require(SharedData.movieLens("ml-100k")).path, format: nil)
        #expect(d.userCount == 943 && d.itemCount == 1682 && d.interactions.count == 100_000 && d.users.count == 943)
    }
}
