@testable import RecCore
import Testing

/// The inference step (sgemm, then the gates in C) against the training path's Swift gates.
@Suite struct GRUCellTests {
    /// `GRUCell.step` (`rec_gru_gates_row` per row) gives the same bits as `GRUCell.gates`, the
    /// arithmetic GRU4Rec trains with, so a model scores what it was trained to score: random
    /// weights and states, pre-activations from −30 to 30 (both saturations of σ and tanh).
    @Test func inferenceStepIsBitIdenticalToTheTrainingGates() {
        var rng = SplitMix64(seed: 11)
        func uniform(_ scale: Float) -> Float { Float(rng.nextDouble() * 2 - 1) * scale }
        for (h, batch, scale) in [(1, 1, Float(1)), (8, 5, 1), (64, 33, 3), (100, 7, 30), (1030, 2, 0.5)] {
            let g = 3 * h
            let weights = GRUWeights(
                inputSize: 1, hiddenSize: h, weightIH: Matrix(rows: g, columns: 1, values: (0..<g).map { _ in uniform(1) }),
                weightHH: Matrix(rows: g, columns: h, values: (0..<(g * h)).map { _ in uniform(scale / Float(h).squareRoot()) }),
                biasIH: (0..<g).map { _ in uniform(scale) }, biasHH: (0..<g).map { _ in uniform(scale) })
            let inputGates = (0..<(batch * g)).map { _ in uniform(scale) }
            let hidden = (0..<(batch * h)).map { _ in uniform(1) }
            var scratch: [Float] = []
            var stepped = [Float](repeating: .nan, count: batch * h)
            inputGates.withUnsafeBufferPointer { gi in
                hidden.withUnsafeBufferPointer { hp in
                    stepped.withUnsafeMutableBufferPointer { out in
                        GRUCell.step(inputGates: gi.baseAddress!, hidden: hp.baseAddress!, batch: batch, weights: weights, output: out.baseAddress!, scratch: &scratch)
                    }
                }
            }
            // The reference: the same h·W_hhᵀ + b_hh (scratch holds it), then the Swift gates.
            var reference = [Float](repeating: .nan, count: batch * h), cache = [Float](repeating: 0, count: batch * 4 * h)
            inputGates.withUnsafeBufferPointer { gi in
                scratch.withUnsafeBufferPointer { gh in
                    hidden.withUnsafeBufferPointer { hp in
                        reference.withUnsafeMutableBufferPointer { out in
                            cache.withUnsafeMutableBufferPointer { c in
                                GRUCell.gates(inputGates: gi.baseAddress!, hiddenGates: gh.baseAddress!, hidden: hp.baseAddress!, batch: batch, hiddenSize: h,
                                              output: out.baseAddress!, cache: c.baseAddress!)
                            }
                        }
                    }
                }
            }
            let differing = zip(stepped, reference).filter { $0.0.bitPattern != $0.1.bitPattern }.count
            #expect(differing == 0, "H = \(h), batch \(batch), scale \(scale): \(differing) of \(batch * h) outputs differ")
        }
    }
}
