/// Parses the MovieLens 1M files (`ratings.dat`, `movies.dat`, `users.dat`) from bytes.
///
/// All use `::` between fields. `ratings.dat`: `UserID::MovieID::Rating::Timestamp`, ratings
/// 1…5. `movies.dat` (ISO-8859-1): `MovieID::Title::Genre|Genre`. `users.dat`:
/// `UserID::Gender::Age::Occupation::Zip-code` with age and occupation given as codes.
public enum MovieLens1mParser {
    /// The 18 genres of MovieLens 1M in README order; unknown names found in `movies.dat` are
    /// appended in order of first appearance.
    public static let standardGenres = [
        "Action", "Adventure", "Animation", "Children's", "Comedy", "Crime", "Documentary", "Drama", "Fantasy",
        "Film-Noir", "Horror", "Musical", "Mystery", "Romance", "Sci-Fi", "Thriller", "War", "Western",
    ]

    /// The rating scale of MovieLens 1M.
    public static let ratingScale: ClosedRange<Float> = 1...5

    /// Age-range labels by code, from the README.
    public static let ageRanges: [Int: String] = [
        1: "Under 18", 18: "18-24", 25: "25-34", 35: "35-44", 45: "45-49", 50: "50-55", 56: "56+",
    ]

    /// Occupation names by code 0…20, from the README.
    public static let occupations = [
        "other", "academic/educator", "artist", "clerical/admin", "college/grad student", "customer service",
        "doctor/health care", "executive/managerial", "farmer", "homemaker", "K-12 student", "lawyer", "programmer",
        "retired", "sales/marketing", "scientist", "self-employed", "technician/engineer", "tradesman/craftsman",
        "unemployed", "writer",
    ]

    /// Builds the dataset; only `ratings` is required. Items and users without a rating are dropped.
    /// - Throws: `DataError` naming the file and line of the first malformed row.
    public static func parse(
        ratings: SourceFile, movies: SourceFile? = nil, users: SourceFile? = nil, name: String = "ml-1m"
    ) throws -> Dataset {
        var builder = DatasetBuilder()
        try RatingRows.read(ratings, separator: [0x3A, 0x3A], separatorName: "'::'", scale: ratingScale, into: &builder)
        let catalogue = try movies.map(parseMovies)
        let userInfo = try users.map(parseUsers) ?? [:]
        return builder.build(
            name: name, format: .movieLens1m, itemInfo: catalogue?.items ?? [:], userInfo: userInfo,
            genreNames: catalogue?.genreNames ?? standardGenres, ratingScale: ratingScale)
    }

    /// Item info by raw id and the genre names from `movies.dat`; titles decoded as ISO-8859-1.
    public static func parseMovies(_ file: SourceFile) throws -> (items: [String: ItemInfo], genreNames: [String]) {
        var genreNames = standardGenres
        var genreIndex = Dictionary(uniqueKeysWithValues: genreNames.enumerated().map { ($1, $0) })
        var items: [String: ItemInfo] = [:]
        try eachRow(of: file, fieldCount: 3, fieldNames: "MovieID::Title::Genres") { view, fields, line in
            let id = try RatingRows.field(view, fields[0], file, line, "an integer movie id", view.integer)
            var genres: [Int] = []
            let list = view.latin1(fields[2])
            for genre in list.split(separator: "|").map(String.init) where genre != "(no genres listed)" {
                if genreIndex[genre] == nil {
                    genreIndex[genre] = genreNames.count
                    genreNames.append(genre)
                }
                genres.append(genreIndex[genre]!)
            }
            items[String(id)] = itemInfo(title: view.latin1(fields[1]), genres: genres)
        }
        return (items, genreNames)
    }

    /// User features (age, gender, occupation, zip) by raw id from `users.dat`; age and
    /// occupation codes are replaced by their README labels when known.
    public static func parseUsers(_ file: SourceFile) throws -> [String: UserInfo] {
        var result: [String: UserInfo] = [:]
        try eachRow(of: file, fieldCount: 5, fieldNames: "UserID::Gender::Age::Occupation::Zip-code") { view, fields, line in
            let id = try RatingRows.field(view, fields[0], file, line, "an integer user id", view.integer)
            let age = try RatingRows.field(view, fields[2], file, line, "an integer age code", view.integer)
            let job = try RatingRows.field(view, fields[3], file, line, "an integer occupation code", view.integer)
            let occupation = (0..<Int64(occupations.count)).contains(job) ? occupations[Int(job)] : String(job)
            result[String(id)] = UserInfo(features: [
                .init(name: "age", value: ageRanges[Int(age)] ?? String(age)),
                .init(name: "gender", value: view.latin1(fields[1])),
                .init(name: "occupation", value: occupation),
                .init(name: "zip", value: view.latin1(fields[4])),
            ])
        }
        return result
    }

    /// Calls `body` with the `::`-separated fields of every non-blank line, checking their count.
    static func eachRow(
        of file: SourceFile, fieldCount: Int, fieldNames: String, _ body: (ByteView, [Range<Int>], Int) throws -> Void
    ) throws {
        try file.withView { view in
            var lines = LineReader(view)
            var fields: [Range<Int>] = []
            while let line = lines.next() {
                if view.isBlank(line) { continue }
                view.split(line, by: [0x3A, 0x3A], into: &fields)
                guard fields.count == fieldCount else {
                    throw DataError(
                        file: file.name, line: lines.lineNumber,
                        "expected \(fieldCount) '::'-separated fields (\(fieldNames)), found \(fields.count)")
                }
                try body(view, fields, lines.lineNumber)
            }
        }
    }
}
