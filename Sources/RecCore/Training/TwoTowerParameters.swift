/// The parameters of `TwoTower`: an embedding table and an optional residual dense layer per tower.
///
/// Shapes (d = `dimension`): `userEmbedding` U × d, `itemEmbedding` I × d, `userWeight` and
/// `itemWeight` d × d row-major (output × input), `userOffset` and `itemOffset` d. A tower maps an
/// embedding e to h = e + ReLU(W e + b) when `dense` (the residual keeps h signed, so dot products
/// can be negative), else h = e. The same type holds a gradient.
public struct TwoTowerParameters<T: TrainingScalar>: Sendable, Equatable {
    public var dimension: Int
    public var dense: Bool
    public var userEmbedding: [T]
    public var itemEmbedding: [T]
    public var userWeight: [T]
    public var userOffset: [T]
    public var itemWeight: [T]
    public var itemOffset: [T]

    /// All-zero parameters (or gradient).
    public init(users: Int, items: Int, dimension: Int, dense: Bool) {
        self.dimension = dimension
        self.dense = dense
        userEmbedding = [T](repeating: 0, count: users * dimension)
        itemEmbedding = [T](repeating: 0, count: items * dimension)
        let w = dense ? dimension * dimension : 0, b = dense ? dimension : 0
        userWeight = [T](repeating: 0, count: w)
        itemWeight = [T](repeating: 0, count: w)
        userOffset = [T](repeating: 0, count: b)
        itemOffset = [T](repeating: 0, count: b)
    }

    /// Tower output h of row `row` of `embedding` through (`weight`, `offset`) into `output`
    /// (d values from `outputOffset`); `active` receives 1[W e + b > 0]. O(d²).
    static func tower(_ embedding: [T], row: Int, weight: [T], offset: [T], dense: Bool, dimension d: Int,
                      output: inout [T], outputOffset: Int, active: inout [Bool]) {
        let e = row * d
        embedding.withUnsafeBufferPointer { embedding in
            weight.withUnsafeBufferPointer { weight in
                output.withUnsafeMutableBufferPointer { output in
                    active.withUnsafeMutableBufferPointer { active in
                        let x = embedding.baseAddress! + e
                        for o in 0..<d {
                            var h = x[o]
                            if dense {
                                let z = offset[o] + dot(weight.baseAddress! + o * d, x, count: d)
                                active[outputOffset + o] = z > 0
                                if z > 0 { h += z }
                            }
                            output[outputOffset + o] = h
                        }
                    }
                }
            }
        }
    }

    /// Σ aₖbₖ: for Float `Float.dot`'s 16 interleaved partial sums in a fixed order (vectorised, the
    /// same on every machine), for Double (gradient checks) left to right. O(count).
    @inline(__always)
    static func dot(_ a: UnsafePointer<T>, _ b: UnsafePointer<T>, count: Int) -> T {
        if T.self == Float.self {
            return T(Float.dot(UnsafeRawPointer(a).assumingMemoryBound(to: Float.self), UnsafeRawPointer(b).assumingMemoryBound(to: Float.self), count: count))
        }
        var total: T = 0
        for k in 0..<count { total += a[k] * b[k] }
        return total
    }

    /// Back-propagates ∂L/∂h (d values at `outputOffset` of `upstream`) through the tower of row `row`.
    static func towerBackward(_ embedding: [T], row: Int, weight: [T], dense: Bool, dimension d: Int, upstream: [T],
                              outputOffset: Int, active: [Bool], embeddingGradient: inout [T], weightGradient: inout [T],
                              offsetGradient: inout [T]) {
        let e = row * d
        embedding.withUnsafeBufferPointer { embedding in
            weight.withUnsafeBufferPointer { weight in
                embeddingGradient.withUnsafeMutableBufferPointer { embeddingGradient in
                    weightGradient.withUnsafeMutableBufferPointer { weightGradient in
                        for o in 0..<d {
                            let g = upstream[outputOffset + o]
                            embeddingGradient[e + o] += g // residual path
                            guard dense, active[outputOffset + o] else { continue }
                            offsetGradient[o] += g
                            let x = embedding.baseAddress! + e, w = weight.baseAddress! + o * d
                            let dw = weightGradient.baseAddress! + o * d, dx = embeddingGradient.baseAddress! + e
                            for k in 0..<d {
                                dw[k] += g * x[k]
                                dx[k] += g * w[k]
                            }
                        }
                    }
                }
            }
        }
    }
}

extension TwoTowerParameters: Codable where T: Codable {}
