import Dispatch
import Foundation

/// Dense Adam for `MultVAE` (β₁ = 0.9, β₂ = 0.999, ε = 1e-8, bias-corrected step size, as
/// `OptimizerState` and TensorFlow): every parameter moves every step, as in the reference
/// implementations (PyTorch's and TensorFlow's Adam on dense gradients). Updates moments and
/// parameters and zeroes the gradient in one pass, large blocks split over two threads; each
/// element is updated on its own, so the split does not change any result.
struct MultVAEAdam {
    static let beta1: Float = 0.9, beta2: Float = 0.999, epsilon: Float = 1e-8
    let learningRate: Float
    private var first: [[Float]]
    private var second: [[Float]]

    init(learningRate: Float, shapeOf p: MultVAEParameters<Float>) {
        self.learningRate = learningRate
        first = MultVAEParameters<Float>.blocks.map { [Float](repeating: 0, count: p[keyPath: $0].count) }
        second = first
    }

    /// Pointers handed to the worker threads (disjoint elements per thread).
    private struct Block: @unchecked Sendable {
        let parameters: UnsafeMutablePointer<Float>, gradient: UnsafeMutablePointer<Float>
        let first: UnsafeMutablePointer<Float>, second: UnsafeMutablePointer<Float>

        func apply(_ range: Range<Int>, stepSize eta: Float) {
            let b1 = MultVAEAdam.beta1, b2 = MultVAEAdam.beta2, e = MultVAEAdam.epsilon
            for k in range {
                let g = gradient[k]
                gradient[k] = 0
                let m = b1 * first[k] + (1 - b1) * g, v = b2 * second[k] + (1 - b2) * g * g
                first[k] = m
                second[k] = v
                parameters[k] -= eta * m / (v.squareRoot() + e)
            }
        }
    }

    /// One step (1-based `step`); leaves `gradient` zero. O(parameters).
    mutating func step(_ p: inout MultVAEParameters<Float>, gradient: inout MultVAEParameters<Float>, step: Int) {
        let t = Double(step)
        let eta = learningRate * Float((1 - pow(Double(Self.beta2), t)).squareRoot() / (1 - pow(Double(Self.beta1), t)))
        for (index, path) in MultVAEParameters<Float>.blocks.enumerated() where !p[keyPath: path].isEmpty {
            p[keyPath: path].withUnsafeMutableBufferPointer { values in
                gradient[keyPath: path].withUnsafeMutableBufferPointer { g in
                    first[index].withUnsafeMutableBufferPointer { m in
                        second[index].withUnsafeMutableBufferPointer { v in
                            let block = Block(parameters: values.baseAddress!, gradient: g.baseAddress!, first: m.baseAddress!, second: v.baseAddress!)
                            let n = values.count
                            if n >= 65_536 {
                                DispatchQueue.concurrentPerform(iterations: 2) { part in block.apply((part * n / 2)..<((part + 1) * n / 2), stepSize: eta) }
                            } else {
                                block.apply(0..<n, stepSize: eta)
                            }
                        }
                    }
                }
            }
        }
    }
}
