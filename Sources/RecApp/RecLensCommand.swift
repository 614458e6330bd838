import ArgumentParser

/// The `reclens` command line: build, render, check, init and data inspection.
public struct RecLensCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "reclens",
        abstract: "Turn a recommender experiment into a static, self-contained explanation site.",
        version: RecLensVersion.string,
        subcommands: []
    )

    public init() {}
}

/// Version of the tool and of the artifact schema it writes.
public enum RecLensVersion {
    public static let string = "0.1.0"
}
