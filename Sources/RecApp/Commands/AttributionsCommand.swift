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

    @Option(name: .long, help: ArgumentHelp("Explainer whose values to print (exact, timeshap, shap, lime, gradient, integrated-gradients, cosine, jaccard, random). Default: the model's first.", valueName: "name"))
    var explainer: String?

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
        let stored = recommendations.explanations.map(\.explainer)
        let explanation: Explanation
        if let wanted = explainer?.lowercased() {
            guard ExplainerRegistry.names.contains(wanted) else {
                throw DataError(file: "--explainer", "unknown explainer '\(explainer!)'; expected one of \(ExplainerRegistry.names.joined(separator: ", "))")
            }
            guard let found = recommendations.explanation(wanted) else {
                throw DataError(file: "--explainer", "model '\(name)' has no '\(wanted)' explanation for user '\(user)'; stored: \(stored.isEmpty ? "none" : stored.joined(separator: ", ")) (build with --explainers to add others)")
            }
            explanation = found
        } else {
            guard let first = recommendations.explanations.first else {
                throw DataError(file: "--model", "model '\(name)' has no explainer for user '\(user)'")
            }
            explanation = first
        }
        let chosen: Attribution?
        switch level.lowercased() {
        case "event": chosen = explanation.attribution
        // Explanations over input groups (intrinsic, shap on attribution-net) are feature-level throughout.
        case "feature": chosen = explanation.sequence?.features ?? (explanation.attribution.level == "feature" ? explanation.attribution : nil)
        case "cell": chosen = explanation.sequence?.cells
        default: throw DataError(file: "--level", "unknown level '\(level)'; expected event, feature or cell")
        }
        guard let attribution = chosen else {
            throw DataError(file: "--level", "the \(explanation.explainer) explanation of model '\(name)' has no \(level.lowercased())-level attributions for user '\(user)' (feature and cell levels: timeshap on sequential models with event features; feature level also: intrinsic and shap on attribution models)")
        }
        return attribution.csv()
    }
}
