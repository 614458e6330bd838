import RecCore
import RecTestSupport
import Testing

@Suite struct MovieLensLatestParserTests {
    static let realData = SharedData.movieLens("ml-latest-small")

    @Test func miniFixtureWithCRLFAndQuotedTitles() throws {
        let d = try MovieLensLatestParser.parse(
            ratings: SharedData.fixture("ml-latest-mini/ratings.csv"), movies: SharedData.fixture("ml-latest-mini/movies.csv"))
        #expect(d.format == .movieLensLatest && d.ratingScale == 0.5...5)
        #expect(d.userIDs == ["1", "2", "5"])
        #expect(d.itemIDs == ["1", "3", "29", "40", "114335"])
        #expect(d.interactions.ratings.sorted() == [0.5, 2, 3.5, 4, 4.5, 5])
        #expect(d.interactions.timestamps.max() == 1_445_714_996)  // no "\r" left on the last field
        #expect(d.items[1].title == "American President, The (1995)")
        #expect(d.items[2].title == "City of Lost Children, The (Cité des enfants perdus, La) (1995)")
        #expect(d.items[2].year == 1995)
        #expect(d.items[3].title == "\"Great Performances\" Cats (1998)")
        #expect(d.items[4].genres.isEmpty && d.items[4].year == 1957)
        #expect(d.items[0].genres.map { d.genreNames[$0] } == ["Adventure", "Animation", "Children", "Comedy", "Fantasy"])
        #expect(d.genreNames == d.genreNames.sorted())
    }

    @Test func errors() {
        expectDataError(file: "ratings.csv", line: 1, "missing column 'movieId'; found columns: 'userId', 'itemId', 'rating', 'timestamp'") {
            _ = try MovieLensLatestParser.parse(ratings: SourceFile(name: "ratings.csv", text: "userId,itemId,rating,timestamp\r\n1,2,3,4\r\n"))
        }
        expectDataError(file: "ratings.csv", line: 3, "expected a rating between 0.5 and 5, found '5.5'") {
            _ = try MovieLensLatestParser.parse(
                ratings: SourceFile(name: "ratings.csv", text: "userId,movieId,rating,timestamp\r\n1,2,3,4\r\n1,3,5.5,4\r\n"))
        }
        expectDataError(file: "ratings.csv", line: 1, "no interactions: only a header found") {
            _ = try MovieLensLatestParser.parse(ratings: SourceFile(name: "ratings.csv", text: "userId,movieId,rating,timestamp\r\n"))
        }
        expectDataError(file: "movies.csv", line: 2, "unterminated quoted field") {
            _ = try CSVParser.parseItems(
                SourceFile(name: "movies.csv", text: "movieId,title,genres\n1,\"Toy Story, (1995),Comedy\n2,x,Drama\n"),
                options: MovieLensLatestParser.options)
        }
    }

    @Test(.enabled(if: realData != nil)) func realFiles() throws {
        let base = try #require(Self.realData)
        let d = try MovieLensLatestParser.parse(
            ratings: SharedData.sourceFile(base.appendingPathComponent("ratings.csv")),
            movies: SharedData.sourceFile(base.appendingPathComponent("movies.csv")))
        #expect(d.userCount == 610 && d.itemCount == 9724 && d.interactions.count == 100_836)
        var histogram = [Float: Int]()
        for r in d.interactions.ratings { histogram[r, default: 0] += 1 }
        #expect(histogram[0.5] == 1370 && histogram[4] == 26818 && histogram[5] == 13211)
        #expect(d.items[0].title == "Toy Story (1995)")
        #expect(d.items.allSatisfy { !$0.title.isEmpty && !$0.title.hasPrefix("\"") })
        #expect(d.interactions.timestamps.min() == 828_124_615 && d.interactions.timestamps.max() == 1_537_799_250)
    }
}
