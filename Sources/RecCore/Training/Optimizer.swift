import _RecKernels
/// First-order update rules shared by the gradient-trained models.
public enum Optimizer: String, Sendable, Codable, Equatable {
    /// Adam (Kingma & Ba 2015), β₁ = 0.9, β₂ = 0.999, ε = 1e-8, bias-corrected with the global step.
    case adam
    /// Plain stochastic gradient descent: θ ← θ − η·g.
    case sgd
    /// AdaGrad (Duchi et al. 2011): θ ← θ − η·g / √(Σ g² + ε), as used by logistic MF.
    case adagrad
}

/// Optimiser state (moments) for one flat parameter array, updated range by range.
///
/// Updates are sparse ("lazy"): only the rows a minibatch touched move, and their moments decay
/// only when touched, so an epoch costs O(touched rows · width), not O(all parameters).
/// Deterministic: every element is updated independently of the others.
struct OptimizerState: Sendable {
    let optimizer: Optimizer
    let learningRate: Float
    private(set) var first: [Float]
    private(set) var second: [Float]
    static let beta1: Float = 0.9, beta2: Float = 0.999, epsilon: Float = 1e-8

    init(_ optimizer: Optimizer, learningRate: Float, count: Int) {
        self.optimizer = optimizer
        self.learningRate = learningRate
        first = optimizer == .adam ? [Float](repeating: 0, count: count) : []
        second = optimizer == .sgd ? [] : [Float](repeating: 0, count: count)
    }

    /// The bias-corrected Adam step size for 1-based `step` (η for the other rules).
    func stepSize(step: Int) -> Float {
        guard optimizer == .adam else { return learningRate }
        let t = Double(step)
        let correction = (1 - Foundation.pow(Double(Self.beta2), t)).squareRoot() / (1 - Foundation.pow(Double(Self.beta1), t))
        return learningRate * Float(correction)
    }

    /// Applies `gradient[offset ..< offset + count]` to `parameters` at the same indices;
    /// `stepSize` comes from `stepSize(step:)` (computed once per minibatch).
    mutating func apply(to parameters: inout [Float], gradient: [Float], offset: Int, count: Int, stepSize: Float) {
        switch optimizer {
        case .sgd:
            for k in offset..<(offset + count) { parameters[k] -= stepSize * gradient[k] }
        case .adagrad:
            for k in offset..<(offset + count) {
                let g = gradient[k]
                second[k] += g * g
                parameters[k] -= stepSize * g / (second[k] + Self.epsilon).squareRoot()
            }
        case .adam:
            let b1 = Self.beta1, b2 = Self.beta2
            for k in offset..<(offset + count) {
                let g = gradient[k]
                first[k] = b1 * first[k] + (1 - b1) * g
                second[k] = b2 * second[k] + (1 - b2) * g * g
                parameters[k] -= stepSize * first[k] / (second[k].squareRoot() + Self.epsilon)
            }
        }
    }

    /// Applies the gradient of the rows `rows` (each `width` wide) and zeroes those gradient rows.
    /// The arithmetic of `apply(to:gradient:offset:count:stepSize:)`, element by element in the
    /// same order, over unsafe buffers (no per-element uniqueness or bounds checks): identical results.
    mutating func applyRows(_ rows: [Int32], width: Int, to parameters: inout [Float], gradient: inout [Float], stepSize: Float) {
        let optimizer = optimizer, b1 = Self.beta1, b2 = Self.beta2, epsilon = Self.epsilon
        parameters.withUnsafeMutableBufferPointer { theta in
            gradient.withUnsafeMutableBufferPointer { g in
                first.withUnsafeMutableBufferPointer { m in
                    second.withUnsafeMutableBufferPointer { v in
                        for r in rows {
                            let offset = Int(r) * width
                            switch optimizer {
                            case .sgd:
                                for k in offset..<(offset + width) { theta[k] -= stepSize * g[k] }
                            case .adagrad:
                                for k in offset..<(offset + width) {
                                    let gk = g[k]
                                    v[k] += gk * gk
                                    theta[k] -= stepSize * gk / (v[k] + epsilon).squareRoot()
                                }
                            case .adam:
                                // Vectorised in C (same operations; √ and ÷ are correctly rounded on every CPU).
                                rec_adam_row(theta.baseAddress! + offset, g.baseAddress! + offset, m.baseAddress! + offset, v.baseAddress! + offset,
                                             Int32(width), stepSize, b1, b2, epsilon)
                                continue
                            }
                            for k in offset..<(offset + width) { g[k] = 0 }
                        }
                    }
                }
            }
        }
    }
}

import Foundation
