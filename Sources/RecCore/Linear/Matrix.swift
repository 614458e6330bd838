import CBLAS

/// A dense row-major matrix of `Float` (rows × columns), the storage of latent factors.
///
/// Element (r, c) is `values[r * columns + c]`; row r is the contiguous slice
/// `values[r * columns ..< (r + 1) * columns]`, so it can be handed to CBLAS as is.
public struct Matrix: Sendable, Equatable {
    public var rows: Int
    public var columns: Int
    public var values: [Float]

    /// A rows × columns matrix filled with `value`.
    public init(rows: Int, columns: Int, repeating value: Float = 0) {
        self.rows = rows
        self.columns = columns
        values = [Float](repeating: value, count: rows * columns)
    }

    /// A matrix over existing row-major values (`values.count == rows * columns`).
    public init(rows: Int, columns: Int, values: [Float]) {
        precondition(values.count == rows * columns, "Matrix: \(values.count) values for \(rows)×\(columns)")
        self.rows = rows
        self.columns = columns
        self.values = values
    }

    /// A matrix with entries drawn from N(0, scale²) by a seeded generator.
    public init(rows: Int, columns: Int, gaussianScale scale: Float, rng: inout SplitMix64) {
        self.init(rows: rows, columns: columns)
        for k in 0..<values.count { values[k] = Float(rng.nextGaussian()) * scale }
    }

    @inlinable public subscript(row: Int, column: Int) -> Float {
        get { values[row * columns + column] }
        set { values[row * columns + column] = newValue }
    }

    /// Row `r` as a new array.
    public func row(_ r: Int) -> [Float] { Array(values[(r * columns)..<((r + 1) * columns)]) }

    /// Dot product of row `r` with row `s` of `other` (same column count). O(columns).
    @inlinable public func dot(row r: Int, with other: Matrix, row s: Int) -> Float {
        var sum: Float = 0
        let a = r * columns, b = s * other.columns
        for c in 0..<columns { sum += values[a + c] * other.values[b + c] }
        return sum
    }

    /// `self · otherᵀ` restricted to one row: the scores of row `r` against every row of
    /// `other` (e.g. a user's factor against all item factors), through `cblas_sgemv`.
    public func rowTimesTransposed(_ r: Int, _ other: Matrix, into result: inout [Float]) {
        precondition(other.columns == columns && result.count == other.rows)
        values.withUnsafeBufferPointer { a in
            other.values.withUnsafeBufferPointer { b in
                result.withUnsafeMutableBufferPointer { y in
                    cblas_sgemv(CblasRowMajor, CblasNoTrans, Int32(other.rows), Int32(columns), 1,
                                b.baseAddress, Int32(columns), a.baseAddress! + r * columns, 1, 0, y.baseAddress, 1)
                }
            }
        }
    }
}

extension Matrix: Codable {}
