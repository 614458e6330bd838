import RecCore
import RecTestSupport
import Testing

@Suite struct MovieLens1mParserTests {
    static let realData = SharedData.movieLens("ml-1m")

    @Test func miniFixture() throws {
        let d = try MovieLens1mParser.parse(
            ratings: SharedData.fixture("ml-1m-mini/ratings.dat"), movies: SharedData.fixture("ml-1m-mini/movies.dat"),
            users: SharedData.fixture("ml-1m-mini/users.dat"))
        #expect(d.format == .movieLens1m)
        #expect(d.userIDs == ["1", "2", "10"])  // numeric order, not "1", "10", "2"
        #expect(d.itemIDs == ["1", "2", "3"])
        #expect(d.interactions.count == 6)
        #expect(d.items[1].title == "Misérables, Les (1995)")
        #expect(d.items[2].title == "American President, The (1995)" && d.items[2].year == 1995)
        #expect(d.items[0].genres.map { d.genreNames[$0] } == ["Animation", "Children's", "Comedy"])
        #expect(d.users[0].features.map(\.value) == ["Under 18", "F", "K-12 student", "48067"])
        #expect(d.users[2].features.map(\.value) == ["35-44", "F", "academic/educator", "95370"])
        #expect(d.interactions.row(1).map(\.item) == [2, 0])  // user 2: item 3 before item 1
    }

    @Test func errorsNameFileAndLine() {
        expectDataError(file: "ratings.dat", line: 2, "expected 4 '::'-separated fields (user, item, rating, timestamp), found 1") {
            _ = try MovieLens1mParser.parse(ratings: SourceFile(name: "ratings.dat", text: "1::1::5::9\n1\t2\t3\t4\n"))
        }
        expectDataError(file: "ratings.dat", line: 1, "expected an integer timestamp, found 'noon'") {
            _ = try MovieLens1mParser.parse(ratings: SourceFile(name: "ratings.dat", text: "1::1::5::noon\n"))
        }
        expectDataError(file: "ratings.dat", line: 1, "expected a rating between 1 and 5, found '0'") {
            _ = try MovieLens1mParser.parse(ratings: SourceFile(name: "ratings.dat", text: "1::1::0::9\n"))
        }
        expectDataError(file: "movies.dat", line: 1, "expected 3 '::'-separated fields (MovieID::Title::Genres), found 2") {
            _ = try MovieLens1mParser.parseMovies(SourceFile(name: "movies.dat", text: "1::Toy Story (1995)\n"))
        }
        expectDataError(file: "users.dat", line: 1, "expected an integer age code, found 'old'") {
            _ = try MovieLens1mParser.parseUsers(SourceFile(name: "users.dat", text: "1::F::old::10::48067\n"))
        }
    }

    @Test(.enabled(if: realData != nil)) func realMetadataFiles() throws {
        let base = try #require(Self.realData)
        let movies = try MovieLens1mParser.parseMovies(SharedData.sourceFile(base.appendingPathComponent("movies.dat")))
        #expect(movies.items.count == 3883)
        #expect(movies.genreNames == MovieLens1mParser.standardGenres)
        #expect(movies.items["1"]?.title == "Toy Story (1995)")
        #expect(movies.items.values.contains { $0.title.contains("Misérables") })
        #expect(movies.items.values.allSatisfy { !$0.title.contains("\u{FFFD}") })
        let users = try MovieLens1mParser.parseUsers(SharedData.sourceFile(base.appendingPathComponent("users.dat")))
        #expect(users.count == 6040)
        let genders = users.values.map { $0.features[1].value }
        #expect(genders.filter { $0 == "M" }.count == 4331 && genders.filter { $0 == "F" }.count == 1709)
    }
}
