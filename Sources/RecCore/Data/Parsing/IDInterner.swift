/// Gives each distinct raw id a provisional code in first-seen order, then the final dense order.
///
/// Canonical integer ids ("42", not "042") take a fast path: small non-negative values index an
/// array, others a `[Int64: Int32]`; a `String` is made only once per distinct id, at the end.
struct IDInterner: Sendable {
    private enum Key: Sendable { case number(Int64), text(String) }
    private static let denseLimit: Int64 = 1 << 22

    private var keys: [Key] = []
    private var dense: [Int32] = []
    private var numbers: [Int64: Int32] = [:]
    private var texts: [String: Int32] = [:]

    /// Number of distinct ids seen.
    var count: Int { keys.count }

    mutating func code(for value: Int64) -> Int32 {
        if value >= 0 && value < Self.denseLimit {
            let slot = Int(value)
            if slot >= dense.count {
                dense.append(contentsOf: repeatElement(-1, count: max(slot + 1, dense.count * 2) - dense.count))
            }
            if dense[slot] >= 0 { return dense[slot] }
            dense[slot] = Int32(keys.count)
        } else {
            if let code = numbers[value] { return code }
            numbers[value] = Int32(keys.count)
        }
        keys.append(.number(value))
        return Int32(keys.count - 1)
    }

    mutating func code(for text: String) -> Int32 {
        if let value = Self.canonicalInteger(text) { return code(for: value) }
        if let code = texts[text] { return code }
        texts[text] = Int32(keys.count)
        keys.append(.text(text))
        return Int32(keys.count - 1)
    }

    /// The code of the id spelled by `range` in `view` (UTF-8).
    @inline(__always) mutating func code(in view: ByteView, _ range: Range<Int>) -> Int32 {
        if let value = view.canonicalInteger(range) { return code(for: value) }
        return code(for: view.utf8(range))
    }

    private static func canonicalInteger(_ text: String) -> Int64? {
        var utf8 = Array(text.utf8)
        return utf8.withUnsafeMutableBufferPointer { ByteView(UnsafeBufferPointer($0)).canonicalInteger(0..<$0.count) }
    }

    /// The distinct ids sorted as `rawIDPrecedes` orders them (integers numerically first, then
    /// text by UTF-8; equal integer values such as "7" and "007" by UTF-8), and for each
    /// provisional code its final dense index.
    func finish() -> (ids: [String], finalCode: [Int32]) {
        var strings: [String] = []
        var values: [Int64?] = []
        strings.reserveCapacity(keys.count)
        values.reserveCapacity(keys.count)
        for key in keys {
            switch key {
            case .number(let v): strings.append(String(v)); values.append(v)
            case .text(let t): strings.append(t); values.append(Int64(t))
            }
        }
        var order = Array(0..<keys.count)
        order.sort { a, b in
            switch (values[a], values[b]) {
            case let (x?, y?): return x != y ? x < y : strings[a].utf8.lexicographicallyPrecedes(strings[b].utf8)
            case (.some, nil): return true
            case (nil, .some): return false
            case (nil, nil): return strings[a].utf8.lexicographicallyPrecedes(strings[b].utf8)
            }
        }
        var finalCode = [Int32](repeating: 0, count: keys.count)
        for (rank, code) in order.enumerated() { finalCode[code] = Int32(rank) }
        return (order.map { strings[$0] }, finalCode)
    }
}
