import RecCore
import RecTestSupport
import Testing

@Suite struct MovieLens100kParserTests {
    static let realData = SharedData.movieLens("ml-100k")

    func parseMini() throws -> Dataset {
        try MovieLens100kParser.parse(
            ratings: SharedData.fixture("ml-100k-mini/u.data"), items: SharedData.fixture("ml-100k-mini/u.item"),
            users: SharedData.fixture("ml-100k-mini/u.user"), genres: SharedData.fixture("ml-100k-mini/u.genre"))
    }

    @Test func miniFixtureCountsIdsAndOrder() throws {
        let d = try parseMini()
        #expect(d.format == .movieLens100k && d.name == "ml-100k")
        #expect(d.userIDs == ["1", "2", "3", "4"])
        #expect(d.itemIDs == ["10", "20", "30", "40"])  // item 50 is never rated
        #expect(d.interactions.count == 8)
        #expect(d.ratingScale == 1...5)
        // User "3" in time order: 20 (…999), 40 (…1000), 10 (…1001).
        let row = d.interactions.row(2)
        #expect(row.map(\.item) == [1, 3, 0] && row.map(\.rating) == [4, 2, 5])
        #expect(row.map(\.timestamp) == [881_250_999, 881_251_000, 881_251_001])
    }

    @Test func miniFixtureItemsUsersAndGenres() throws {
        let d = try parseMini()
        #expect(d.genreNames.count == 19 && d.genreNames[0] == "(none)" && d.genreNames[8] == "Drama")
        #expect(d.items[0] == ItemInfo(title: "Toy Story (1995)", genres: [3, 4, 5], year: 1995))
        #expect(d.items[1].title == "Misérables, Les (1995)")  // byte 0xE9 decoded as Latin-1
        #expect(d.items[1].genres == [8, 17])
        #expect(d.items[2].year == 1995)  // "(1995) (V)"
        #expect(d.items[3] == ItemInfo(title: "unknown", genres: [0], year: nil))
        #expect(d.users[1].features.map(\.name) == ["age", "gender", "occupation", "zip"])
        #expect(d.users[1].features.map(\.value) == ["53", "F", "other", "94043"])
    }

    @Test func standardGenresWhenNoGenreFile() throws {
        let d = try MovieLens100kParser.parse(
            ratings: SharedData.fixture("ml-100k-mini/u.data"), items: SharedData.fixture("ml-100k-mini/u.item"))
        #expect(d.genreNames == MovieLens100kParser.standardGenres)
        #expect(d.users.isEmpty)
    }

    @Test func commaSeparatedFileIsRejectedWithFieldCount() {
        expectDataError(file: "u.data", line: 1, "expected 4 tab-separated fields (user, item, rating, timestamp), found 1") {
            _ = try MovieLens100kParser.parse(ratings: SourceFile(name: "u.data", text: "1,2,3,4\n"))
        }
    }

    @Test func badFieldsNameLineAndValue() {
        expectDataError(file: "u.data", line: 2, "expected an integer user id, found 'abc'") {
            _ = try MovieLens100kParser.parse(ratings: SourceFile(name: "u.data", text: "1\t2\t3\t4\nabc\t2\t3\t4\n"))
        }
        expectDataError(file: "u.data", line: 1, "expected an integer item id, found '2x'") {
            _ = try MovieLens100kParser.parse(ratings: SourceFile(name: "u.data", text: "1\t2x\t3\t4\n"))
        }
        expectDataError(file: "u.data", line: 3, "expected a rating between 1 and 5, found '6'") {
            _ = try MovieLens100kParser.parse(ratings: SourceFile(name: "u.data", text: "1\t2\t3\t4\n\n1\t3\t6\t5\n"))
        }
        expectDataError(file: "u.data", line: 1, "expected 4 tab-separated fields (user, item, rating, timestamp), found 5") {
            _ = try MovieLens100kParser.parse(ratings: SourceFile(name: "u.data", text: "1\t2\t3\t4\t5\n"))
        }
        expectDataError(file: "u.item", line: 1, "expected 24 |-separated fields, found 3") {
            _ = try MovieLens100kParser.parseItems(SourceFile(name: "u.item", text: "1|Toy Story (1995)|x\n"))
        }
    }

    @Test func emptyFileIsAnError() {
        expectDataError(file: "u.data", line: 0, "the file is empty") {
            _ = try MovieLens100kParser.parse(ratings: SourceFile(name: "u.data", text: ""))
        }
        expectDataError(file: "u.data", line: 0, "no interactions found") {
            _ = try MovieLens100kParser.parse(ratings: SourceFile(name: "u.data", text: "\n\n"))
        }
    }

    @Test(.enabled(if: realData != nil)) func realFiles() throws {
        let base = try #require(Self.realData)
        func file(_ name: String) throws -> SourceFile { try SharedData.sourceFile(base.appendingPathComponent(name)) }
        let d = try MovieLens100kParser.parse(
            ratings: file("u.data"), items: file("u.item"), users: file("u.user"), genres: file("u.genre"))
        #expect(d.userCount == 943 && d.itemCount == 1682 && d.interactions.count == 100_000)
        var histogram = [Float: Int]()
        for r in d.interactions.ratings { histogram[r, default: 0] += 1 }
        #expect(histogram == [1: 6110, 2: 11370, 3: 27145, 4: 34174, 5: 21201])
        #expect(d.items[0].title == "Toy Story (1995)" && d.items[0].year == 1995)
        #expect(d.items.contains { $0.title.contains("Misérables") })
        #expect(d.genreNames == MovieLens100kParser.standardGenres)
        #expect(d.interactions.timestamps.min() == 874_724_710 && d.interactions.timestamps.max() == 893_286_638)
    }
}
