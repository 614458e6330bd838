import Foundation
@testable import RecApp
import RecTestSupport
import Testing

/// The binary: unknown model and explainer names are exit 2 listing the allowed names; `init`
/// writes the example, which reads back as the defaults; `--help` lists every model and flag.
@Suite(.serialized) struct RegistryCLITests {
    static let enabled = FileManager.default.fileExists(atPath: CLITests.binary)

    static func badInput(_ arguments: [String], mentions needles: [String], setup: (URL) throws -> Void = { _ in }) throws {
        let folder = try TemporaryFolder()
        try setup(folder.url)
        let run = try CLITests.run(["build"] + CLITests.small + arguments, in: folder.url)
        #expect(run.status == 2, "exit \(run.status): \(run.stderr)")
        for needle in needles { #expect(run.stderr.contains(needle), "stderr lacks '\(needle)': \(run.stderr)") }
        #expect(!FileManager.default.fileExists(atPath: folder.url.appendingPathComponent("site").path))
    }

    @Test(.enabled(if: enabled)) func unknownModelListsTheAllowedNames() throws {
        try Self.badInput(["--models", "als,nope"], mentions: ["--models", "'nope'", ModelRegistry.names.joined(separator: ", ")])
        try Self.badInput(["--config", "x.yml"], mentions: ["x.yml:3:", "'nope'", ModelRegistry.names.joined(separator: ", ")]) { folder in
            try CLITests.write("seed: 3\nmodels: [popularity,\n  nope]\n", to: folder.appendingPathComponent("x.yml"))
        }
    }

    @Test(.enabled(if: enabled)) func unknownExplainerListsTheAllowedNames() throws {
        try Self.badInput(["--explainers", "shap,magic"], mentions: ["--explainers", "'magic'", knownExplainerNames.joined(separator: ", ")])
        try Self.badInput(["--config", "x.yml"], mentions: ["x.yml:2:", "'magic'", knownExplainerNames.joined(separator: ", ")]) { folder in
            try CLITests.write("als:\n  explainers: [magic]\n", to: folder.appendingPathComponent("x.yml"))
        }
    }

    @Test(.enabled(if: enabled)) func explainersThatDoNotApplyAreExitTwoWithWhatApplies() throws {
        // A per-model explainer that does not apply to its model names the ones that do.
        try Self.badInput(["--models", "popularity,itemknn", "--config", "x.yml"], mentions: ["explainers of itemknn", "'timeshap' does not apply", "exact, shap, lime, lxr, gradient, integrated-gradients, cosine, jaccard, random"]) { folder in
            try CLITests.write("itemknn:\n  explainers: [timeshap]\n", to: folder.appendingPathComponent("x.yml"))
        }
        // A global explainer that applies to no built model.
        try Self.badInput(["--models", "popularity,itemknn", "--explainers", "exact,timeshap"], mentions: ["--explainers", "'timeshap' applies to none of the built models"])
        // Popularity's scores do not depend on the history: nothing applies.
        try Self.badInput(["--models", "popularity", "--explainers", "shap"], mentions: ["'shap' applies to none", "do not depend on the user's history"])
    }

    @Test(.enabled(if: enabled)) func badModelSectionNamesFileLineAndKey() throws {
        try Self.badInput(["--config", "x.yml"], mentions: ["x.yml:3:", "als: unknown key 'factorz'", "cg_steps"]) { folder in
            try CLITests.write("seed: 1\nals:\n  factorz: 3\n", to: folder.appendingPathComponent("x.yml"))
        }
    }

    @Test(.enabled(if: enabled)) func badFoldInIsExitTwo() throws {
        try Self.badInput(["--import", "mf=f.npz", "--import-fold-in", "lambda=0"], mentions: ["--import-fold-in", "lambda > 0", "alpha ≥ 0"])
        try Self.badInput(["--shap-budget", "3"], mentions: ["--shap-budget", "at least 16"])
    }

    @Test(.enabled(if: enabled)) func initWritesTheExampleWhichReadsBackAsTheDefaults() throws {
        let folder = try TemporaryFolder()
        let run = try CLITests.run(["init", "e.yml"], in: folder.url)
        #expect(run.status == 0, "\(run.stderr)")
        let text = try String(contentsOf: folder.url.appendingPathComponent("e.yml"), encoding: .utf8)
        #expect(text == ExperimentFile.example)
        var settings = BuildSettings()
        try settings.apply(try ExperimentFile.load(path: folder.url.appendingPathComponent("e.yml").path), file: "e.yml")
        #expect(try settings.csvOptions() == BuildSettings().csvOptions())
        settings.csv = BuildSettings().csv
        #expect(settings == BuildSettings())
    }

    @Test(.enabled(if: enabled)) func helpListsEveryModelAndTheNewFlags() throws {
        let folder = try TemporaryFolder()
        let help = try CLITests.run(["build", "--help"], in: folder.url).stdout
        for flag in ["--explainers", "--shap-budget", "--lime-samples", "--import-fold-in"] { #expect(help.contains(flag), "build --help lacks \(flag)") }
        for name in ModelRegistry.names { #expect(help.contains(name), "build --help lacks \(name)") }
    }
}
