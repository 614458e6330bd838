import ArgumentParser
import RecCore

/// The generic-CSV flags, shared by `build` and `data inspect`.
struct CSVFlags: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("CSV delimiter: auto, ',', ';', 'tab' or '|'. Default: auto.", valueName: "c"))
    var csvDelimiter: String?

    @Option(name: .long, help: ArgumentHelp("CSV columns as user=NAME,item=NAME[,rating=NAME][,timestamp=NAME] (names, or 0-based indices with --csv-no-header).", valueName: "mapping"))
    var csvColumns: String?

    @Flag(name: .long, help: "The CSV file has no header line.")
    var csvNoHeader = false

    /// Overrides the experiment file's `csv` section with the flags given.
    func apply(to csv: inout ExperimentFile.CSVSection) throws {
        if let v = csvDelimiter { csv.delimiter = v }
        if csvNoHeader { csv.header = false }
        if let v = csvColumns {
            for pair in v.split(separator: ",") {
                let parts = pair.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                guard parts.count == 2 else { throw DataError(file: "--csv-columns", "expected ROLE=COLUMN pairs, found '\(pair)'") }
                switch parts[0].lowercased() {
                case "user": csv.user = parts[1]
                case "item": csv.item = parts[1]
                case "rating": csv.rating = parts[1]
                case "timestamp", "time": csv.timestamp = parts[1]
                default: throw DataError(file: "--csv-columns", "unknown role '\(parts[0])'; expected user, item, rating or timestamp")
                }
            }
        }
    }
}
