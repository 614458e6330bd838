/// Parses the MovieLens 100K files (`u.data`, `u.item`, `u.user`, `u.genre`) from bytes.
///
/// `u.data`: `user TAB item TAB rating TAB timestamp`, ratings 1…5. `u.item` (ISO-8859-1):
/// `id|title|release date|video date|url|` then one 0/1 flag per genre. `u.user`:
/// `id|age|gender|occupation|zip`. `u.genre`: `name|index`.
public enum MovieLens100kParser {
    /// The 19 genres of MovieLens 100K in flag order, used when no `u.genre` is given.
    public static let standardGenres = [
        "unknown", "Action", "Adventure", "Animation", "Children's", "Comedy", "Crime", "Documentary", "Drama",
        "Fantasy", "Film-Noir", "Horror", "Musical", "Mystery", "Romance", "Sci-Fi", "Thriller", "War", "Western",
    ]

    /// The rating scale of MovieLens 100K.
    public static let ratingScale: ClosedRange<Float> = 1...5

    /// Builds the dataset; only `ratings` (u.data) is required. Items and users without a row
    /// in `ratings` are dropped.
    /// - Throws: `DataError` naming the file and line of the first malformed row.
    public static func parse(
        ratings: SourceFile, items: SourceFile? = nil, users: SourceFile? = nil, genres: SourceFile? = nil,
        name: String = "ml-100k"
    ) throws -> Dataset {
        var builder = DatasetBuilder()
        try RatingRows.read(ratings, separator: [0x09], separatorName: "tab", scale: ratingScale, into: &builder)
        let genreNames = try genres.map(parseGenres) ?? standardGenres
        let itemInfo = try items.map { try parseItems($0, genreNames: genreNames) } ?? [:]
        let userInfo = try users.map(parseUsers) ?? [:]
        return builder.build(
            name: name, format: .movieLens100k, itemInfo: itemInfo, userInfo: userInfo, genreNames: genreNames,
            ratingScale: ratingScale)
    }

    /// Genre names by index from `u.genre` (`name|index` lines).
    public static func parseGenres(_ file: SourceFile) throws -> [String] {
        var byIndex: [Int: String] = [:]
        try eachRow(of: file, fieldCount: 2) { view, fields, line in
            let index = try RatingRows.field(view, fields[1], file, line, "an integer genre index", view.integer)
            byIndex[Int(index)] = view.latin1(fields[0])
        }
        guard !byIndex.isEmpty else { throw DataError(file: file.name, "no genres found; expected name|index lines") }
        return try (0..<byIndex.count).map { i in
            guard let name = byIndex[i] else {
                throw DataError(file: file.name, "genre indices must run from 0 to \(byIndex.count - 1); \(i) is missing")
            }
            return name
        }
    }

    /// Item info by raw id from `u.item`; titles are decoded as ISO-8859-1.
    public static func parseItems(_ file: SourceFile, genreNames: [String] = standardGenres) throws -> [String: ItemInfo] {
        var result: [String: ItemInfo] = [:]
        try eachRow(of: file, fieldCount: 5 + genreNames.count) { view, fields, line in
            let id = try RatingRows.field(view, fields[0], file, line, "an integer item id", view.integer)
            var genres: [Int] = []
            for g in 0..<genreNames.count {
                let range = fields[5 + g]
                let flag = try RatingRows.field(view, range, file, line, "a genre flag 0 or 1", view.integer)
                guard flag == 0 || flag == 1 else {
                    throw DataError(file: file.name, line: line, "expected a genre flag 0 or 1, found '\(view.preview(range))'")
                }
                if flag == 1 { genres.append(g) }
            }
            result[String(id)] = itemInfo(title: view.latin1(fields[1]), genres: genres)
        }
        return result
    }

    /// User features (age, gender, occupation, zip) by raw id from `u.user`.
    public static func parseUsers(_ file: SourceFile) throws -> [String: UserInfo] {
        var result: [String: UserInfo] = [:]
        try eachRow(of: file, fieldCount: 5) { view, fields, line in
            let id = try RatingRows.field(view, fields[0], file, line, "an integer user id", view.integer)
            _ = try RatingRows.field(view, fields[1], file, line, "an integer age", view.integer)
            let names = ["age", "gender", "occupation", "zip"]
            result[String(id)] = UserInfo(features: (0..<4).map { .init(name: names[$0], value: view.latin1(fields[$0 + 1])) })
        }
        return result
    }

    /// Calls `body` with the `|`-separated fields of every non-blank line, checking their count.
    static func eachRow(
        of file: SourceFile, fieldCount: Int, _ body: (ByteView, [Range<Int>], Int) throws -> Void
    ) throws {
        try file.withView { view in
            var lines = LineReader(view)
            var fields: [Range<Int>] = []
            while let line = lines.next() {
                if view.isBlank(line) { continue }
                view.split(line, by: [UInt8(ascii: "|")], into: &fields)
                guard fields.count == fieldCount else {
                    throw DataError(
                        file: file.name, line: lines.lineNumber, "expected \(fieldCount) |-separated fields, found \(fields.count)")
                }
                try body(view, fields, lines.lineNumber)
            }
        }
    }
}
