/// Reads rating files whose lines are `user SEP item SEP rating SEP timestamp` (ML-100k, ML-1M).
enum RatingRows {
    /// Adds every non-blank line of `file` to `builder`; ids must be integers.
    /// - Throws: `DataError` naming the line on a wrong field count, a non-numeric field, a
    ///   rating outside `scale`, or when the file holds no rows at all.
    static func read(
        _ file: SourceFile, separator: [UInt8], separatorName: String, scale: ClosedRange<Float>,
        into builder: inout DatasetBuilder
    ) throws {
        let before = builder.count
        builder.reserveCapacity(before + file.bytes.count / 16)
        try file.withView { view in
            var lines = LineReader(view)
            var fields: [Range<Int>] = []
            fields.reserveCapacity(8)
            while let line = lines.next() {
                if view.isBlank(line) { continue }
                view.split(line, by: separator, into: &fields)
                let number = lines.lineNumber
                guard fields.count == 4 else {
                    throw DataError(
                        file: file.name, line: number,
                        "expected 4 \(separatorName)-separated fields (user, item, rating, timestamp), found \(fields.count)")
                }
                let user = try field(view, fields[0], file, number, "an integer user id", view.integer)
                let item = try field(view, fields[1], file, number, "an integer item id", view.integer)
                let rating = try checkedRating(view, fields[2], scale: scale, file, number)
                let time = try field(view, fields[3], file, number, "an integer timestamp", view.integer)
                builder.append(
                    user: builder.userIDs.code(for: user), item: builder.itemIDs.code(for: item),
                    rating: rating, timestamp: time)
            }
        }
        if builder.count == before {
            throw DataError(file: file.name, file.bytes.isEmpty ? "the file is empty; expected rating rows" : "no interactions found")
        }
    }

    /// Parses one field with `parse`, or throws "expected <what>, found '<text>'".
    @inline(__always) static func field<T>(
        _ view: ByteView, _ range: Range<Int>, _ file: SourceFile, _ line: Int, _ what: String,
        _ parse: (Range<Int>) -> T?
    ) throws -> T {
        if let value = parse(range) { return value }
        throw DataError(file: file.name, line: line, "expected \(what), found '\(view.preview(range))'")
    }

    /// A rating that must be a number within `scale`.
    @inline(__always) static func checkedRating(
        _ view: ByteView, _ range: Range<Int>, scale: ClosedRange<Float>, _ file: SourceFile, _ line: Int
    ) throws -> Float {
        let rating = try field(view, range, file, line, "a numeric rating", view.number)
        guard scale.contains(rating) else {
            throw DataError(
                file: file.name, line: line,
                "expected a rating between \(formatted(scale.lowerBound)) and \(formatted(scale.upperBound)), found '\(view.preview(range))'")
        }
        return rating
    }

    /// "1", "0.5": a rating bound without a needless ".0".
    static func formatted(_ x: Float) -> String {
        x == x.rounded() && abs(x) < 1e9 ? String(Int(x)) : String(x)
    }
}
