import ArgumentParser

/// The `reclens` command line: build, render, check, init, data inspection and attributions.
public struct RecLensCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "reclens",
        abstract: "Turn a recommender experiment into a static, self-contained explanation site.",
        discussion: """
            Typical use:
              reclens build                              # embedded synthetic data -> site/
              reclens build --data ../shared/data/ml-100k
              reclens render --templates my-templates    # restyle without retraining
              reclens check site
            Exit codes: 0 success, 1 failure (e.g. a site that fails its check), 2 bad input.
            """,
        version: RecLensVersion.string,
        subcommands: [BuildCommand.self, RenderCommand.self, FigureCommand.self, CheckCommand.self, InitCommand.self, DataCommand.self, AttributionsCommand.self]
    )

    public init() {}
}

/// Version of the tool.
public enum RecLensVersion {
    public static let string = "0.4.0"
}
