import ArgumentParser
import RecCore

/// `reclens attributions`: one user's stored attributions as CSV on standard output.
struct AttributionsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "attributions",
        abstract: "Print one user's attributions under one model as CSV.",
        discussion: """
            Reads the artifacts of a build. Columns: item,player,position,history_item,value — one row per
            (recommended raw item id, player). Event players have position -1 … -L and the raw id of the
            event's item; the pruned group has position `pruned` and its events' raw ids, oldest first,
            separated by spaces. Levels feature and cell exist for sequential models (gru4rec); the pruning
            tolerance is a build setting (`reclens build --prune-tolerance`).
            """)

    @Option(name: .long, help: ArgumentHelp("Artifact folder of a build. Default: .reclens.", valueName: "dir"))
    var artifacts = ".reclens"

    @Option(name: .long, help: ArgumentHelp("Raw user id (one of the explained users).", valueName: "id"))
    var user: String

    @Option(name: .long, help: ArgumentHelp("Model name (any case), e.g. gru4rec, itemknn, als, gru4rec-imported.", valueName: "name"))
    var model: String

    @Option(name: .long, help: ArgumentHelp("event, feature or cell. Default: event.", valueName: "level"))
    var level = "event"

    func run() throws {
        try reportingErrors {
            print(try csv(), terminator: "")
        }
    }

    func csv() throws -> String {
        let manifest = try ArtifactStore.readManifest(from: artifacts)
        guard let name = manifest.models.first(where: { $0.lowercased() == model.lowercased() }) else {
            throw DataError(file: "--model", "no model '\(model)' in \(artifacts); expected one of \(manifest.models.joined(separator: ", "))")
        }
        guard manifest.users.contains(user) else {
            let sample = manifest.users.prefix(5).joined(separator: ", ")
            throw DataError(file: "--user", "user '\(user)' was not explained in \(artifacts); expected one of its \(manifest.users.count) users (e.g. \(sample)); build with --users to choose them")
        }
        let artifact = try ArtifactStore.readUser(id: user, from: artifacts)
        guard let recommendations = artifact.recommendations.first(where: { $0.model == name }) else {
            throw DataError(file: "--model", "user '\(user)' has no recommendations of '\(name)'")
        }
        let chosen: Attribution?
        switch level.lowercased() {
        case "event": chosen = recommendations.attribution
        case "feature": chosen = recommendations.sequence?.features
        case "cell": chosen = recommendations.sequence?.cells
        default: throw DataError(file: "--level", "unknown level '\(level)'; expected event, feature or cell")
        }
        guard let attribution = chosen else {
            let what = level.lowercased() == "event" ? "no explainer" : "no \(level.lowercased())-level attributions (only sequential models with event features have them)"
            throw DataError(file: "--model", "model '\(name)' has \(what) for user '\(user)'")
        }
        return attribution.csv()
    }
}
