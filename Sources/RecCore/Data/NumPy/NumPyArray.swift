/// One n-dimensional NumPy array in row-major (C) order, as read from or written to `.npy`.
///
/// Numeric dtypes widen to four element types: `float32`, `float64`, `int` (every signed and
/// unsigned integer width that fits `Int`) and `bool`; string dtypes (`<U…` UTF-32, `|S…` bytes)
/// become `String`s with the NUL padding removed. A scalar has shape `[]` and one element.
public struct NumPyArray: Sendable, Equatable {
    /// The elements, row-major.
    public enum Values: Sendable, Equatable {
        case float32([Float])
        case float64([Double])
        case int([Int])
        case bool([Bool])
        case string([String])

        /// Number of elements.
        public var count: Int {
            switch self {
            case .float32(let v): v.count
            case .float64(let v): v.count
            case .int(let v): v.count
            case .bool(let v): v.count
            case .string(let v): v.count
            }
        }
    }

    /// Dimensions, outermost first (`[]` for a scalar).
    public var shape: [Int]
    /// The elements in row-major order; `values.count` is the product of `shape`.
    public var values: Values

    /// An array of `shape` over row-major `values` (counts must agree).
    public init(shape: [Int], values: Values) {
        precondition(shape.reduce(1, *) == values.count, "NumPyArray: \(values.count) values for shape \(shape)")
        self.shape = shape
        self.values = values
    }

    /// A 2-D float32 array from a matrix.
    public init(_ matrix: Matrix) {
        self.init(shape: [matrix.rows, matrix.columns], values: .float32(matrix.values))
    }

    /// Number of elements.
    public var count: Int { values.count }

    /// The elements as `Float` for numeric arrays (float64 rounded, integers converted, bools
    /// as 0/1); nil for strings.
    public var floats: [Float]? {
        switch values {
        case .float32(let v): v
        case .float64(let v): v.map { Float($0) }
        case .int(let v): v.map { Float($0) }
        case .bool(let v): v.map { $0 ? 1 : 0 }
        case .string: nil
        }
    }

    /// The elements as identifiers: strings as they are, integers in decimal (`7` → `"7"`);
    /// nil for float and bool arrays.
    public var identifiers: [String]? {
        switch values {
        case .string(let v): v
        case .int(let v): v.map { String($0) }
        default: nil
        }
    }

    /// A short name of the element type for messages ("float32", "int", "string", …).
    public var elementTypeName: String {
        switch values {
        case .float32: "float32"
        case .float64: "float64"
        case .int: "integer"
        case .bool: "bool"
        case .string: "string"
        }
    }
}
