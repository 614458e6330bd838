/// Byte-level helpers for NUL-terminated libxml2 strings.
enum CName {
    /// Whether the C string `name` is exactly `literal` (ASCII).
    @inline(__always)
    static func equals(_ name: UnsafePointer<UInt8>, _ literal: StaticString) -> Bool {
        let bytes = literal.utf8Start
        let count = literal.utf8CodeUnitCount
        for index in 0..<count where name[index] != bytes[index] { return false }
        return name[count] == 0
    }

    /// The bytes of a NUL-terminated string, without the NUL.
    static func buffer(_ text: UnsafePointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        var count = 0
        while text[count] != 0 { count += 1 }
        return UnsafeBufferPointer(start: text, count: count)
    }

    /// Whether `bytes` contain the ASCII `needle`, ignoring case.
    static func contains(_ bytes: UnsafeBufferPointer<UInt8>, caseInsensitive needle: StaticString) -> Bool {
        let count = needle.utf8CodeUnitCount
        guard bytes.count >= count else { return false }
        let pattern = needle.utf8Start
        outer: for start in 0...(bytes.count - count) {
            for offset in 0..<count {
                var byte = bytes[start + offset]
                if byte >= UInt8(ascii: "A"), byte <= UInt8(ascii: "Z") { byte |= 0x20 }
                if byte != pattern[offset] { continue outer }
            }
            return true
        }
        return false
    }
}
