import Foundation
import RecCore
import RecTestSupport
import Testing

@Suite struct CSVParserTests {
    @Test func semicolonFileWithReorderedColumnsQuotesAndItems() throws {
        let d = try CSVParser.parse(
            ratings: SharedData.fixture("csv/semicolon.csv"), items: SharedData.fixture("csv/items.csv"))
        #expect(d.format == .csv)
        #expect(d.userIDs == ["alice", "bob"] && d.itemIDs == ["a", "b", "c"])
        #expect(d.interactions.row(0).map(\.item) == [1, 0] && d.interactions.row(0).map(\.rating) == [4, 2.5])
        #expect(d.interactions.row(1).map(\.timestamp) == [999, 1002])
        #expect(d.ratingScale == 1...5)
        #expect(d.items[0].title == "Café <Noir> & \"Friends\" (1996)" && d.items[0].year == 1996)
        #expect(d.items[1].title == "L'Été (1994)" && d.items[1].genres.isEmpty)
        #expect(d.items[2].title == "Ærø, Island")
        #expect(d.genreNames == ["Comedy", "Documentary", "Drama"])
        #expect(d.items[0].genres == [0, 2])
    }

    @Test func tabFileWithoutRatingOrTimestamp() throws {
        let d = try CSVParser.parse(ratings: SharedData.fixture("csv/tab.tsv"))
        #expect(d.userIDs == ["7", "8"] && d.itemIDs == ["100", "200"])
        #expect(d.interactions.ratings == [1, 1, 1])
        #expect(d.interactions.timestamps == [0, 1, 2])  // row index
    }

    @Test func noHeaderUsesIndices() throws {
        var options = CSVOptions()
        options.hasHeader = false
        options.userIndex = 1
        options.itemIndex = 0
        let d = try CSVParser.parse(ratings: SourceFile(name: "r.csv", text: "x,u1,3,10\ny,u1,4,5\n"), options: options)
        #expect(d.userIDs == ["u1"] && d.itemIDs == ["x", "y"])
        #expect(d.interactions.row(0).map(\.rating) == [4, 3])
        let twoColumns = try CSVParser.parse(ratings: SourceFile(name: "r.csv", text: "1|2\n3|4\n"), options: options)
        #expect(twoColumns.interactions.count == 2 && twoColumns.interactions.ratings == [1, 1])
    }

    @Test func explicitDelimiterScaleAndCustomColumns() throws {
        var options = CSVOptions()
        options.delimiter = "\\t"
        options.userColumn = "who"
        options.itemColumn = "what"
        options.ratingColumn = "stars"
        options.ratingScale = 1...10
        let d = try CSVParser.parse(ratings: SourceFile(name: "r.tsv", text: "who\twhat\tstars\n1\t2\t10\n"), options: options)
        #expect(d.interactions.ratings == [10] && d.ratingScale == 1...10)
        expectDataError(file: "r.tsv", line: 1, "missing column 'stars'; found columns: 'who', 'what'") {
            _ = try CSVParser.parse(ratings: SourceFile(name: "r.tsv", text: "who\twhat\n1\t2\n"), options: options)
        }
    }

    @Test func errors() {
        expectDataError(file: "r.csv", line: 1, "missing column 'item'; found columns: 'user', 'movie', 'rating'") {
            _ = try CSVParser.parse(ratings: SourceFile(name: "r.csv", text: "user,movie,rating\n1,2,3\n"))
        }
        expectDataError(file: "r.csv", line: 3, "expected 3 comma-separated fields, found 2") {
            _ = try CSVParser.parse(ratings: SourceFile(name: "r.csv", text: "user,item,rating\n1,2,3\n1,2\n"))
        }
        expectDataError(file: "r.csv", line: 2, "expected a numeric rating, found 'good'") {
            _ = try CSVParser.parse(ratings: SourceFile(name: "r.csv", text: "user,item,rating\n1,2,good\n"))
        }
        expectDataError(file: "r.csv", line: 2, "expected an integer timestamp, found '2020-01-01'") {
            _ = try CSVParser.parse(ratings: SourceFile(name: "r.csv", text: "user;item;timestamp\n1;2;2020-01-01\n"))
        }
        expectDataError(file: "r.csv", line: 3, "unterminated quoted field") {
            _ = try CSVParser.parse(ratings: SourceFile(name: "r.csv", text: "user,item\n1,2\n\"3,4\n5,6\n"))
        }
        expectDataError(file: "r.csv", line: 2, "after a closing quote") {
            _ = try CSVParser.parse(ratings: SourceFile(name: "r.csv", text: "user,item\n\"1\"x,2\n"))
        }
        expectDataError(file: "r.csv", line: 0, "the file is empty") {
            _ = try CSVParser.parse(ratings: SourceFile(name: "r.csv", text: ""))
        }
        var options = CSVOptions()
        options.ratingScale = 1...5
        expectDataError(file: "r.csv", line: 2, "expected a rating between 1 and 5, found '9'") {
            _ = try CSVParser.parse(ratings: SourceFile(name: "r.csv", text: "user,item,rating\n1,2,9\n"), options: options)
        }
        options.delimiter = "::"
        expectDataError(file: "r.csv", line: 0, "the delimiter must be one ASCII character") {
            _ = try CSVParser.parse(ratings: SourceFile(name: "r.csv", text: "user,item\n1,2\n"), options: options)
        }
    }

    @Test func quotedFieldsMayHoldDelimitersAndLineBreaks() throws {
        let text = "user,item,rating\n\"a,b\",\"multi\nline\",3\n\"say \"\"hi\"\"\",x,2\n"
        let d = try CSVParser.parse(ratings: SourceFile(name: "q.csv", text: text))
        #expect(d.userIDs == ["a,b", "say \"hi\""])
        #expect(d.itemIDs == ["multi\nline", "x"])
        expectDataError(file: "q.csv", line: 5, "expected 3 comma-separated fields, found 1") {
            _ = try CSVParser.parse(ratings: SourceFile(name: "q.csv", text: text + "oops\n"))
        }
    }

    @Test func optionsDecodeWithDefaultsForMissingKeys() throws {
        let decoded = try JSONDecoder().decode(CSVOptions.self, from: Data(#"{"delimiter": ";", "userColumn": "u"}"#.utf8))
        var expected = CSVOptions()
        expected.delimiter = ";"
        expected.userColumn = "u"
        #expect(decoded == expected)
        let roundTrip = try JSONDecoder().decode(CSVOptions.self, from: JSONEncoder().encode(expected))
        #expect(roundTrip == expected)
    }
}
