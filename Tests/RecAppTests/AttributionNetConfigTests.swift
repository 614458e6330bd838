import Foundation
@testable import RecApp
import RecCore
import Testing

/// The `attribution-net` and `attribution-mlp` sections of the experiment file, their errors and
/// their place in the registry (the baseline is opt-in).
@Suite struct AttributionNetConfigTests {
    @Test func sectionsDecodeIntoTheirConfigurations() throws {
        let s = try ExperimentFileTests.settings("""
            attribution-net: {embedding: 8, hidden: [16, 8], epochs: 2, negatives: 3, batch_size: 64, learning_rate: 0.01, init_scale: 0.1, confidence: abs, normalisation: sample, root_confidence: head, embedding_training: all}
            attribution-mlp: {hidden: [32], width_multiplier: 2, epochs: 3}
            """)
        #expect(s.attributionNet == AttributionNet.Configuration(
            embeddingSize: 8, hiddenSizes: [16, 8], epochs: 2, negatives: 3, batchSize: 64, learningRate: 0.01, initScale: 0.1,
            confidence: .absolute, normalisation: .sample, rootConfidence: .head, embeddingTraining: .all))
        var mlp = AttributionNet.Configuration.baseline
        mlp.hiddenSizes = [32]
        mlp.widthMultiplier = 2
        mlp.epochs = 3
        #expect(s.attributionMLP == mlp)
        #expect(s.attributionMLP.widths == [64])
    }

    @Test func badValuesNameTheFileLineKeyAndWhatIsAllowed() throws {
        let hidden = try #require(ExperimentFileTests.error("seed: 1\nattribution-net:\n  hidden: 64\n"))
        #expect(hidden.description.hasPrefix("x.yml:3: attribution-net.hidden"), "\(hidden)")
        #expect(hidden.message.contains("list of layer widths"))
        let zero = try #require(ExperimentFileTests.error("attribution-net: {hidden: [64, 0]}"))
        #expect(zero.message.contains("attribution-net.hidden: must be at least 1"), "\(zero)")
        let rule = try #require(ExperimentFileTests.error("attribution-net: {confidence: cubic}"))
        #expect(rule.message.contains("unknown value 'cubic'; expected one of centred, centred-N (N = 2…16), abs, square"), "\(rule)")
        #expect(ExperimentFileTests.error("attribution-net: {confidence: centred-40}") != nil)
        #expect(try ExperimentFileTests.settings("attribution-net: {confidence: centred-8}").attributionNet.confidence == .centred(power: 8))
        #expect(ExperimentFileTests.error("attribution-net: {epochs: 0}")?.message.contains("attribution-net.epochs: must be at least 1") == true)
        #expect(ExperimentFileTests.error("attribution-net: {learning_rate: 0}")?.message.contains("greater than 0") == true)
        // The baseline has no mixture, so no confidence rule.
        #expect(ExperimentFileTests.error("attribution-mlp: {confidence: abs}")?.message.contains("unknown key 'confidence'") == true)
    }

    @Test func theBaselineIsOptInAndTheNetworkIsRegistered() {
        #expect(ModelRegistry.names.suffix(2) == ["attribution-net", "attribution-mlp"])
        #expect(!BuildSettings().models.contains("attribution-mlp") && !BuildSettings().models.contains("attribution-net"))
        #expect(BuildSettings().models == ModelRegistry.defaultNames)
        #expect(ExplainerRegistry.names.contains("intrinsic"))
    }
}
