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

        @OptionGroup var csv: CSVFlags

        func run() throws {
            try reportingErrors {
                var settings = BuildSettings()
                settings.data = path == "synthetic" ? nil : path
                if let format { settings.format = try BuildSettings.parseFormat(format, file: "--format") }
                try csv.apply(to: &settings.csv)
                let dataset = try BuildPipeline(settings: settings, progress: Progress(quiet: true)).loadDataset()
                print(DatasetCard(dataset).text, terminator: "")
            }
        }
    }
}
