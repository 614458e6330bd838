extension NumPyArray {
    /// Parses a `.npy` file (format versions 1.0, 2.0 and 3.0).
    ///
    /// Supported dtypes: `f4 f8`, `i1 i2 i4 i8`, `u1 u2 u4 u8` (values above `Int.max` are an
    /// error), `b1`, `U<n>` (UTF-32, NUL-padded) and `S<n>` (bytes, NUL-padded, read as UTF-8),
    /// in little- or big-endian order. `fortran_order: True` data is transposed to row-major.
    /// Object arrays (`|O`, pickled Python objects) and structured dtypes are refused.
    /// - Parameters:
    ///   - bytes: the file content.
    ///   - file: name for errors, e.g. "model.npz/user_ids.npy".
    public init(npy bytes: [UInt8], file: String) throws {
        let magic: [UInt8] = [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59]  // \x93NUMPY
        guard bytes.count >= 10, Array(bytes[0..<6]) == magic else { throw DataError(file: file, "not a .npy array (bad magic bytes)") }
        let major = Int(bytes[6])
        let headerStart: Int, headerLength: Int
        switch major {
        case 1: (headerStart, headerLength) = (10, Int(bytes[8]) | Int(bytes[9]) << 8)
        case 2, 3:
            guard bytes.count >= 12 else { throw DataError(file: file, ".npy header is truncated") }
            headerStart = 12
            headerLength = Int(bytes[8]) | Int(bytes[9]) << 8 | Int(bytes[10]) << 16 | Int(bytes[11]) << 24
        default: throw DataError(file: file, ".npy format version \(major).\(bytes[7]) is not supported (1.0–3.0 are)")
        }
        guard headerStart + headerLength <= bytes.count else { throw DataError(file: file, ".npy header is truncated") }
        let header: NumPyHeader
        do {
            header = try NumPyHeader(parsing: String(decoding: bytes[headerStart..<(headerStart + headerLength)], as: UTF8.self))
        } catch { throw DataError(file: file, ".npy \(error.message)") }
        let dtype = try DType(header.descr, file: file)
        let count = header.shape.reduce(1) { $0.multipliedReportingOverflow(by: $1).overflow ? Int.max : $0 * $1 }
        let dataStart = headerStart + headerLength
        let (needed, overflow) = count.multipliedReportingOverflow(by: dtype.size)
        guard !overflow, dataStart + needed <= bytes.count else {
            throw DataError(file: file, "shape \(header.shape) of \(header.descr) needs \(needed) bytes of data, the file has \(bytes.count - dataStart)")
        }
        var values = try dtype.decode(bytes[dataStart..<(dataStart + needed)], count: count, file: file)
        if header.fortranOrder && header.shape.count > 1 { values = Self.fromFortranOrder(values, shape: header.shape) }
        self.init(shape: header.shape, values: values)
    }

    /// Row-major copy of column-major `values` of `shape`.
    static func fromFortranOrder(_ values: Values, shape: [Int]) -> Values {
        let count = shape.reduce(1, *)
        var fortranStrides = [Int](repeating: 1, count: shape.count)
        for d in 1..<shape.count { fortranStrides[d] = fortranStrides[d - 1] * shape[d - 1] }
        var source = [Int](repeating: 0, count: count)  // C index → F index
        var index = [Int](repeating: 0, count: shape.count)
        for c in 0..<count {
            source[c] = zip(index, fortranStrides).reduce(0) { $0 + $1.0 * $1.1 }
            var d = shape.count - 1
            while d >= 0 {
                index[d] += 1
                if index[d] < shape[d] { break }
                index[d] = 0
                d -= 1
            }
        }
        func permuted<T>(_ v: [T]) -> [T] { source.map { v[$0] } }
        switch values {
        case .float32(let v): return .float32(permuted(v))
        case .float64(let v): return .float64(permuted(v))
        case .int(let v): return .int(permuted(v))
        case .bool(let v): return .bool(permuted(v))
        case .string(let v): return .string(permuted(v))
        }
    }

    /// The array as a `.npy` file (version 1.0, little-endian, C order): float32 `<f4`, float64
    /// `<f8`, integers `<i8`, bools `|b1`, strings `<U<n>` with n the longest string's length in
    /// Unicode scalars (at least 1).
    public var npyBytes: [UInt8] {
        var data: [UInt8] = []
        let descr: String
        func append<T: FixedWidthInteger>(_ x: T) { withUnsafeBytes(of: x.littleEndian) { data += $0 } }
        switch values {
        case .float32(let v): descr = "<f4"; data.reserveCapacity(4 * v.count); for x in v { append(x.bitPattern) }
        case .float64(let v): descr = "<f8"; data.reserveCapacity(8 * v.count); for x in v { append(x.bitPattern) }
        case .int(let v): descr = "<i8"; for x in v { append(Int64(x)) }
        case .bool(let v): descr = "|b1"; data = v.map { $0 ? 1 : 0 }
        case .string(let v):
            let width = max(1, v.map { $0.unicodeScalars.count }.max() ?? 1)
            descr = "<U\(width)"
            for s in v {
                for scalar in s.unicodeScalars { append(scalar.value) }
                for _ in s.unicodeScalars.count..<width { append(UInt32(0)) }
            }
        }
        let dims = shape.map(String.init).joined(separator: ", ") + (shape.count == 1 ? "," : "")
        var header = "{'descr': '\(descr)', 'fortran_order': False, 'shape': (\(dims)), }"
        let total = 10 + header.utf8.count + 1
        header += String(repeating: " ", count: (64 - total % 64) % 64) + "\n"
        var out: [UInt8] = [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59, 1, 0, UInt8(header.utf8.count & 0xFF), UInt8(header.utf8.count >> 8)]
        out += Array(header.utf8)
        return out + data
    }
}
