import Foundation
@testable import RecApp
import RecCore
import RecTestSupport
import Testing

/// The experiment file: every model section decodes into its typed configuration; unknown keys,
/// wrong types and out-of-range values are errors naming the file, the line and the key.
@Suite struct ExperimentFileTests {
    static func settings(_ yaml: String) throws -> BuildSettings {
        var settings = BuildSettings()
        try settings.apply(try ExperimentFile.parse(yaml, file: "x.yml"), file: "x.yml")
        return settings
    }

    /// The `DataError` `yaml` raises.
    static func error(_ yaml: String) -> DataError? {
        do {
            _ = try settings(yaml)
            return nil
        } catch {
            return error as? DataError
        }
    }

    /// Every value of the example is the default. The `csv` section keeps the text as written
    /// (the default is "not given"), so it is compared by the options it resolves to.
    @Test func exampleDecodesToTheDefaults() throws {
        var decoded = try Self.settings(ExperimentFile.example)
        #expect(try decoded.csvOptions() == BuildSettings().csvOptions())
        decoded.csv = BuildSettings().csv
        #expect(decoded == BuildSettings())
    }

    @Test func exampleWithEveryCommentedKeyUncommentedStillParses() throws {
        // The per-model explainer lines are examples a user may switch on.
        let uncommented = ExperimentFile.example.replacingOccurrences(of: "  # explainers:", with: "  explainers:")
        let settings = try Self.settings(uncommented)
        #expect(settings.modelExplainers["als"] == ["shap", "lime"])
        #expect(settings.modelExplainers.count == ModelRegistry.names.count)
    }

    @Test func readmeShowsTheExampleVerbatim() throws {
        let readme = try String(contentsOf: SharedData.repositoryRoot.appendingPathComponent("README.md"), encoding: .utf8)
        #expect(readme.contains("```yaml\n" + ExperimentFile.example + "```"), "README's experiment-file section differs from `reclens init`")
    }

    @Test func modelSectionsDecodeIntoTheirConfigurations() throws {
        let s = try Self.settings("""
            itemknn: {neighbours: 7}
            als: {factors: 8, regularization: 0.5, alpha: 2, iterations: 3, solver: cholesky, binary: false, record_loss: false}
            bpr: {factors: 9, epochs: 4, learning_rate: 0.01, batch_size: 16, regularization: 0.002, optimizer: sgd, initial_scale: 0.2}
            lmf: {factors: 10, iterations: 5, learning_rate: 0.5, alpha: 3, regularization: 0.1, initial_scale: 0.02}
            two-tower: {dimension: 11, dense_layer: false, negatives: 4, epochs: 2, learning_rate: 0.02, batch_size: 64, initial_scale: 0.3}
            mf: {factors: 12, epochs: 6, learning_rate: 0.002, batch_size: 32, optimizer: adagrad, initial_scale: 0.1}
            pmf: {factors: 13, holdout_fraction: 0.1, patience: 3, bias_regularization: 0.2, initial_lambda: 0.05, warmup_epochs: 2, prior_shape: 2, prior_rate: 0.5}
            gru4rec: {embedding: 16, hidden: 16, length: 5, batch: 8, loss: bpr-max, features: [rating], validation_users: 0.2}
            vae: {hidden: 64, latent: 8, dropout: 0.25, epochs: 7, batch_size: 20, learning_rate: 0.01, kl_cap: 0.5, anneal_epochs: 3}
            """)
        #expect(s.itemKNN == ItemKNN.Configuration(neighbours: 7))
        #expect(s.als == ImplicitALS.Configuration(factors: 8, regularization: 0.5, alpha: 2, iterations: 3, solver: .cholesky, binary: false, recordLoss: false))
        #expect(s.bpr == BPRMF.Configuration(factors: 9, epochs: 4, learningRate: 0.01, batchSize: 16, regularization: 0.002, optimizer: .sgd, initialScale: 0.2))
        #expect(s.lmf == LogisticMF.Configuration(factors: 10, iterations: 5, learningRate: 0.5, alpha: 3, regularization: 0.1, initialScale: 0.02))
        #expect(s.twoTower == TwoTower.Configuration(dimension: 11, denseLayer: false, negatives: 4, epochs: 2, learningRate: 0.02, batchSize: 64, initialScale: 0.3))
        #expect(s.mf == MatrixFactorization.Configuration(factors: 12, epochs: 6, learningRate: 0.002, batchSize: 32, optimizer: .adagrad, initialScale: 0.1))
        #expect(s.pmf == MatrixFactorization.Configuration(
            factors: 13, regularization: .adaptive(shape: 2, rate: 0.5, initialLambda: 0.05, warmupEpochs: 2), biasRegularization: 0.2, holdoutFraction: 0.1, patience: 3))
        #expect(s.gru4rec == GRU4Rec.Configuration(
            embeddingSize: 16, hiddenSize: 16, maxLength: 5, batchSize: 8, validationUsers: 0.2, loss: .bprMax, useTimeGap: false, useGenres: false))
        #expect(s.vae == MultVAE.Configuration(hiddenSize: 64, latentSize: 8, dropout: 0.25, epochs: 7, batchSize: 20, learningRate: 0.01, klCap: 0.5, annealEpochs: 3))
    }

    @Test func lxrSectionDecodesIntoItsConfiguration() throws {
        let s = try Self.settings("seed: 9\nlxr: {hidden: 32, lambda_pos: 5, lambda_neg: 0.5, alpha: 2, learning_rate: 0.01, epochs: 10, batch_size: 64, decay_every: 4, decay_factor: 0.5}\n")
        #expect(s.explainerOptions.lxr == LXRConfiguration(hiddenSize: 32, lambdaPositive: 5, lambdaNegative: 0.5, alpha: 2, learningRate: 0.01, epochs: 10, batchSize: 64, decayEvery: 4, decayFactor: 0.5))
        let error = try #require(Self.error("lxr:\n  hidden: 16\n  decay_factor: 0\n"))
        #expect(error.description.hasPrefix("x.yml:3: lxr.decay_factor: must be greater than 0"), "\(error)")
        #expect(Self.error("lxr: {lambda: 1}")?.message.contains("unknown key 'lambda'; expected one of hidden, lambda_pos, lambda_neg, alpha") == true)
    }

    @Test func alsConjugateGradientStepsFollowTheSolver() throws {
        #expect(try Self.settings("als: {cg_steps: 5}").als.solver == .conjugateGradient(steps: 5))
        #expect(try Self.settings("als: {solver: cg, cg_steps: 7}").als.solver == .conjugateGradient(steps: 7))
        #expect(try Self.settings("als: {solver: cholesky, cg_steps: 7}").als.solver == .cholesky)
    }

    @Test func unknownKeyNamesTheFileLineKeyAndAllowedKeys() throws {
        let error = try #require(Self.error("seed: 1\nals:\n  factors: 8\n  factorz: 3\n"))
        #expect(error.file == "x.yml")
        #expect(error.line == 4)
        #expect(error.message.contains("'factorz'"))
        #expect(error.message.contains("factors, regularization, alpha, iterations, solver, cg_steps, binary, record_loss, explainers"))
    }

    @Test func wrongTypeNamesTheFileLineAndKey() throws {
        let error = try #require(Self.error("seed: 1\nbpr:\n  epochs: many\n"))
        #expect(error.description.hasPrefix("x.yml:3: bpr.epochs"), "\(error)")
        let list = try #require(Self.error("two-tower:\n  dense_layer: [true]\n"))
        #expect(list.description.hasPrefix("x.yml:2: two-tower.dense_layer"), "\(list)")
        let codable = try #require(Self.error("seed: 1\nsplit:\n  strategy: time\n  test_fraction: lots\n"))
        #expect(codable.description.hasPrefix("x.yml:4:"), "\(codable)")
        #expect(codable.message.contains("split.test_fraction"))
    }

    @Test func outOfRangeValuesAreRejected() throws {
        #expect(Self.error("als: {factors: 0}")?.message.contains("als.factors: must be at least 1") == true)
        #expect(Self.error("lmf: {learning_rate: 0}")?.message.contains("greater than 0") == true)
        #expect(Self.error("shap: {budget: 8}")?.message.contains("shap.budget") == true)
        #expect(Self.error("gru4rec: {loss: hinge}")?.message.contains("softmax, bpr-max") == true)
        #expect(Self.error("mf: {holdout_fraction: 0.1}")?.message.contains("unknown key 'holdout_fraction'") == true)
        let dropout = try #require(Self.error("seed: 1\nvae:\n  dropout: 1\n"))
        #expect(dropout.description.hasPrefix("x.yml:3: vae.dropout: must be below 1, got 1"), "\(dropout)")
        #expect(Self.error("vae: {hidden: 0}")?.message.contains("vae.hidden: must be at least 1") == true)
        #expect(Self.error("vae: {kl_cap: -0.1}")?.message.contains("vae.kl_cap: must be at least 0") == true)
    }

    @Test func unknownTopLevelKeyIsAnError() throws {
        let error = try #require(Self.error("seed: 1\nalss: {factors: 2}\n"))
        #expect(error.line == 2)
        #expect(error.message.contains("'alss'") && error.message.contains("two-tower"))
    }

    @Test func explainersGloballyAndPerModel() throws {
        let s = try Self.settings("explainers: [SHAP, lime]\nals:\n  explainers: [exact]\nhybrid:\n  explainers: [random]\n")
        #expect(s.explainers == ["shap", "lime"])
        #expect(s.modelExplainers == ["als": ["exact"], "hybrid": ["random"]])
        #expect(BuildSettings().explainers == nil)
        let unknown = try #require(Self.error("als:\n  explainers: [exact, magic]\n"))
        #expect(unknown.line == 2 && unknown.message.contains("'magic'") && unknown.message.contains(knownExplainerNames.joined(separator: ", ")))
        let global = try #require(Self.error("seed: 1\nexplainers: [shap, magic]"))
        #expect(global.line == 2 && global.message.contains("unknown explainer 'magic'"))
        #expect(Self.error("models: [als, nope]")?.message.contains("unknown model 'nope'; expected one of popularity") == true)
    }

    @Test func explainerOptionsAndFidelity() throws {
        let s = try Self.settings("shap: {budget: 512, exact_limit: 10}\nlime: {samples: 64, kernel_width: 0.5, ridge: 0.1}\nintegrated_gradients: {steps: 8}\nfidelity: {users: 50}\n")
        var expected = BuildSettings.ExplainerOptions()
        expected.shapBudget = 512
        expected.shapExactLimit = 10
        expected.limeSamples = 64
        expected.limeKernelWidth = 0.5
        expected.limeRidge = 0.1
        expected.integratedGradientsSteps = 8
        #expect(s.explainerOptions == expected)
        #expect(s.fidelityUsers == 50)
        #expect(BuildSettings().fidelityUsers == 200)
    }

    @Test func importTakesAPathOrAPathWithFoldIn() throws {
        let s = try Self.settings("import:\n  mf: a.npz\n  als: {path: b.npz, fold_in: {lambda: 2, alpha: 0.5}}\n")
        #expect(s.imports.map(\.kind) == ["als", "mf"])
        #expect(s.imports[0].path == "b.npz" && s.imports[0].foldInLambda == 2 && s.imports[0].foldInAlpha == 0.5)
        #expect(s.imports[1].path == "a.npz" && s.imports[1].foldInLambda == 1 && s.imports[1].foldInAlpha == 1)
        let zero = try #require(Self.error("import:\n  mf:\n    path: a.npz\n    fold_in: {lambda: 0}\n"))
        #expect(zero.line == 4 && zero.message.contains("import.mf.fold_in.lambda"))
        #expect(Self.error("import:\n  mf: {path: a.npz, fold_in: {beta: 1}}\n")?.message.contains("expected one of lambda, alpha") == true)
    }

    @Test func foldInFlagAppliesToOneKindOrEveryImport() throws {
        var imports = [try BuildSettings.ModelImport(parsing: "mf=a.npz", source: "t"), try BuildSettings.ModelImport(parsing: "als=b.npz", source: "t")]
        try BuildSettings.ModelImport.applyFoldIn("alpha=0", to: &imports)
        try BuildSettings.ModelImport.applyFoldIn("als:lambda=3", to: &imports)
        #expect(imports.map(\.foldInAlpha) == [0, 0])
        #expect(imports.map(\.foldInLambda) == [1, 3])
        #expect(throws: DataError.self) { try BuildSettings.ModelImport.applyFoldIn("lambda=-1", to: &imports) }
        #expect(throws: DataError.self) { try BuildSettings.ModelImport.applyFoldIn("lambda=inf", to: &imports) }
        #expect(throws: DataError.self) { try BuildSettings.ModelImport.applyFoldIn("bpr:lambda=2", to: &imports) }
    }
}
