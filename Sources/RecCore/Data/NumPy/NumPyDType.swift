extension NumPyArray {
    /// A `.npy` element type parsed from a `descr` string such as `<f4`, `|b1` or `<U12`.
    struct DType {
        enum Kind { case float, signed, unsigned, bool, unicode, bytes }
        var kind: Kind
        /// Bytes per element.
        var size: Int
        var bigEndian: Bool

        init(_ descr: String, file: String) throws {
            var text = Substring(descr)
            bigEndian = text.first == ">"
            if let first = text.first, "<>|=".contains(first) { text.removeFirst() }
            guard let code = text.first else { throw DataError(file: file, "empty dtype") }
            let width = Int(text.dropFirst()) ?? -1
            switch (code, width) {
            case ("O", _):
                throw DataError(file: file, "dtype '\(descr)' holds pickled Python objects, which RecLens does not read (unpickling can run code); save the array with a numeric or string dtype, e.g. ids.astype(str)")
            case ("f", 4), ("f", 8): (kind, size) = (.float, width)
            case ("i", 1), ("i", 2), ("i", 4), ("i", 8): (kind, size) = (.signed, width)
            case ("u", 1), ("u", 2), ("u", 4), ("u", 8): (kind, size) = (.unsigned, width)
            case ("b", 1): (kind, size) = (.bool, 1)
            case ("U", 1...): (kind, size) = (.unicode, 4 * width)
            case ("S", 1...): (kind, size) = (.bytes, width)
            default: throw DataError(file: file, "dtype '\(descr)' is not supported (use float32/64, integers, bool or strings)")
            }
        }

        /// Decodes `count` elements from `data` (exactly `count * size` bytes).
        func decode(_ data: ArraySlice<UInt8>, count: Int, file: String) throws -> Values {
            let base = data.startIndex
            func word(_ k: Int, _ n: Int) -> UInt64 {
                var v: UInt64 = 0
                for b in 0..<n {
                    let byte = UInt64(data[base + k * n + (bigEndian ? n - 1 - b : b)])
                    v |= byte << (8 * UInt64(b))
                }
                return v
            }
            switch kind {
            case .float where size == 4: return .float32((0..<count).map { Float(bitPattern: UInt32(word($0, 4))) })
            case .float: return .float64((0..<count).map { Double(bitPattern: word($0, 8)) })
            case .signed:
                let shift = UInt64(64 - 8 * size)
                return .int((0..<count).map { Int(Int64(bitPattern: word($0, size) << shift) >> Int64(shift)) })
            case .unsigned:
                return .int(try (0..<count).map { k in
                    let v = word(k, size)
                    guard v <= UInt64(Int.max) else { throw DataError(file: file, "value \(v) is too large for an integer") }
                    return Int(v)
                })
            case .bool: return .bool((0..<count).map { data[base + $0] != 0 })
            case .unicode:
                let chars = size / 4
                return .string(try (0..<count).map { k in
                    var s = String.UnicodeScalarView()
                    for c in 0..<chars {
                        let v = UInt32(truncatingIfNeeded: word(k * chars + c, 4))
                        if v == 0 { break }
                        guard let scalar = Unicode.Scalar(v) else { throw DataError(file: file, "invalid UTF-32 character \(v)") }
                        s.append(scalar)
                    }
                    return String(s)
                })
            case .bytes:
                return .string((0..<count).map { k in
                    var slice = data[(base + k * size)..<(base + (k + 1) * size)]
                    while let last = slice.last, last == 0 { slice.removeLast() }
                    return String(decoding: slice, as: UTF8.self)
                })
            }
        }
    }
}
