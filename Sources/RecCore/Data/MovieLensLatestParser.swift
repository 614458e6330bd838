/// Parses MovieLens "latest" / "latest-small" files (`ratings.csv`, `movies.csv`) from bytes.
///
/// `ratings.csv`: header `userId,movieId,rating,timestamp`, CRLF line ends, ratings 0.5…5 in
/// half steps. `movies.csv` (UTF-8): header `movieId,title,genres`, RFC 4180 quoted titles,
/// genres separated by `|`, "(no genres listed)" meaning none. Genre names are sorted.
public enum MovieLensLatestParser {
    /// The rating scale of MovieLens latest.
    public static let ratingScale: ClosedRange<Float> = 0.5...5

    /// CSV options describing `ratings.csv` and `movies.csv`.
    public static var options: CSVOptions {
        var options = CSVOptions()
        options.delimiter = ","
        options.userColumn = "userId"
        options.itemColumn = "movieId"
        options.ratingScale = ratingScale
        options.itemsIDColumn = "movieId"
        return options
    }

    /// Builds the dataset; only `ratings` is required. Movies without a rating are dropped.
    /// - Throws: `DataError` naming the file and line of the first malformed row.
    public static func parse(ratings: SourceFile, movies: SourceFile? = nil, name: String = "ml-latest") throws -> Dataset {
        var builder = DatasetBuilder()
        try CSVParser.readRatings(ratings, options: options, strict: true, into: &builder)
        let catalogue = try movies.map { try CSVParser.parseItems($0, options: options) }
        return builder.build(
            name: name, format: .movieLensLatest, itemInfo: catalogue?.items ?? [:],
            genreNames: catalogue?.genreNames ?? [], ratingScale: ratingScale)
    }
}
