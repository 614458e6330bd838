/// Parses generic delimited ratings files (and item metadata files) from bytes; see `CSVOptions`.
///
/// Quoting follows RFC 4180; LF and CRLF line ends are both accepted; blank lines are skipped.
/// Integer ids take a fast path that makes no `String` per row.
public enum CSVParser {
    /// Builds a dataset from a ratings CSV and, optionally, an item metadata CSV.
    /// - Throws: `DataError` naming the file and line: missing column, wrong field count,
    ///   non-numeric rating or timestamp, rating outside `options.ratingScale`, unterminated
    ///   quote, or no rows.
    public static func parse(
        ratings: SourceFile, items: SourceFile? = nil, options: CSVOptions = .init(), name: String = "csv"
    ) throws -> Dataset {
        var builder = DatasetBuilder()
        try readRatings(ratings, options: options, strict: false, into: &builder)
        let catalogue = try items.map { try parseItems($0, options: options) }
        return builder.build(
            name: name, format: .csv, itemInfo: catalogue?.items ?? [:], genreNames: catalogue?.genreNames ?? [],
            ratingScale: options.ratingScale)
    }

    /// Item info by raw id and the sorted genre names from an item metadata CSV with a header
    /// holding `options.itemsIDColumn`, `options.titleColumn` and optionally `options.genresColumn`.
    /// The genre "(no genres listed)" counts as none.
    public static func parseItems(
        _ file: SourceFile, options: CSVOptions = .init()
    ) throws -> (items: [String: ItemInfo], genreNames: [String]) {
        var rows: [(id: String, title: String, genres: [String])] = []
        try file.withView { view in
            var reader = try makeReader(view, file: file, delimiter: options.delimiter)
            var fields: [CSVField] = []
            guard let header = try readHeader(&reader, &fields) else {
                throw DataError(file: file.name, "the file is empty; expected a header with \(options.itemsIDColumn) and \(options.titleColumn)")
            }
            let id = try column(options.itemsIDColumn, in: header, file: file, line: reader.recordLine)
            let title = try column(options.titleColumn, in: header, file: file, line: reader.recordLine)
            let genres = try options.genresColumn.map { try column($0, in: header, file: file, line: reader.recordLine) }
            while try reader.next(into: &fields) {
                if reader.isBlank(fields) { continue }
                try checkCount(fields.count, header.count, reader, file)
                let list = genres.map { reader.text(fields[$0]) } ?? ""
                let names = list.split(separator: Substring(options.genreSeparator)).map { String($0).trimmingSpaces() }
                rows.append((reader.text(fields[id]), reader.text(fields[title]), names.filter { !$0.isEmpty && $0 != "(no genres listed)" }))
            }
        }
        let genreNames = Set(rows.flatMap(\.genres)).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        let index = Dictionary(uniqueKeysWithValues: genreNames.enumerated().map { ($1, $0) })
        var items: [String: ItemInfo] = [:]
        for row in rows { items[row.id] = itemInfo(title: row.title, genres: Array(Set(row.genres.map { index[$0]! }))) }
        return (items, genreNames)
    }

    /// Adds the rows of a ratings CSV to `builder`. `strict` makes the rating and timestamp
    /// columns required even under their default names.
    static func readRatings(_ file: SourceFile, options: CSVOptions, strict: Bool, into builder: inout DatasetBuilder) throws {
        builder.reserveCapacity(file.bytes.count / 16)
        try file.withView { view in
            var reader = try makeReader(view, file: file, delimiter: options.delimiter)
            var fields: [CSVField] = []
            var expected = 0
            var user = options.userIndex, item = options.itemIndex
            var rating = options.ratingIndex, time = options.timestampIndex
            var headerLine = 0
            if options.hasHeader {
                guard let header = try readHeader(&reader, &fields) else {
                    throw DataError(file: file.name, "the file is empty; expected a header and rating rows")
                }
                let line = reader.recordLine
                headerLine = line
                expected = header.count
                user = try column(options.userColumn, in: header, file: file, line: line)
                item = try column(options.itemColumn, in: header, file: file, line: line)
                rating = try optionalColumn(options.ratingColumn, default: "rating", strict, header, file, line)
                time = try optionalColumn(options.timestampColumn, default: "timestamp", strict, header, file, line)
            }
            var row: Int64 = 0
            while try reader.next(into: &fields) {
                if reader.isBlank(fields) { continue }
                if expected == 0 {
                    expected = fields.count
                    guard user < expected, item < expected else {
                        throw DataError(
                            file: file.name, line: reader.recordLine,
                            "expected user and item in fields \(user + 1) and \(item + 1), found \(expected) \(CSVRecordReader.name(of: reader.delimiter))-separated field(s)")
                    }
                    if let r = rating, r >= expected { rating = nil }
                    if let t = time, t >= expected { time = nil }
                }
                try checkCount(fields.count, expected, reader, file)
                let line = reader.recordLine
                let u = id(fields[user], reader, &builder.userIDs)
                let i = id(fields[item], reader, &builder.itemIDs)
                var value: Float = 1
                if let r = rating {
                    let range = view.trimmed(fields[r].range)
                    value = try RatingRows.field(view, range, file, line, "a numeric rating", view.number)
                    if let scale = options.ratingScale {
                        value = try RatingRows.checkedRating(view, range, scale: scale, file, line)
                    }
                }
                var timestamp = row
                if let t = time {
                    timestamp = try RatingRows.field(view, view.trimmed(fields[t].range), file, line, "an integer timestamp", view.integer)
                }
                builder.append(user: u, item: i, rating: value, timestamp: timestamp)
                row += 1
            }
            if row == 0 {
                throw DataError(
                    file: file.name, line: headerLine,
                    options.hasHeader ? "no interactions: only a header found" : "the file is empty; expected rating rows")
            }
        }
    }

    @inline(__always) private static func id(_ field: CSVField, _ reader: CSVRecordReader, _ interner: inout IDInterner) -> Int32 {
        field.hasEscapedQuotes ? interner.code(for: reader.text(field)) : interner.code(in: reader.view, reader.view.trimmed(field.range))
    }

    private static func makeReader(_ view: ByteView, file: SourceFile, delimiter: String?) throws -> CSVRecordReader {
        guard let delimiter else {
            return CSVRecordReader(view, delimiter: CSVRecordReader.detectDelimiter(view), fileName: file.name)
        }
        let byte = delimiter == "\\t" ? [UInt8(0x09)] : Array(delimiter.utf8)
        guard byte.count == 1, byte[0] < 0x80, byte[0] != 0x22, byte[0] != 0x0A, byte[0] != 0x0D else {
            throw DataError(file: file.name, "the delimiter must be one ASCII character other than a quote or line break, found '\(delimiter)'")
        }
        return CSVRecordReader(view, delimiter: byte[0], fileName: file.name)
    }

    /// The first non-blank record as trimmed column names, or nil for an empty file.
    private static func readHeader(_ reader: inout CSVRecordReader, _ fields: inout [CSVField]) throws -> [String]? {
        while try reader.next(into: &fields) {
            if !reader.isBlank(fields) { return fields.map { reader.text($0) } }
        }
        return nil
    }

    private static func column(_ name: String, in header: [String], file: SourceFile, line: Int) throws -> Int {
        if let index = header.firstIndex(of: name) ?? header.firstIndex(where: { $0.lowercased() == name.lowercased() }) {
            return index
        }
        let found = header.map { "'\($0)'" }.joined(separator: ", ")
        throw DataError(file: file.name, line: line, "missing column '\(name)'; found columns: \(found)")
    }

    private static func optionalColumn(
        _ name: String?, default fallback: String, _ strict: Bool, _ header: [String], _ file: SourceFile, _ line: Int
    ) throws -> Int? {
        guard let name else { return nil }
        if !strict && name == fallback && !header.contains(where: { $0.lowercased() == name.lowercased() }) { return nil }
        return try column(name, in: header, file: file, line: line)
    }

    @inline(__always) private static func checkCount(_ count: Int, _ expected: Int, _ reader: CSVRecordReader, _ file: SourceFile) throws {
        guard count != expected else { return }
        throw DataError(
            file: file.name, line: reader.recordLine,
            "expected \(expected) \(CSVRecordReader.name(of: reader.delimiter))-separated fields, found \(count)")
    }
}
