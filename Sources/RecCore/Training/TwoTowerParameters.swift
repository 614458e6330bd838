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
        for o in 0..<d {
            var h = embedding[e + o]
            if dense {
                var z = offset[o]
                for k in 0..<d { z += weight[o * d + k] * embedding[e + k] }
                active[outputOffset + o] = z > 0
                if z > 0 { h += z }
            }
            output[outputOffset + o] = h
        }
    }

    /// Back-propagates ∂L/∂h (d values at `outputOffset` of `upstream`) through the tower of row `row`.
    static func towerBackward(_ embedding: [T], row: Int, weight: [T], dense: Bool, dimension d: Int, upstream: [T],
                              outputOffset: Int, active: [Bool], embeddingGradient: inout [T], weightGradient: inout [T],
                              offsetGradient: inout [T]) {
        let e = row * d
        for o in 0..<d {
            let g = upstream[outputOffset + o]
            embeddingGradient[e + o] += g // residual path
            guard dense, active[outputOffset + o] else { continue }
            offsetGradient[o] += g
            for k in 0..<d {
                weightGradient[o * d + k] += g * embedding[e + k]
                embeddingGradient[e + k] += g * weight[o * d + k]
            }
        }
    }
}

extension TwoTowerParameters: Codable where T: Codable {}
