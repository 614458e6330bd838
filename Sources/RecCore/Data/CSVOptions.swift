/// How to read a generic ratings CSV (and optionally an item metadata CSV).
///
/// With a header, columns are found by name (exact, then case-insensitive); without one, by
/// 0-based index. The rating and timestamp columns are optional: absent ratings are 1 and an
/// absent timestamp is the 0-based row index. Decoding fills missing keys with the defaults.
public struct CSVOptions: Sendable, Codable, Equatable {
    /// Field delimiter, one ASCII character; nil detects `,` TAB `;` or `|` from the first line.
    public var delimiter: String? = nil
    /// Whether the first line names the columns.
    public var hasHeader = true
    /// Header name of the user-id column.
    public var userColumn = "user"
    /// Header name of the item-id column.
    public var itemColumn = "item"
    /// Header name of the rating column; nil (or the default name absent from the header) = none.
    public var ratingColumn: String? = "rating"
    /// Header name of the timestamp column (Unix seconds); nil (or the default absent) = none.
    public var timestampColumn: String? = "timestamp"
    /// 0-based index of the user column when there is no header.
    public var userIndex = 0
    /// 0-based index of the item column when there is no header.
    public var itemIndex = 1
    /// 0-based index of the rating column without a header; nil, or beyond the first row's
    /// fields, = none.
    public var ratingIndex: Int? = 2
    /// 0-based index of the timestamp column without a header; nil, or beyond the first row's
    /// fields, = none.
    public var timestampIndex: Int? = 3
    /// Allowed ratings; ratings outside are an error. nil = the smallest…largest rating found.
    public var ratingScale: ClosedRange<Float>? = nil
    /// Path of an item metadata CSV (with a header), resolved by the app next to the ratings file.
    public var itemsFile: String? = nil
    /// Item-id column of the metadata file.
    public var itemsIDColumn = "item"
    /// Title column of the metadata file.
    public var titleColumn = "title"
    /// Genres column of the metadata file; nil = none.
    public var genresColumn: String? = "genres"
    /// Separator between genres within the genres field.
    public var genreSeparator = "|"

    /// Options with every default.
    public init() {}

    private enum CodingKeys: String, CodingKey {
        case delimiter, hasHeader, userColumn, itemColumn, ratingColumn, timestampColumn, userIndex, itemIndex
        case ratingIndex, timestampIndex, ratingScale, itemsFile, itemsIDColumn, titleColumn, genresColumn, genreSeparator
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        func value<T: Decodable>(_ key: CodingKeys, _ fallback: T) throws -> T {
            try c.decodeIfPresent(T.self, forKey: key) ?? fallback
        }
        let d = CSVOptions()
        delimiter = try value(.delimiter, d.delimiter)
        hasHeader = try value(.hasHeader, d.hasHeader)
        userColumn = try value(.userColumn, d.userColumn)
        itemColumn = try value(.itemColumn, d.itemColumn)
        ratingColumn = try value(.ratingColumn, d.ratingColumn)
        timestampColumn = try value(.timestampColumn, d.timestampColumn)
        userIndex = try value(.userIndex, d.userIndex)
        itemIndex = try value(.itemIndex, d.itemIndex)
        ratingIndex = try value(.ratingIndex, d.ratingIndex)
        timestampIndex = try value(.timestampIndex, d.timestampIndex)
        ratingScale = try value(.ratingScale, d.ratingScale)
        itemsFile = try value(.itemsFile, d.itemsFile)
        itemsIDColumn = try value(.itemsIDColumn, d.itemsIDColumn)
        titleColumn = try value(.titleColumn, d.titleColumn)
        genresColumn = try value(.genresColumn, d.genresColumn)
        genreSeparator = try value(.genreSeparator, d.genreSeparator)
    }
}
