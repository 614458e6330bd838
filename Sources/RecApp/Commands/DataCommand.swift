import ArgumentParser
import Foundation
import RecCore

/// `reclens data …`: dataset utilities.
struct DataCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "data",
        abstract: "Dataset utilities.",
        subcommands: [InspectCommand.self])

    /// `reclens data inspect PATH`: print a dataset card.
    struct InspectCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "inspect",
            abstract: "Print a dataset card: counts, density, ratings, time range, popularity.")

        @Argument(help: ArgumentHelp("Dataset folder or CSV file; 'synthetic' for the embedded data.", valueName: "path"))
        var path: String

        @Option(name: .long, help: ArgumentHelp("Dataset format: auto, movielens-100k, movielens-1m, movielens-latest or csv.", valueName: "format"))
        var format: String?

        @Option(name: .long, help: ArgumentHelp("CSV delimiter: auto, ',', ';', 'tab' or '|'.", valueName: "c"))
        var csvDelimiter: String?

        @Option(name: .long, help: ArgumentHelp("CSV columns as user=NAME,item=NAME[,rating=NAME][,timestamp=NAME].", valueName: "mapping"))
        var csvColumns: String?

        @Flag(name: .long, help: "The CSV file has no header line.")
        var csvNoHeader = false

        func run() throws {
            try reportingErrors {
                var arguments: [String] = path == "synthetic" ? [] : ["--data", path]
                if let format { arguments += ["--format", format] }
                if let csvDelimiter { arguments += ["--csv-delimiter", csvDelimiter] }
                if let csvColumns { arguments += ["--csv-columns", csvColumns] }
                if csvNoHeader { arguments.append("--csv-no-header") }
                var options = try BuildOptions.parse(arguments)
                options.quiet = true
                let settings = try options.resolve()
                let dataset = try BuildPipeline(settings: settings, progress: Progress(quiet: true)).loadDataset()
                print(DatasetCard(dataset).text, terminator: "")
            }
        }
    }
}
