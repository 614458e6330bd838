extension DatasetFormat {
    /// Parses a format name given by a user: the raw values ("movielens-100k", "movielens-1m",
    /// "movielens-latest", "csv", "synthetic") and the short names "ml-100k", "ml-1m",
    /// "ml-latest", "ml-latest-small", case-insensitively.
    /// - Throws: `DataError` (file "--format") listing the valid names.
    public static func parse(_ name: String) throws -> DatasetFormat {
        let key = name.lowercased()
        if let format = DatasetFormat(rawValue: key) { return format }
        switch key {
        case "ml-100k": return .movieLens100k
        case "ml-1m": return .movieLens1m
        case "ml-latest", "ml-latest-small": return .movieLensLatest
        default:
            let names = allCases.map(\.rawValue).joined(separator: ", ")
            throw DataError(file: "--format", "unknown dataset format '\(name)'; expected one of: \(names)")
        }
    }
}
