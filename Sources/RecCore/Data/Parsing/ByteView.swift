import Foundation

/// Read-only access to a file's bytes for the parsers: numbers and text are read straight from
/// byte ranges, so parsing allocates only for values that are kept (unique ids, titles).
struct ByteView {
    let base: UnsafeBufferPointer<UInt8>

    init(_ base: UnsafeBufferPointer<UInt8>) { self.base = base }

    @inline(__always) subscript(_ i: Int) -> UInt8 { base[i] }

    /// `r` without leading and trailing ASCII spaces and tabs.
    @inline(__always) func trimmed(_ r: Range<Int>) -> Range<Int> {
        var lo = r.lowerBound, hi = r.upperBound
        while lo < hi, base[lo] == 0x20 || base[lo] == 0x09 { lo += 1 }
        while hi > lo, base[hi - 1] == 0x20 || base[hi - 1] == 0x09 { hi -= 1 }
        return lo..<hi
    }

    /// True when the range holds only spaces, tabs or carriage returns.
    func isBlank(_ r: Range<Int>) -> Bool {
        for i in r where base[i] != 0x20 && base[i] != 0x09 && base[i] != 0x0D { return false }
        return true
    }

    /// A decimal integer with optional sign, or nil (empty, other characters, overflow).
    @inline(__always) func integer(_ r: Range<Int>) -> Int64? {
        var i = r.lowerBound
        let end = r.upperBound
        guard i < end else { return nil }
        let negative = base[i] == UInt8(ascii: "-")
        if negative || base[i] == UInt8(ascii: "+") { i += 1 }
        guard i < end else { return nil }
        var value: Int64 = 0
        while i < end {
            let d = base[i] &- 48
            guard d < 10 else { return nil }
            let (m, o1) = value.multipliedReportingOverflow(by: 10)
            let (s, o2) = m.addingReportingOverflow(Int64(d))
            guard !o1, !o2 else { return nil }
            value = s
            i += 1
        }
        return negative ? -value : value
    }

    /// The value of a canonical decimal integer ("0", "42", "-7"; no sign '+', no leading zeros,
    /// at most 18 digits), whose string form is exactly `String(value)`; nil otherwise.
    @inline(__always) func canonicalInteger(_ r: Range<Int>) -> Int64? {
        var i = r.lowerBound
        let end = r.upperBound
        guard i < end else { return nil }
        let negative = base[i] == UInt8(ascii: "-")
        if negative { i += 1 }
        let digits = end - i
        guard digits >= 1, digits <= 18 else { return nil }
        if base[i] == UInt8(ascii: "0") && (digits > 1 || negative) { return nil }
        var value: Int64 = 0
        while i < end {
            let d = base[i] &- 48
            guard d < 10 else { return nil }
            value = value &* 10 &+ Int64(d)
            i += 1
        }
        return negative ? -value : value
    }

    /// A decimal number such as "4", "3.5", "-0.25"; exponents and other spellings go through
    /// the standard library. Nil when the text is not a finite number.
    @inline(__always) func number(_ r: Range<Int>) -> Float? {
        var i = r.lowerBound
        let end = r.upperBound
        guard i < end else { return nil }
        let negative = base[i] == UInt8(ascii: "-")
        if negative || base[i] == UInt8(ascii: "+") { i += 1 }
        var whole: Int64 = 0, fraction: Int64 = 0, scale: Int64 = 1, digits = 0
        while i < end, base[i] &- 48 < 10, digits < 15 {
            whole = whole * 10 + Int64(base[i] &- 48); i += 1; digits += 1
        }
        if i < end, base[i] == UInt8(ascii: ".") {
            i += 1
            while i < end, base[i] &- 48 < 10, scale < 1_000_000_000 {
                fraction = fraction * 10 + Int64(base[i] &- 48); scale *= 10; i += 1; digits += 1
            }
        }
        if i == end && digits > 0 {
            let value = Double(whole) + Double(fraction) / Double(scale)
            return Float(negative ? -value : value)
        }
        guard let slow = Float(utf8(r)), slow.isFinite else { return nil }
        return slow
    }

    /// The bytes of `r` decoded as UTF-8 (invalid sequences become U+FFFD).
    func utf8(_ r: Range<Int>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: base[r]), as: UTF8.self)
    }

    /// The bytes of `r` decoded as ISO-8859-1 (every byte is the code point of the same value).
    func latin1(_ r: Range<Int>) -> String {
        if !r.contains(where: { base[$0] >= 0x80 }) { return utf8(r) }
        var scalars = String.UnicodeScalarView()
        for i in r { scalars.append(Unicode.Scalar(base[i])) }
        return String(scalars)
    }

    /// A short quotable excerpt of `r` for error messages.
    func preview(_ r: Range<Int>) -> String {
        let text = utf8(r.lowerBound..<min(r.upperBound, r.lowerBound + 40))
        return r.count > 40 ? text + "…" : text
    }

    /// Splits `line` at every occurrence of the one- or two-byte `separator` into `fields`.
    @inline(__always) func split(_ line: Range<Int>, by separator: [UInt8], into fields: inout [Range<Int>]) {
        fields.removeAll(keepingCapacity: true)
        var start = line.lowerBound, i = line.lowerBound
        let end = line.upperBound, first = separator[0], width = separator.count
        while i < end {
            if base[i] == first && (width == 1 || (i + 1 < end && base[i + 1] == separator[1])) {
                fields.append(start..<i)
                i += width
                start = i
            } else {
                i += 1
            }
        }
        fields.append(start..<end)
    }
}

/// Walks the lines of a buffer; line numbers are 1-based, terminators (LF or CRLF) excluded.
struct LineReader {
    let view: ByteView
    private(set) var position = 0
    private(set) var lineNumber = 0

    init(_ view: ByteView) { self.view = view }

    /// The next line's byte range, or nil at the end of the buffer.
    mutating func next() -> Range<Int>? {
        let count = view.base.count
        guard position < count, let start = view.base.baseAddress else { return nil }
        lineNumber += 1
        let from = position
        var end = count
        if let hit = memchr(start + from, 0x0A, count - from) {
            end = start.distance(to: hit.assumingMemoryBound(to: UInt8.self))
        }
        position = end + 1
        return end > from && view[end - 1] == 0x0D ? from..<(end - 1) : from..<end
    }
}
