import RecCore

extension BuildSettings {
    /// The generic-CSV options from the `csv` section / `--csv-*` flags. Without a header the
    /// column "names" are 0-based indices.
    func csvOptions() throws -> CSVOptions {
        var options = CSVOptions()
        let c = csv
        if let d = c.delimiter, d.lowercased() != "auto" {
            switch d.lowercased() {
            case "tab", "\\t", "\t": options.delimiter = "\t"
            case ",", ";", "|": options.delimiter = d
            default: throw DataError(file: "csv.delimiter", "unsupported delimiter '\(d)'; expected auto, ',', ';', 'tab' or '|'")
            }
        }
        if let header = c.header { options.hasHeader = header }
        if options.hasHeader {
            if let v = c.user { options.userColumn = v }
            if let v = c.item { options.itemColumn = v }
            if let v = c.rating { options.ratingColumn = v.isEmpty ? nil : v }
            if let v = c.timestamp { options.timestampColumn = v.isEmpty ? nil : v }
        } else {
            func index(_ value: String?, _ role: String) throws -> Int? {
                guard let value, !value.isEmpty else { return nil }
                guard let i = Int(value), i >= 0 else {
                    throw DataError(file: "--csv-columns", "without a header the \(role) column must be a 0-based index, found '\(value)'")
                }
                return i
            }
            if let i = try index(c.user, "user") { options.userIndex = i }
            if let i = try index(c.item, "item") { options.itemIndex = i }
            if c.rating != nil { options.ratingIndex = try index(c.rating, "rating") }
            if c.timestamp != nil { options.timestampIndex = try index(c.timestamp, "timestamp") }
        }
        return options
    }
}
