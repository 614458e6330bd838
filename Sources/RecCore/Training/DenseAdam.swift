import Dispatch
import Foundation
import _RecKernels

/// Dense Adam over flat parameter blocks (β₁ = 0.9, β₂ = 0.999, ε = 1e-8, bias-corrected step
/// size, as `OptimizerState` and TensorFlow): every parameter moves every step, as PyTorch's and
/// TensorFlow's Adam do on dense gradients (Mult-VAE, the LXR explainer network). One pass
/// updates moments and parameters and zeroes the gradient; large blocks are split over two
/// threads, and since each element is updated on its own the split does not change any result.
struct DenseAdam {
    static let beta1: Float = 0.9, beta2: Float = 0.999, epsilon: Float = 1e-8
    private var first: [[Float]]
    private var second: [[Float]]

    /// Moments for blocks of the given sizes.
    init(blockSizes: [Int]) {
        first = blockSizes.map { [Float](repeating: 0, count: $0) }
        second = first
    }

    /// The bias-corrected step size of 1-based `step` for learning rate η.
    static func stepSize(learningRate: Float, step: Int) -> Float {
        let t = Double(step)
        return learningRate * Float((1 - pow(Double(beta2), t)).squareRoot() / (1 - pow(Double(beta1), t)))
    }

    /// Pointers handed to the worker threads (disjoint elements per thread).
    private struct Block: @unchecked Sendable {
        let parameters: UnsafeMutablePointer<Float>, gradient: UnsafeMutablePointer<Float>
        let first: UnsafeMutablePointer<Float>, second: UnsafeMutablePointer<Float>

        /// `rec_adam_row` (vectorised C; the same operations in the same order as the Swift loop
        /// it replaced). O(range).
        func apply(_ range: Range<Int>, stepSize eta: Float) {
            guard !range.isEmpty else { return }
            let o = range.lowerBound
            rec_adam_row(parameters + o, gradient + o, first + o, second + o, Int32(range.count), eta, DenseAdam.beta1, DenseAdam.beta2,
                         DenseAdam.epsilon)
        }
    }

    /// Updates block `index` with step size `eta` (from `stepSize`) and zeroes its gradient.
    /// O(block size).
    mutating func update(block index: Int, parameters: inout [Float], gradient: inout [Float], stepSize eta: Float) {
        guard !parameters.isEmpty else { return }
        precondition(parameters.count == first[index].count && gradient.count == parameters.count)
        parameters.withUnsafeMutableBufferPointer { values in
            gradient.withUnsafeMutableBufferPointer { g in
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
