import Dispatch
import Foundation

/// Adam for `GRUTrainer` (β₁ = 0.9, β₂ = 0.999, ε = 1e-8, bias-corrected, as `OptimizerState`):
/// sums the two shard gradients, updates moments and parameters and zeroes the gradients in one
/// pass, split over two threads. Every element is updated on its own, so the split does not
/// change any result. Embedding rows are updated lazily (only the rows a minibatch touched).
final class GRUAdam: @unchecked Sendable {
    static let beta1: Float = 0.9, beta2: Float = 0.999, epsilon: Float = 1e-8
    /// The blocks of `GRUParameters`, in update order.
    nonisolated(unsafe) static let blocks: [WritableKeyPath<GRUParameters<Float>, [Float]>] =
        [\.embedding, \.weightIH, \.weightHH, \.biasIH, \.biasHH, \.outWeight, \.outBias]
    let learningRate: Float
    private var first: [[Float]]
    private var second: [[Float]]

    init(learningRate: Float, shapeOf p: GRUParameters<Float>) {
        self.learningRate = learningRate
        first = Self.blocks.map { [Float](repeating: 0, count: p[keyPath: $0].count) }
        second = first
    }

    /// Pointers handed to the worker threads (disjoint elements per thread).
    private struct Block: @unchecked Sendable {
        let parameters: UnsafeMutablePointer<Float>, gradient0: UnsafeMutablePointer<Float>, gradient1: UnsafeMutablePointer<Float>
        let first: UnsafeMutablePointer<Float>, second: UnsafeMutablePointer<Float>

        func apply(_ range: Range<Int>, stepSize eta: Float) {
            let b1 = GRUAdam.beta1, b2 = GRUAdam.beta2
            for k in range {
                let g = gradient0[k] + gradient1[k]
                gradient0[k] = 0
                gradient1[k] = 0
                first[k] = b1 * first[k] + (1 - b1) * g
                second[k] = b2 * second[k] + (1 - b2) * g * g
                parameters[k] -= eta * first[k] / (second[k].squareRoot() + GRUAdam.epsilon)
            }
        }
    }

    /// One Adam step (1-based `step`) with gradient = `gradients.0 + gradients.1`; embedding rows
    /// `rows` only (each E wide). Leaves both gradients zero. O(|rows| · E + dense parameters).
    func step(_ p: inout GRUParameters<Float>, gradients: (GRUTrainer.Shard, GRUTrainer.Shard), rows: [Int32], step: Int) {
        let t = Double(step)
        let eta = learningRate * Float((1 - pow(Double(Self.beta2), t)).squareRoot() / (1 - pow(Double(Self.beta1), t)))
        let e = p.embeddingSize
        for (index, path) in Self.blocks.enumerated() where !p[keyPath: path].isEmpty {
            p[keyPath: path].withUnsafeMutableBufferPointer { values in
                gradients.0.gradient[keyPath: path].withUnsafeMutableBufferPointer { g0 in
                    gradients.1.gradient[keyPath: path].withUnsafeMutableBufferPointer { g1 in
                        first[index].withUnsafeMutableBufferPointer { m in
                            second[index].withUnsafeMutableBufferPointer { v in
                                let block = Block(parameters: values.baseAddress!, gradient0: g0.baseAddress!, gradient1: g1.baseAddress!,
                                                  first: m.baseAddress!, second: v.baseAddress!)
                                if index == 0 {
                                    DispatchQueue.concurrentPerform(iterations: 2) { part in
                                        for r in rows[(part * rows.count / 2)..<((part + 1) * rows.count / 2)] {
                                            block.apply((Int(r) * e)..<((Int(r) + 1) * e), stepSize: eta)
                                        }
                                    }
                                } else if values.count >= 4096 {
                                    let n = values.count
                                    DispatchQueue.concurrentPerform(iterations: 2) { part in block.apply((part * n / 2)..<((part + 1) * n / 2), stepSize: eta) }
                                } else {
                                    block.apply(0..<values.count, stepSize: eta)
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
