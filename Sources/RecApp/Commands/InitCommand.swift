import ArgumentParser
import Foundation
import RecCore

/// `reclens init`: write a commented example experiment file.
struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Write a commented example experiment file (reclens.yml).")

    @Argument(help: ArgumentHelp("File to write. Default: reclens.yml.", valueName: "file"))
    var file = "reclens.yml"

    @Flag(name: .long, help: "Overwrite the file if it exists.")
    var force = false

    func run() throws {
        try reportingErrors {
            if FileManager.default.fileExists(atPath: file) && !force {
                throw DataError(file: file, "already exists; pass --force to overwrite it")
            }
            guard FileManager.default.createFile(atPath: file, contents: Data(ExperimentFile.example.utf8)) else {
                throw DataError(file: file, "cannot write the file (folder missing or not writable)")
            }
            print("wrote \(file); build with: reclens build --config \(file)")
        }
    }
}
