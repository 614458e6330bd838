import RecCore
import RecTestSupport
import Testing

/// Finite-difference checks of `GRUObjective` (BPTT through the GRU, output layer and both losses).
@Suite struct GRU4RecGradientTests {
    static let items = 7, features = 2

    /// Random parameters, E × H as given; three windows of lengths 4, 3 and 2 (two shorter ones).
    static func problem(embedding e: Int, hidden h: Int, output: Bool) -> (GRUParameters<Double>, GRUBatch) {
        var p = GRUParameters<Double>(items: items, embeddingSize: e, featureSize: features, hiddenSize: h, outputLayer: output)
        p.embedding = GradientCheck.values(p.embedding.count, seed: 1, scale: 0.8)
        p.weightIH = GradientCheck.values(p.weightIH.count, seed: 2, scale: 0.7)
        p.weightHH = GradientCheck.values(p.weightHH.count, seed: 3, scale: 0.7)
        p.biasIH = GradientCheck.values(p.biasIH.count, seed: 4, scale: 0.3)
        p.biasHH = GradientCheck.values(p.biasHH.count, seed: 5, scale: 0.3)
        if output {
            p.outWeight = GradientCheck.values(p.outWeight.count, seed: 6, scale: 0.8)
            p.outBias = GradientCheck.values(p.outBias.count, seed: 7, scale: 0.3)
        }
        let sequences: [[Int32]] = [[0, 3, 5, 1, 6], [6, 1, 0, 3], [2, 2, 4]]
        var batch = GRUBatch(lengths: sequences.map { $0.count - 1 }, featureSize: features, negatives: [1, 4, 4, 5, 0])
        var values = GradientCheck.values(40, seed: 8, scale: 1.5).map { Float($0) }
        for (b, s) in sequences.enumerated() {
            for t in 0..<(s.count - 1) {
                batch.set(window: b, step: t, input: s[t], target: s[t + 1], features: [values.removeLast(), values.removeLast()])
            }
        }
        return (p, batch)
    }

    nonisolated(unsafe) static let fields: [WritableKeyPath<GRUParameters<Double>, [Double]>] =
        [\.embedding, \.weightIH, \.weightHH, \.biasIH, \.biasHH, \.outWeight, \.outBias]

    static func gradientError(loss: GRU4Rec.Loss, embedding e: Int, hidden h: Int, output: Bool) -> Double {
        let (p, batch) = problem(embedding: e, hidden: h, output: output)
        let scale = 1 / Double(batch.positionCount)
        let zero = GRUParameters<Double>(items: items, embeddingSize: e, featureSize: features, hiddenSize: h, outputLayer: output)
        var gradient = zero
        let workspace = GRUWorkspace<Double>()
        _ = GRUObjective.minibatch(p, batch: batch, loss: loss, scale: scale, workspace: workspace, gradient: &gradient)
        for field in fields where !gradient[keyPath: field].isEmpty {
            #expect(gradient[keyPath: field].map(abs).max()! > 1e-3, "every block must receive gradient: \(field)")
        }
        let error = GradientCheck.maxRelativeError(at: p, fields: fields, analytic: gradient) { q in
            var scratch = zero
            return GRUObjective.minibatch(q, batch: batch, loss: loss, scale: scale, workspace: workspace, gradient: &scratch)
        }
        return error
    }

    @Test(arguments: GRU4Rec.Loss.allCases)
    func bpttGradientMatchesFiniteDifferencesWithAndWithoutOutputLayer(loss: GRU4Rec.Loss) {
        #expect(Self.gradientError(loss: loss, embedding: 3, hidden: 4, output: true) < 1e-7)
        #expect(Self.gradientError(loss: loss, embedding: 4, hidden: 4, output: false) < 1e-7)
    }

    /// A wrong gradient must fail the check: perturb one analytic entry of each block.
    @Test func theCheckDetectsAWrongEntryInEveryBlock() {
        let (p, batch) = Self.problem(embedding: 3, hidden: 4, output: true)
        var gradient = GRUParameters<Double>(items: Self.items, embeddingSize: 3, featureSize: Self.features, hiddenSize: 4, outputLayer: true)
        let workspace = GRUWorkspace<Double>()
        _ = GRUObjective.minibatch(p, batch: batch, loss: .sampledSoftmax, scale: 1, workspace: workspace, gradient: &gradient)
        for field in Self.fields {
            var wrong = gradient
            wrong[keyPath: field][1] += 1e-3
            let error = GradientCheck.maxRelativeError(at: p, fields: [field], analytic: wrong) { q in
                var scratch = gradient
                return GRUObjective.minibatch(q, batch: batch, loss: .sampledSoftmax, scale: 1, workspace: workspace, gradient: &scratch)
            }
            #expect(error > 1e-4, "\(field)")
        }
    }

    /// The Float path (sgemm, 16-lane kernels with scalar tails: sizes 17 and 18 use both) gives
    /// the Double path's loss and gradient to Float precision.
    @Test(arguments: GRU4Rec.Loss.allCases, [(3, 4), (17, 18)])
    func floatAgreesWithDouble(loss: GRU4Rec.Loss, sizes: (embedding: Int, hidden: Int)) {
        let (e, h) = sizes
        let (p, batch) = Self.problem(embedding: e, hidden: h, output: true)
        var single = GRUParameters<Float>(items: Self.items, embeddingSize: e, featureSize: Self.features, hiddenSize: h, outputLayer: true)
        (single.embedding, single.weightIH, single.weightHH) = (p.embedding.map(Float.init), p.weightIH.map(Float.init), p.weightHH.map(Float.init))
        (single.biasIH, single.biasHH) = (p.biasIH.map(Float.init), p.biasHH.map(Float.init))
        (single.outWeight, single.outBias) = (p.outWeight.map(Float.init), p.outBias.map(Float.init))
        var g64 = GRUParameters<Double>(items: Self.items, embeddingSize: e, featureSize: Self.features, hiddenSize: h, outputLayer: true)
        var g32 = GRUParameters<Float>(items: Self.items, embeddingSize: e, featureSize: Self.features, hiddenSize: h, outputLayer: true)
        let l64 = GRUObjective.minibatch(p, batch: batch, loss: loss, scale: 0.1, workspace: GRUWorkspace<Double>(), gradient: &g64)
        let l32 = GRUObjective.minibatch(single, batch: batch, loss: loss, scale: 0.1, workspace: GRUWorkspace<Float>(), gradient: &g32)
        #expect(abs(Double(l32) - l64) <= 1e-5 * max(1, abs(l64)))
        let pairs: [([Float], [Double])] = [(g32.embedding, g64.embedding), (g32.weightIH, g64.weightIH), (g32.weightHH, g64.weightHH),
                                            (g32.biasIH, g64.biasIH), (g32.biasHH, g64.biasHH), (g32.outWeight, g64.outWeight),
                                            (g32.outBias, g64.outBias)]
        for (a, b) in pairs {
            let scaleOfBlock = max(1e-3, b.map(abs).max() ?? 0)
            for k in a.indices { #expect(abs(Double(a[k]) - b[k]) <= 1e-4 * scaleOfBlock) }
        }
    }
}
